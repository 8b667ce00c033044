"""A practice shift in Chromium: contacts arrive in blended order, the trainee answers a
chat, a phone role-play and an e-mail, ends the shift and reads the feedback; the
cohort's trainer then sees it on the coaching page."""

from pathlib import Path

import pytest

from tests.fixtures.browser import sign_in

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/shots")


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"practice-{name}.png"), full_page=True)


def answer_next(page) -> None:
    page.get_by_role("button", name="Answer next").click()
    page.get_by_role("heading", name="Knowledge you need").wait_for()


def reply(page, text: str) -> None:
    page.get_by_label("Your reply").fill(text)
    page.get_by_role("button", name="Send reply").click()
    page.get_by_role("heading", name="What to do next time").wait_for()


def test_trainee_practice_shift_end_to_end(page, browser, live_server):
    sign_in(page, "employee@demo.serviceacademy.test")
    page.get_by_role("link", name="Practice", exact=True).click()
    page.get_by_role("button", name="Start “First steps (scripted)”").click()
    rows = page.locator("#ps-queue tr")
    rows.nth(5).wait_for(timeout=15_000)  # the poller adds them as they arrive
    channels = [rows.nth(i).get_attribute("data-channel") for i in range(rows.count())]
    assert channels == ["chat", "phone", "phone", "email", "phone", "fax"]
    assert "Auto-acknowledged" in rows.nth(3).inner_text()
    shot(page, "queue")

    answer_next(page)
    assert "Grace Liu" in page.locator("main").inner_text()
    shot(page, "chat")
    reply(page, "Hi Grace, I'm Eli from Harborlight. I'll refund the difference to your "
                "card today.")
    shot(page, "chat-feedback")
    assert "A strong reply" in page.locator("main").inner_text()
    page.get_by_role("link", name="Back to the queue").click()

    answer_next(page)
    for _ in range(8):
        if page.get_by_role("button", name="Finish call and see feedback").count():
            break
        page.locator(".practice-choice button").first.click()
    shot(page, "call")
    page.get_by_role("button", name="Finish call and see feedback").click()
    page.get_by_role("heading", name="Your call, line by line").wait_for()
    page.get_by_role("link", name="Back to the queue").click()

    page.locator("#ps-queue tr[data-channel=email]").get_by_role("button").click()
    reply(page, "Dear Martin, I'm sorry about the damaged Oakline desk. I've sent a "
                "replacement desktop by express at no cost; it arrives in 1 to 2 business "
                "days with tracking. No need to return the damaged top. Best regards, Eli")
    feedback = page.locator("main").inner_text()
    assert "Queue order" in feedback and "older contact(s) were waiting" in feedback
    page.get_by_role("link", name="Back to the queue").click()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="End shift").click()
    page.get_by_role("heading", name="Shift feedback").wait_for()
    text = page.locator("main").inner_text()
    assert "3 / 6" in text and "Work on next" in text and "Replay" in text
    assert "You opened Grace Liu" in text and "acknowledged automatically" in text
    shot(page, "review")

    trainer = browser.new_context(base_url=live_server.url).new_page()
    sign_in(trainer, "trainer@demo.serviceacademy.test")
    trainer.goto("/practice/coaching/")
    coaching = trainer.locator("main").inner_text()
    assert "Eli Employee" in coaching and "criteria met" in coaching.lower()
    shot(trainer, "coaching")


def test_a_reply_with_a_wrong_amount_is_told_which_fact_was_wrong(page):
    sign_in(page, "employee2@demo.serviceacademy.test")
    page.get_by_role("link", name="Practice", exact=True).click()
    page.get_by_role("button", name="Start “First steps (scripted)”").click()
    page.locator("#ps-queue tr[data-channel=chat]").wait_for(timeout=15_000)
    answer_next(page)
    assert "Grace Liu" in page.locator("main").inner_text()
    reply(page, "Hi Grace, I'm Eli from Harborlight. Your Lumen monitor was bought within "
                "14 days, so it qualifies for a price adjustment. I've refunded the $25 "
                "difference to your card; it appears in 3 to 5 business days.")
    wrong = page.locator("#wrong-facts")
    assert "A fact in your reply is wrong" in wrong.inner_text()
    assert "You wrote $25; the right fact: The $40 difference is refunded" in wrong.inner_text()
    criteria = page.locator("#criteria").inner_text()
    assert "Gives the key facts accurately" in criteria and "stated wrongly" in criteria
    assert "/ 5" in page.locator("main").inner_text()
    shot(page, "wrong-amount")
