"""The password page: a first password after a sign-in link, or a change."""

from datetime import timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.identity import services
from app.identity.models import LoginSession
from tests.fixtures.users import PASSWORD

NEW = "a brand new passphrase"


def _sessions(user) -> int:
    return db.session.scalar(select(func.count()).select_from(LoginSession)
                             .where(LoginSession.user_id == user.id))


def test_a_link_sign_in_without_a_password_leads_to_choosing_one(client, create_user):
    hire = create_user("employee", password=None)
    raw = services.issue_access_token(hire, timedelta(days=1), purpose="sign-in")
    db.session.commit()
    response = client.post(f"/i/{raw}")
    assert response.headers["Location"] == "/account/password"
    page = client.get("/account/password")
    assert b"Choose a password" in page.data and b"Current password" not in page.data

    saved = client.post("/account/password", data={"new_password": NEW, "confirm": NEW})
    assert saved.status_code == 302
    assert client.get("/learn/").status_code == 200  # this browser stays signed in
    client.post("/logout")
    assert client.post("/login", data={"email": hire.email, "password": NEW}).status_code == 302


def test_changing_needs_the_current_password_and_signs_out_other_browsers(
        app, client, create_user, login_as):
    user = create_user("supervisor")
    other = login_as(app.test_client(), user)
    login_as(client, user)
    wrong = client.post("/account/password", data={
        "current_password": "not it at all", "new_password": NEW, "confirm": NEW})
    assert wrong.status_code == 400 and b"not your current password" in wrong.data
    short = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": "short", "confirm": "short"})
    assert short.status_code == 400
    differ = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": NEW, "confirm": NEW + "!"})
    assert differ.status_code == 400 and b"differ" in differ.data
    assert services.authenticate(user.email, PASSWORD) is not None  # nothing changed yet

    ok = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": NEW, "confirm": NEW})
    assert ok.status_code == 302
    assert services.authenticate(user.email, NEW) is not None
    assert services.authenticate(user.email, PASSWORD) is None
    assert _sessions(user) == 1  # only this browser's fresh session
    assert other.get("/monitoring/").status_code == 302  # the other one is signed out
    assert client.get("/monitoring/").status_code == 200


def test_candidates_have_no_password_page(client, create_user, login_as):
    login_as(client, create_user("candidate", password=None))
    assert client.get("/account/password").status_code == 403
