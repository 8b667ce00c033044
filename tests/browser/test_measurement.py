"""Measurement pages in Chromium: the cut-score slider updates the figures in place."""

import re
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db
from tests.fixtures.app import ROOT, migrate_to_head
from tests.fixtures.browser import DEMO_PASSWORD, LiveServer

pytestmark = pytest.mark.browser
SHOTS = "/tmp/shots"


@pytest.fixture(scope="module")
def measured_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Its own live server with the demo world plus the measurement sample, so the other
    browser tests' pipeline stays as they expect."""
    import threading

    tmp = tmp_path_factory.mktemp("measure")
    app = create_app({
        "TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'm.db'}",
        "SQLALCHEMY_BINDS": {"practice": f"sqlite:///{tmp / 'm-p.db'}"},
        "CONTENT_ROOT": str(ROOT), "SECRET_KEY": "measure-live-secret-0123456789abcdef",
        "PASSWORD_HASH_FAST": True, "LOGIN_RATE_LIMIT": "1000 per minute",
    })
    migrate_to_head(app)
    with app.app_context():
        from app.demo import DEMO_USERS, seed_demo
        from app.identity.models import User
        from app.measurement import demo

        seed_demo(DEMO_PASSWORD)
        users = {role: db.session.scalar(select(User).where(User.email == email))
                 for role, email, _, _ in DEMO_USERS}
        demo.seed(users)
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(app, f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()


def _sign_in(browser, server: LiveServer, email: str):
    context = browser.new_context(base_url=server.url, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    return page


def test_recruiter_moves_the_cut_and_sees_the_impact(browser, measured_server):
    page = _sign_in(browser, measured_server, "recruiter@demo.serviceacademy.test")
    page.goto("/measurement/")
    page.get_by_role("link", name="Cut-score what-if").first.click()
    results = page.locator("#what-if-results")
    before = results.inner_text()
    page.locator("#cut-range").fill("55")
    page.locator("#what-if-results", has_text="Pass rate at 55").wait_for()
    assert results.inner_text() != before
    assert page.locator("#cut_score").input_value() == "55"
    page.screenshot(path=f"{SHOTS}/measurement-cut-score.png", full_page=True)
    page.goto("/measurement/profiles/contact-center-agent/validity")
    assert page.get_by_text("95 % CI").first.is_visible()
    page.screenshot(path=f"{SHOTS}/measurement-validity.png", full_page=True)
    page.goto("/measurement/profiles/contact-center-agent/impact")
    page.screenshot(path=f"{SHOTS}/measurement-impact.png", full_page=True)


def test_author_sees_items_structure_and_norms(browser, measured_server):
    page = _sign_in(browser, measured_server, "author@demo.serviceacademy.test")
    page.goto("/measurement/instruments/service-aptitude/items")
    assert page.get_by_role("heading", name="Reliability per trait").is_visible()
    page.screenshot(path=f"{SHOTS}/measurement-items.png", full_page=True)
    page.goto("/measurement/instruments/service-aptitude/structure")
    page.screenshot(path=f"{SHOTS}/measurement-structure.png", full_page=True)
    page.goto("/measurement/instruments/service-aptitude/norms")
    page.get_by_label("Who the norm group is").fill("Demo applicants, all periods.")
    page.get_by_role("button", name="Build, dry-run and log").click()
    page.get_by_role("heading",
                     name=re.compile(r"Norm table service-aptitude-v2 \(n = \d+\)")).wait_for()
    page.screenshot(path=f"{SHOTS}/measurement-norm-decision.png", full_page=True)
