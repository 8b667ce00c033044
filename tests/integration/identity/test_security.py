import re

import pytest


def test_security_headers_on_every_page(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "max-age=" in response.headers["Strict-Transport-Security"]
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_upload_size_is_capped(app):
    assert 0 < app.config["MAX_CONTENT_LENGTH"] <= 10 * 1024 * 1024


def test_session_cookie_flags(app, client, users):
    client.post("/login", data={"email": users["admin"].email,
                                "password": "correct horse battery staple"})
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax"


def _url_for_rule(rule) -> str:
    url = rule.rule
    for arg in rule.arguments:
        url = re.sub(rf"<(?:[^:<>]+:)?{arg}>", "1", url)
    return url


def test_every_post_route_rejects_a_missing_csrf_token(csrf_app, users, login_as):
    post_rules = [r for r in csrf_app.url_map.iter_rules() if "POST" in r.methods]
    assert len(post_rules) >= 5
    client = login_as(csrf_app.test_client(), users["admin"])
    for rule in post_rules:
        response = client.post(_url_for_rule(rule), data={"anything": "1"})
        if rule.endpoint.startswith("api."):
            # the JSON API takes bearer tokens only, never the session cookie, so a
            # forged cross-site request carries no credentials at all
            assert response.status_code == 401, f"{rule.rule} did not ask for a token"
            continue
        assert response.status_code == 400, f"{rule.rule} accepted a POST without CSRF token"
        assert b"security token" in response.data, rule.rule


def test_a_valid_csrf_token_is_accepted(csrf_app, users):
    client = csrf_app.test_client()
    page = client.get("/login").data.decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/login", data={"csrf_token": token, "email": users["admin"].email,
                                           "password": "correct horse battery staple"})
    assert response.status_code == 302


@pytest.mark.parametrize("path", ["/admin/", "/admin/groups", "/admin/audit", "/content/"])
def test_admin_pages_refuse_other_roles(client, users, login_as, path):
    login_as(client, users["employee"])
    assert client.get(path).status_code == 403


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_error_pages_show_no_stack_trace(client, users, login_as):
    login_as(client, users["admin"])
    response = client.get("/admin/users/999999")
    assert response.status_code == 404
    assert b"Traceback" not in response.data and b"Not found" in response.data
