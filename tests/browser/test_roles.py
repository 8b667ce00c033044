"""Every demo role signs in through the real login form and lands on its home page."""

import pytest

from tests.fixtures.browser import sign_in

pytestmark = pytest.mark.browser

HOME_HEADINGS = {
    "admin": "Users",
    "recruiter": "Candidate pipeline",
    "author": "Content",
    "trainer": "My cohorts",
    "supervisor": "My team",
    "employee": "My learning",
}


@pytest.mark.parametrize("role", sorted(HOME_HEADINGS))
def test_demo_role_lands_on_its_home_page(page, live_server, role):
    email = f"{role}@demo.serviceacademy.test"
    sign_in(page, email)
    page.get_by_role("heading", level=1, name=HOME_HEADINGS[role]).wait_for()
    assert page.get_by_role("navigation", name="Main").is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    header = page.locator(".header-row").bounding_box()
    nav = page.locator("nav[aria-label=Main]").bounding_box()
    account = page.locator(".account").bounding_box()
    assert header["height"] < 70, f"the {role} header wraps at 1280 px"
    assert abs(nav["y"] - account["y"]) < 20  # the account links sit on the nav's line
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in").wait_for()


def test_wrong_password_shows_a_clear_message(page):
    sign_in(page, "admin@demo.serviceacademy.test", "wrong-password-123")
    assert page.get_by_text("do not match an active account").is_visible()


def test_demo_candidate_enters_through_an_invitation_link(page, live_server):
    from datetime import timedelta

    from sqlalchemy import select

    from app.extensions import db
    from app.identity import services
    from app.identity.models import User

    with live_server.app.app_context():
        candidate = db.session.scalar(
            select(User).where(User.email == "candidate@demo.serviceacademy.test")
        )
        raw = services.issue_access_token(candidate, timedelta(hours=1))
        db.session.commit()
    page.goto(f"/i/{raw}")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", level=1, name="Welcome, Cam Candidate").wait_for()
    assert raw not in page.url
