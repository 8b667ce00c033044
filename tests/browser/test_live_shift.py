"""A live 10-minute shift in Chromium (clock sped up 10x): a chat arrives while a call is
open, the call is a free-text conversation whose answers follow what the trainee wrote,
and a caller left waiting hangs up. Afterwards the trainee tries the call again, compares
the two attempts and sees the progress chart.

Screenshots at 1280 and 390 px go to $PRACTICE_SHOTS (default /tmp/shots)."""

import os
import re
from pathlib import Path

import pytest

from tests.browser.test_practice import shot
from tests.fixtures.browser import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def fast_clock(live_server):
    live_server.app.config["PRACTICE_TIME_FACTOR"] = 10
    yield
    live_server.app.config["PRACTICE_TIME_FACTOR"] = 1


WIDTHS = (1280, 390)
#: when the page scrolls sideways, the elements sticking out past the window's right edge
OVERFLOW = """() => document.documentElement.scrollWidth <= document.documentElement.clientWidth
  ? [] : ["page " + document.documentElement.scrollWidth + " px", ...[...document
  .querySelectorAll('body *')]
  .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map((el) => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right))
  .slice(0, 8)]"""


def shots(page, name: str) -> None:
    """Full-page screenshots of the current page at each width."""
    folder = Path(os.environ.get("PRACTICE_SHOTS", "/tmp/shots"))
    folder.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
        wider = page.evaluate(OVERFLOW)
        assert not wider, (name, width, wider)
    page.set_viewport_size({"width": 1200, "height": 900})


def say(page, text: str) -> str:
    before = page.locator(".practice-dialogue li").count()
    page.get_by_label("What you say").fill(text)
    page.get_by_role("button", name="Say it").click()
    page.locator(".practice-dialogue li").nth(before + 1).wait_for()
    return page.locator(".practice-dialogue li.says-customer").last.inner_text()


def test_live_shift_conversation_arrivals_and_a_hang_up(page, fast_clock):
    sign_in(page, "employee2@demo.serviceacademy.test")
    page.goto("/practice/")
    page.get_by_role("button", name="Start “Live shift, 10 minutes”").click()
    page.locator("#ps-queue tr[data-channel=phone]").wait_for(timeout=15_000)
    page.get_by_role("button", name="Answer next").click()
    page.get_by_role("heading", name="Call with Rosa Delgado").wait_for()
    assert page.locator("#pd-queue li").count() == 0

    first = say(page, "Hello, I'm Sam. I'm so sorry you were charged twice, that must be "
                      "really frustrating. Which card did you pay with?")
    assert "Visa ending 4417" in first
    second = say(page, "Thanks Rosa. The second $549 charge is a duplicate and is being "
                       "reversed.")
    assert "when do I actually get the money back" in second
    wrong = say(page, "The money returns to the card within 10 business days.")
    assert "not what I'm seeing" in wrong
    right = say(page, "Sorry, my mistake. The money returns to the card within 3 to 5 "
                      "business days. A confirmation e-mail is sent today.")
    assert "not what I'm seeing" not in right and right != wrong
    # the clock kept running: the chat arrived while the call was open
    page.locator("#pd-queue li[data-channel=chat]").wait_for(timeout=15_000)
    assert "you are busy" in page.locator("#pd-queue").inner_text()
    shot(page, "live-call")
    shots(page, "phone-conversation")
    done = say(page, "I will check your card myself on Friday and call you back by 5 pm if "
                     "it is not there.")
    assert "relief" in done
    assert page.locator("#talk-ended").inner_text() == "Resolved"
    page.get_by_role("button", name="Finish and see feedback").click()
    page.get_by_role("heading", name="The whole conversation").wait_for()
    feedback = page.locator("main").inner_text()
    assert "Wrong fact" in feedback and "turn 3" in feedback
    assert "Turn 1: You introduced yourself by name." in feedback
    page.get_by_role("link", name="Back to the queue").click()

    daniel = page.locator("#ps-queue tr[data-contact=phone-missed-office-delivery]")
    daniel.wait_for(timeout=20_000)
    shot(page, "live-queue")
    page.locator("#ps-queue tr[data-channel=chat] button").first.click()
    page.get_by_role("heading", name=re.compile("Chat with")).wait_for()
    page.get_by_label("What you say").fill("Hi, I'm Sam. How can I help?")
    page.get_by_role("button", name="Send").click()
    page.locator(".practice-dialogue li").nth(2).wait_for()
    shots(page, "live-queue-contact-open")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Close contact and see feedback").click()
    page.get_by_role("link", name="Back to the queue").click()
    daniel.wait_for(state="detached", timeout=30_000)  # 120 s of patience at 10x
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="End shift").click()
    page.get_by_role("heading", name="Shift feedback").wait_for()
    text = page.locator("main").inner_text()
    assert "Daniel Reyes hung up after waiting" in text
    assert "You opened Rosa Delgado (the clock kept running)" in text
    assert re.search(r"Offered counts customers who reached the queue", text)
    shot(page, "live-summary")
    shots(page, "shift-summary")

    # try Rosa's call again, outside the queue, and compare the two attempts
    page.get_by_role("button", name="Try “Charged twice for one standing desk” again").click()
    page.get_by_role("heading", name="Call with Rosa Delgado").wait_for()
    assert "outside the queue" in page.locator("#retry-note").inner_text()
    assert page.locator("#practice-desk").count() == 0
    say(page, "Hello, I'm Sam. I'm so sorry you were charged twice. Which card did you "
              "pay with?")
    say(page, "Thanks Rosa. The second $549 charge is a duplicate and is being reversed.")
    say(page, "The money returns to the card within 3 to 5 business days. A confirmation "
              "e-mail is sent today.")
    assert "relief" in say(page, "I will check your card myself on Friday and call you back "
                                 "by 5 pm if it is not there.")
    page.get_by_role("button", name="Finish and see feedback").click()
    page.get_by_role("heading", name="Attempt 1 and attempt 2 side by side").wait_for()
    assert page.locator("#compare-criteria tbody tr").count() == 9
    first, second = page.locator("#attempt-1").inner_text(), page.locator("#attempt-2").inner_text()
    assert "10 business days" in first and "10 business days" not in second
    assert "so sorry you were charged twice. Which card" in second
    assert re.search(r"Overall: \d of 9 criteria met, then \d of 9", page.locator(
        "#compare-overall").inner_text())
    shots(page, "attempts-compared")

    page.get_by_role("link", name="Your progress").click()
    page.get_by_role("heading", name="Your progress across shifts").wait_for()
    assert page.locator("#trend-charts svg[role=img]").count() == 10
    assert page.locator("#trend-charts svg title").first.text_content().startswith(
        "Introduces self")
    assert page.locator("#trend-table tbody tr").count() == 10
    shots(page, "trend-chart")
