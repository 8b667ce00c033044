"""The candidate's test page: unanswered-items warning, hand-in at time-up, resume at
the first unanswered item, one section per screen; the recruiter's hurdle badge."""

from datetime import timedelta

import pytest

from tests.fixtures.browser import sign_in

pytestmark = pytest.mark.browser


def _started_candidate(browser, live_server, name: str, viewport=None):
    from sqlalchemy import select

    from app.extensions import db
    from app.hiring import services
    from app.hiring.models import JobOpening

    with live_server.app.app_context():
        opening = db.session.scalar(select(JobOpening).order_by(JobOpening.id))
        email = name.lower().replace(" ", ".") + "@example.test"
        _, raw = services.invite_candidate(opening, name, email)
        db.session.commit()
    context = browser.new_context(base_url=live_server.url,
                                  viewport=viewport or {"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"/i/{raw}")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("I have read the privacy notice", exact=False).check()
    page.get_by_role("button", name="Start the test").click()
    page.locator("#test-bar").wait_for()
    return context, page


def test_submitting_with_unanswered_items_names_the_count(browser, live_server):
    context, page = _started_candidate(browser, live_server, "Una Answered")
    total = int(page.locator("#test-bar").get_attribute("data-total"))
    note = page.locator("#unanswered-note")
    assert note.inner_text() == f"{total} of {total} items are still unanswered."
    messages = []

    def dismiss(dialog):
        messages.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.get_by_role("button", name="Submit my answers").click()
    page.wait_for_timeout(300)
    assert messages and f"answered 0 of {total} items" in messages[0]
    assert f"{total} unanswered items count as not answered" in messages[0]
    assert "/candidate/test" in page.url  # dismissed: still on the test
    page.locator("fieldset.item-likert").first.locator("label.option").nth(2).click()
    page.get_by_text("All answers saved").wait_for()
    assert note.inner_text() == f"{total - 1} of {total} items are still unanswered."
    context.close()


def test_time_up_goes_straight_to_the_thank_you_page(browser, live_server):
    from sqlalchemy import select

    from app.extensions import db
    from app.hiring.models import Attempt, Invitation
    from app.identity.models import User
    from app.orm import utcnow

    context, page = _started_candidate(browser, live_server, "Tim Eup")
    with live_server.app.app_context():
        attempt = db.session.scalar(select(Attempt).join(Invitation).join(
            User, User.id == Invitation.candidate_id).where(User.name == "Tim Eup"))
        attempt.deadline_at = utcnow() + timedelta(seconds=4)
        db.session.commit()
    loads = []
    page.on("request", lambda r: r.resource_type == "document" and loads.append(r.url))
    page.reload()
    page.locator("#test-bar").wait_for()
    page.get_by_role("heading", name="Thank you, Tim Eup").wait_for(timeout=12_000)
    test_loads = [u for u in loads if u.endswith("/candidate/test")]
    assert len(test_loads) == 1, loads  # the reload above; no 0:00 reload loop
    with live_server.app.app_context():
        attempt = db.session.scalar(select(Attempt).join(Invitation).join(
            User, User.id == Invitation.candidate_id).where(User.name == "Tim Eup"))
        assert attempt.status != "in_progress" and attempt.end_reason == "expired"
    context.close()


def test_resume_opens_at_the_first_unanswered_item(browser, live_server):
    context, page = _started_candidate(browser, live_server, "Ria Sume",
                                       viewport={"width": 390, "height": 844})
    items = page.locator("fieldset.item")
    for i in range(4):
        items.nth(i).locator("label.option").first.click()
    page.get_by_text("All answers saved").wait_for()
    fifth = items.nth(4).get_attribute("data-item")
    page.goto("/candidate/")
    page.locator("#test-bar").wait_for()
    page.wait_for_timeout(300)
    focused = page.evaluate("() => document.activeElement.closest('fieldset.item')?.dataset.item")
    assert focused == fifth
    assert page.evaluate("() => window.scrollY") > 300
    box = items.nth(4).bounding_box()
    assert 0 <= box["y"] < 844

    page.get_by_role("button", name="Show one section per screen").click()
    visible = page.locator("section.test-section:visible")
    assert visible.count() == 1
    assert page.locator("#section-pager .section-position").inner_text().startswith("Section 1 of")
    page.get_by_role("button", name="Next section →").click()
    assert page.locator("#section-pager .section-position").inner_text().startswith("Section 2 of")
    context.close()


def test_hurdle_badge_is_not_clipped_at_1280(page, live_server):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "recruiter@demo.serviceacademy.test")
    page.goto("/hiring/")
    for link in page.locator("tbody tr td:nth-child(2) a").all()[:8]:
        href = link.get_attribute("href")
        detail = page.context.new_page()
        detail.goto(live_server.url + href)
        card = detail.locator("section.card", has_text="Hurdle recommendation")
        badge = card.locator(".badge").first
        if badge.count():
            fits = badge.evaluate("""b => { const c = b.closest('.card').getBoundingClientRect();
                const r = b.getBoundingClientRect();
                return b.scrollWidth <= b.clientWidth + 1 && r.right <= c.right + 0.5; }""")
            assert fits, detail.url
        detail.close()
    nav = page.locator("header .nav")
    first, last = nav.locator("li").first.bounding_box(), nav.locator("li").last.bounding_box()
    assert abs(first["y"] - last["y"]) < 2  # the navigation stays on one line at 1280
    account = page.locator("header .account").bounding_box()
    assert account["y"] < first["y"] + first["height"]  # and the account beside it
