"""Input rules that hold for every slice: deep JSON and control characters are refused
with a 400 naming the field, before any view (or login check) runs."""

import pytest

from app.inputs import MAX_JSON_DEPTH, control_character, json_depth

DEEP = b"[" * 50_000 + b"]" * 50_000


def test_depth_counts_brackets_outside_strings_only():
    assert json_depth(b'{"a": [1, [2]]}') == 0  # few brackets: not even scanned
    nested = b"[" * (MAX_JSON_DEPTH + 1) + b"]" * (MAX_JSON_DEPTH + 1)
    assert json_depth(nested) == MAX_JSON_DEPTH + 1
    in_text = b'{"v": "' + b"[" * 5000 + b'\\" [[["}'
    assert json_depth(in_text) == 1


def test_control_characters_are_named_and_ordinary_text_passes():
    assert control_character("Ana\x00") and control_character("x\x7f") and control_character("\x85")
    assert control_character("line one\nline two\ttabbed\r\n") is None
    assert control_character("Zoë Ångström – 日本") is None


def test_deep_autosave_json_is_a_400_before_any_login_check(client):
    r = client.post("/candidate/test/answer", data=DEEP, content_type="application/json")
    assert r.status_code == 400
    assert r.get_json()["error"] == {"message": r.get_json()["error"]["message"], "field": "body"}


def test_autosave_refuses_a_nul_in_a_text_answer(client):
    r = client.post("/candidate/test/answer", content_type="application/json",
                    data=b'{"item": "x", "value": "a\\u0000b", "seq": 1}')
    assert r.status_code == 400 and r.get_json()["error"]["field"] == "value"


@pytest.mark.parametrize("email", ["ana\x00@example.test", "ana\x01@example.test"])
def test_a_control_character_in_a_form_field_is_a_400_naming_it(client, email):
    r = client.post("/login", data={"email": email, "password": "whatever-long-enough"})
    body = r.get_data(True)
    assert r.status_code == 400 and "&#39;email&#39; must not contain control characters" in body


def test_a_control_character_in_a_query_string_is_a_400(client):
    assert client.get("/login?next=%00").status_code == 400


def test_text_with_a_tab_still_posts(client, login_as, users):
    login_as(client, users["recruiter"])
    r = client.post("/account/api-tokens/", data={"name": "Workday\tsync", "role": "recruiter"})
    assert r.status_code == 200 and 'id="new-token"' in r.get_data(True)
