"""The mailed invitation in Chromium: the link from a real SMTP server opens the test;
on a second device the spent link leads to a fresh link by e-mail, which resumes."""

from __future__ import annotations

import re
import time

import pytest
from aiosmtpd.controller import Controller

from tests.fixtures.browser import sign_in
from tests.integration.mail.conftest import Collect

pytestmark = pytest.mark.browser
SMTP_PORT = 5128


@pytest.fixture
def smtp(live_server, monkeypatch):
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    app = live_server.app
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", SMTP_PORT)
    state = app.extensions["mailman"]
    for name, value in (("server", "127.0.0.1"), ("port", SMTP_PORT), ("use_tls", False),
                        ("use_ssl", False)):
        monkeypatch.setattr(state, name, value, raising=False)
    yield handler
    controller.stop()


def _link(handler: Collect, to: str, count: int) -> str:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        mine = [m for m in handler.messages if to in m["To"]]
        if len(mine) >= count:
            text = mine[count - 1].get_body(("plain",)).get_content()
            return re.search(r"http://\S+/i/[\w\-]+", text).group(0)
        time.sleep(0.1)
    raise AssertionError(f"message {count} to {to} did not arrive")


def test_the_mailed_link_opens_the_test_and_a_fresh_link_resumes_it(browser, live_server, smtp,
                                                                     tmp_path):
    recruiter = browser.new_context(base_url=live_server.url)
    rpage = recruiter.new_page()
    sign_in(rpage, "recruiter@demo.serviceacademy.test")
    rpage.get_by_role("link", name="Openings", exact=True).click()
    rpage.get_by_role("link", name="Customer-care agent (phone)").click()
    rpage.get_by_label("Candidate name").fill("Mia Mailed")
    rpage.get_by_label("E-mail").fill("mia.mailed@example.test")
    rpage.get_by_role("button", name="Invite", exact=True).click()
    rpage.get_by_text("have been e-mailed").wait_for()
    link = _link(smtp, "mia.mailed@example.test", 1)

    laptop = browser.new_context(base_url=live_server.url)
    page = laptop.new_page()
    page.goto(link)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Welcome, Mia Mailed").wait_for()
    page.get_by_label(re.compile("I have read the privacy notice")).check()
    page.get_by_role("button", name="Start the test").click()
    page.locator("#test-bar").wait_for()
    page.locator("fieldset.item-likert").first.locator("label.option").nth(2).click()
    page.get_by_text("All answers saved").wait_for()

    phone = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    mobile = phone.new_page()
    mobile.goto(link)
    mobile.get_by_text("already been used").wait_for()
    mobile.get_by_role("link", name="Get a new link by e-mail").click()
    mobile.get_by_label("E-mail").fill("mia.mailed@example.test")
    mobile.get_by_role("button", name="Send me a new link").click()
    mobile.get_by_text("a new link is on its way").wait_for()
    mobile.screenshot(path=str(tmp_path / "fresh-link-sent.png"))
    fresh = _link(smtp, "mia.mailed@example.test", 2)
    assert fresh != link
    mobile.goto(fresh)
    mobile.get_by_role("button", name="Continue").click()
    mobile.locator("#test-bar").wait_for()
    assert mobile.locator("fieldset.item-likert input:checked").count() == 1

    rpage.get_by_role("link", name="Mia Mailed").first.click()
    rpage.get_by_role("heading", name="E-mail to the candidate").wait_for()
    assert rpage.locator("#mail-h ~ .table-wrap table tbody tr").count() == 2
    assert rpage.locator("#mail-h ~ .table-wrap .badge-ok").count() == 2
    for context in (recruiter, laptop, phone):
        context.close()
