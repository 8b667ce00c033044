import re
import time
from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.identity import services
from app.identity.models import AccessToken, LoginSession
from tests.fixtures.users import PASSWORD

HOMES = {
    "admin": "/admin/",
    "recruiter": "/hiring/",
    "author": "/content/",
    "trainer": "/learn/cohorts",
    "supervisor": "/monitoring/",
    "employee": "/learn/",
}


def _login(client, email, password=PASSWORD):
    return client.post("/login", data={"email": email, "password": password})


def test_each_role_lands_on_its_home_page(client, users):
    for role, home in HOMES.items():
        response = _login(client, users[role].email)
        assert response.status_code == 302, role
        assert response.headers["Location"] == home
        assert client.get(home).status_code == 200
        client.post("/logout")


def test_wrong_password_and_unknown_user_get_the_same_answer(client, users):
    wrong = _login(client, users["employee"].email, "not the password")
    unknown = _login(client, "nobody@example.test", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert b"do not match an active account" in wrong.data
    def page(response, email):  # the CSRF token is signed with a timestamp: drop it
        body = response.data.replace(email.encode(), b"")
        return re.sub(rb'name="csrf-token" content="[^"]*"', b"", body)

    assert page(wrong, users["employee"].email) == page(unknown, "nobody@example.test")


def test_sixth_failure_within_a_minute_is_refused(client, users):
    for _ in range(5):
        assert _login(client, users["employee"].email, "bad password!").status_code == 401
    assert _login(client, users["employee"].email, "bad password!").status_code == 429
    # even the right password is refused while the limit holds
    assert _login(client, users["employee"].email).status_code == 429


def test_successful_logins_do_not_count_towards_the_limit(client, users):
    for _ in range(8):
        assert _login(client, users["employee"].email).status_code == 302
        client.post("/logout")


def test_copied_cookie_is_rejected_after_logout(app, client, users):
    _login(client, users["employee"].email)
    cookie = client.get_cookie("session").value
    assert client.get("/learn/").status_code == 200
    client.post("/logout")
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    response = thief.get("/learn/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_disabling_an_account_ends_its_sessions(app, client, users):
    _login(client, users["employee"].email)
    assert client.get("/learn/").status_code == 200
    services.set_disabled(users["employee"], True)
    db.session.commit()
    assert client.get("/learn/").status_code == 302
    assert db.session.scalars(
        select(LoginSession).where(LoginSession.user_id == users["employee"].id)
    ).all() == []


def test_session_is_rotated_on_login(client, users):
    client.get("/login")
    with client.session_transaction() as sess:
        sess["planted"] = "by an attacker"
    _login(client, users["employee"].email)
    with client.session_transaction() as sess:
        assert "planted" not in sess


def test_passwords_are_hashed_with_argon2(users):
    assert users["employee"].password_hash.startswith("$argon2id$")


def test_candidate_invitation_is_single_use_and_leaves_the_url(app, client, create_user):
    candidate = create_user("candidate")
    raw = services.issue_access_token(candidate, timedelta(days=1))
    db.session.commit()
    assert len(raw) >= 22  # >= 128 bits of url-safe base64
    page = client.get(f"/i/{raw}")
    assert page.status_code == 200 and b"Continue" in page.data
    response = client.post(f"/i/{raw}")
    assert response.status_code == 302 and raw not in response.headers["Location"]
    assert client.get("/candidate/").status_code == 200
    again = app.test_client().get(f"/i/{raw}")
    assert again.status_code == 410 and b"already been used" in again.data


def test_expired_revoked_and_tampered_invitations_are_refused(client, create_user):
    candidate = create_user("candidate")
    expired = services.issue_access_token(candidate, timedelta(seconds=-1))
    revoked = services.issue_access_token(candidate, timedelta(days=1))
    db.session.scalar(
        select(AccessToken).where(AccessToken.token_hash == services.hash_token(revoked))
    ).revoked_at = services.utcnow()
    db.session.commit()
    assert b"expired" in client.get(f"/i/{expired}").data
    assert b"withdrawn" in client.get(f"/i/{revoked}").data
    tampered = client.post(f"/i/{revoked[:-2]}xx")
    assert tampered.status_code == 410 and b"not valid" in tampered.data
    assert client.get("/candidate/").status_code == 302


def test_candidates_cannot_sign_in_with_a_password(client, create_user):
    candidate = create_user("candidate")
    assert candidate.password_hash is None
    assert _login(client, candidate.email, "").status_code == 200  # form error, no login
    assert _login(client, candidate.email, PASSWORD).status_code == 401


def test_failures_for_one_account_from_many_addresses_pause_that_account(client, users):
    email = users["employee"].email
    for n in range(10):
        response = client.post("/login", data={"email": email, "password": "wrong guess!"},
                               environ_base={"REMOTE_ADDR": f"203.0.113.{n}"})
        assert response.status_code == 401
    paused = client.post("/login", data={"email": email, "password": PASSWORD},
                         environ_base={"REMOTE_ADDR": "198.51.100.7"})
    assert paused.status_code == 429
    assert 0 < int(paused.headers["Retry-After"]) <= 15 * 60
    assert b"Too many failed sign-ins for this account" in paused.data
    # other accounts are untouched
    other = client.post("/login", data={"email": users["admin"].email, "password": PASSWORD},
                        environ_base={"REMOTE_ADDR": "198.51.100.7"})
    assert other.status_code == 302


def test_the_account_pause_is_bounded(client, users, monkeypatch):
    email = users["employee"].email
    for n in range(10):
        client.post("/login", data={"email": email, "password": "wrong guess!"},
                    environ_base={"REMOTE_ADDR": f"203.0.113.{n}"})
    later = time.time() + 15 * 60 + 1
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post("/login", data={"email": email, "password": PASSWORD},
                           environ_base={"REMOTE_ADDR": "198.51.100.8"})
    assert response.status_code == 302
