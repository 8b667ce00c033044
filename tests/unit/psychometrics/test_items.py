"""Each item kind: validation of raw form values and hand-computed points."""

from __future__ import annotations

import pytest

from app.psychometrics import ITEM_KINDS, JudgedReply

from .samples import GOOD_REPLY, POOR_REPLY


def test_registry_has_the_five_kinds():
    assert set(ITEM_KINDS) == {"likert", "sjt", "forced_choice", "ranking_block", "work_sample"}


def test_likert_keyed_and_reverse_points(mini):
    instrument, _, _ = mini
    likert = ITEM_KINDS["likert"]
    keyed, reverse = instrument.item("a1"), instrument.item("a2")
    assert [likert.score(keyed, v) for v in (1, 3, 5)] == [{"a": 0}, {"a": 2}, {"a": 4}]
    assert [likert.score(reverse, v) for v in (1, 3, 5)] == [{"a": 4}, {"a": 2}, {"a": 0}]
    assert likert.max_points(keyed) == {"a": 4}


@pytest.mark.parametrize(("raw", "expected"), [("4", 4), (" 5 ", 5), (1, 1)])
def test_likert_accepts_form_strings(mini, raw, expected):
    instrument, _, _ = mini
    assert ITEM_KINDS["likert"].validate(instrument.item("a1"), raw) == expected


@pytest.mark.parametrize("raw", ["6", "0", "abc", "", True, 2.5, None])
def test_likert_rejects_bad_values(mini, raw):
    instrument, _, _ = mini
    with pytest.raises(ValueError, match="item a1"):
        ITEM_KINDS["likert"].validate(instrument.item("a1"), raw)


def test_sjt_points_per_option(mini):
    instrument, _, _ = mini
    sjt, item = ITEM_KINDS["sjt"], instrument.item("s1")
    assert sjt.score(item, "x") == {"a": 2}
    assert sjt.score(item, "y") == {"a": 1, "b": 1}
    assert sjt.score(item, "z") == {}
    assert sjt.max_points(item) == {"a": 2, "b": 1}
    with pytest.raises(ValueError, match="unknown option 'w'; expected one of x, y, z"):
        sjt.validate(item, "w")


def test_forced_choice_gives_one_point_to_the_chosen_trait(mini):
    instrument, _, _ = mini
    fc, item = ITEM_KINDS["forced_choice"], instrument.item("f1")
    assert fc.score(item, "p") == {"a": 1, "b": 0}
    assert fc.score(item, "q") == {"a": 0, "b": 1}
    with pytest.raises(ValueError):
        fc.validate(item, "r")


def test_work_sample_rubric_points(mini):
    instrument, _, _ = mini
    ws, item = ITEM_KINDS["work_sample"], instrument.item("w1")
    assert ws.score(item, "Hello Kim, it arrives tomorrow.") == {"b": 2, "a": 1}
    assert ws.score(item, "Tomorrow.") == {"b": 0, "a": 0}
    assert ws.score(item, "Hello " + "word " * 20) == {"b": 2, "a": 0}


@pytest.mark.parametrize(("overall", "points"), [
    (1, {"b": 0, "a": 0}), (2, {"b": 1, "a": 0}), (3, {"b": 1, "a": 1}),
    (4, {"b": 2, "a": 1}), (5, {"b": 2, "a": 1}),
])
def test_a_judged_reply_earns_points_by_its_overall(mini, overall, points):
    instrument, _, _ = mini
    ws, item = ITEM_KINDS["work_sample"], instrument.item("w1")
    # The keyword checks would give "Tomorrow." nothing: the overall alone decides.
    assert ws.score(item, JudgedReply("Tomorrow.", overall, "recruiter")) == points


def test_a_judged_reply_is_validated_like_text(mini):
    instrument, _, _ = mini
    ws, item = ITEM_KINDS["work_sample"], instrument.item("w1")
    with pytest.raises(ValueError, match="1 to 5"):
        ws.validate(item, JudgedReply("Hello Kim.", 6))
    with pytest.raises(ValueError, match="empty"):
        ws.validate(item, JudgedReply("  ", 3))


@pytest.mark.parametrize(
    ("raw", "message"), [("   ", "empty"), ("x" * 201, "longer"), (5, "expected text")]
)
def test_work_sample_rejects_bad_text(mini, raw, message):
    instrument, _, _ = mini
    with pytest.raises(ValueError, match=message):
        ITEM_KINDS["work_sample"].validate(instrument.item("w1"), raw)


def test_shipped_work_sample_rubric_is_explainable(shipped):
    from app.psychometrics.work_sample import evaluate_rubric

    instrument, _, _ = shipped
    item = instrument.item("ws-late-delivery")
    good = evaluate_rubric(item, GOOD_REPLY)
    assert all(r.met for r in good), [(r.id, r.evidence) for r in good if not r.met]
    poor = {r.id: r for r in evaluate_rubric(item, POOR_REPLY)}
    assert not any(r.met for r in poor.values())
    assert poor["apologises-without-blame"].evidence == "found “Sorry”; avoid “You should have”"
    assert poor["no-jargon"].evidence == "avoid “as per”"
