"""The job tryout in Chromium: a candidate works the shift (a contact arrives while a call
is open, a talking customer over three turns, an e-mail), closes the tab and resumes,
submits; the recruiter sees the replay and the tryout score in the composite and the PDF.

The shift's clock follows the server's; to keep the test short it moves the stored wall
time back (as if seconds had passed), which the next request turns into simulated time."""

import os
import re
import shutil
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.extensions import db
from app.hiring import services
from app.hiring.catalog import setup_for
from app.hiring.models import Invitation
from app.hiring.tryout import shift
from app.hiring.tryout.content import form as load_form
from app.hiring.tryout.demo import TITLE
from app.hiring.tryout.models import TryoutRun
from app.identity.models import User
from tests.browser.test_crawl import _axe_source
from tests.fixtures.browser import sign_in

pytestmark = pytest.mark.browser
EMAIL = "tess.tryout@example.test"



WIDE = """() => document.documentElement.scrollWidth <= innerWidth ? [] :
  [...document.querySelectorAll('body *')].filter((e) => !e.closest('.table-wrap')
    && e.getBoundingClientRect().right > innerWidth + 1)
    .slice(0, 5).map((e) => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 40))"""


def _axe_violations(page) -> list[str]:
    """axe-core's findings on the page (keyboard and screen-reader checks included)."""
    page.evaluate(_axe_source())
    found = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in found["violations"]]

def _attempt(app):
    invitation = db.session.scalar(select(Invitation).join(User, Invitation.candidate_id
                                                          == User.id).where(User.email == EMAIL))
    return invitation.attempt


def _answer_questionnaire(app) -> None:
    """The questionnaire is not what this test is about: its answers are saved directly."""
    with app.app_context():
        attempt = _attempt(app)
        for item in setup_for(attempt.invitation.opening.job_profile).instrument.items:
            if item.kind == "likert":
                value = "4"
            elif item.kind == "ranking_block":
                value = ">".join(s.id for s in item.statements)
            elif item.kind == "work_sample":
                value = "Dear customer, I am sorry. I will check it and call you tomorrow."
            else:
                value = item.options[0].id
            services.save_answer(attempt, item.id, value, 1)
        db.session.commit()


def _form(app):
    with app.app_context():
        run = db.session.scalar(select(TryoutRun).where(
            TryoutRun.attempt_id == _attempt(app).id))
        return load_form(run.form_id)


def _forward(app, seconds: float = shift.MAX_GAP - 1) -> None:
    with app.app_context():
        run = db.session.scalar(select(TryoutRun).where(
            TryoutRun.attempt_id == _attempt(app).id))
        run.wall_at = run.wall_at - timedelta(seconds=seconds)
        db.session.commit()


def _say(page, text: str) -> None:
    turns = page.locator(".practice-dialogue li").count()
    page.locator("#say-text").fill(text)
    page.get_by_role("button", name=re.compile("^(Say it|Send)$")).click()
    page.wait_for_function(f"document.querySelectorAll('.practice-dialogue li').length > {turns}")


def _shots(tmp_path) -> Path:
    folder = Path(os.environ.get("TRYOUT_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_candidate_works_the_tryout_and_the_recruiter_sees_it(browser, live_server, tmp_path):
    app, shots = live_server.app, _shots(tmp_path)
    recruiter = browser.new_context(base_url=live_server.url, viewport={"width": 1280,
                                                                        "height": 900})
    rpage = recruiter.new_page()
    sign_in(rpage, "recruiter@demo.serviceacademy.test")
    rpage.goto("/hiring/openings")
    rpage.get_by_role("link", name=TITLE).click()
    rpage.get_by_label("Candidate name").fill("Tess Tryout")
    rpage.get_by_label("E-mail").fill(EMAIL)
    rpage.get_by_role("button", name="Invite", exact=True).click()
    link = rpage.locator("code.invite-link").inner_text()

    candidate = browser.new_context(base_url=live_server.url, viewport={"width": 1280,
                                                                        "height": 900})
    page = candidate.new_page()
    page.set_default_timeout(15_000)
    page.goto(link)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label(re.compile("I have read the privacy notice")).check()
    page.get_by_role("button", name="Start the test").click()
    _answer_questionnaire(app)
    page.get_by_role("link", name="Go to the tryout").click()
    page.get_by_role("button", name="Start the warm-up").click()
    page.locator("#warm-text").fill("Hi Nora, the Riverside store is open on Sunday from 10 to 4.")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("The warm-up chat is done.").wait_for()
    page.get_by_role("button", name="Start the shift").click()

    form = _form(app)
    call, mail = form.contacts[0], form.contacts[1]
    queue = page.locator("#tc-queue")
    queue.get_by_text(call.customer_name).wait_for()
    page.screenshot(path=str(shots / "tryout-queue-1280.png"), full_page=True)
    queue.locator("li").first.get_by_role("button", name="Take").click()
    page.get_by_role("heading", name=f"Call with {call.customer_name}").wait_for()
    first = call.customer_name.split()[0]
    facts = call.key_facts
    _say(page, f"Hello {first}, this is Sam at Fernhill Appliances. I'm so sorry about "
               f"this, I understand how annoying it is. {facts[0]}")
    # the e-mail arrives while the call is open: the poller shows it without a reload
    for _ in range(4):
        _forward(app)
        time.sleep(2.5)
        if queue.get_by_text(mail.customer_name).count():
            break
    queue.get_by_text(mail.customer_name).wait_for()
    assert page.locator("#tc-announce").inner_text().startswith("New in the queue")
    _say(page, f"{facts[1]} {facts[2]}")
    _say(page, "I will personally check it, and I will send you a confirmation e-mail "
               "today.")
    page.locator("#talk-ended").wait_for()
    assert page.locator("#talk-ended").inner_text() == "Resolved"
    assert page.locator(".practice-dialogue .says-you").count() >= 3
    page.screenshot(path=str(shots / "tryout-call-1280.png"), full_page=True)
    assert _axe_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(shots / "tryout-call-390.png"), full_page=True)
    assert page.evaluate(WIDE) == [], "the call page scrolls sideways on a phone"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Finish this call").click()

    # take the e-mail, start typing, close the tab: the draft and the shift are kept
    queue.get_by_text(mail.customer_name).wait_for()
    queue.locator("li").first.get_by_role("button", name="Take").click()
    page.get_by_role("heading", name=f"E-mail from {mail.customer_name}").wait_for()
    draft = f"Dear {mail.customer_name},\n\nI'm Sam at Fernhill and I'm sorry about your order."
    page.locator("#reply-text").fill(draft)
    page.get_by_text("Draft saved.").wait_for()
    clock = page.locator("#tc-clock").inner_text()
    page.close()
    page = candidate.new_page()
    page.set_default_timeout(15_000)
    page.goto("/candidate/test")
    page.get_by_role("link", name="Continue the tryout").click()
    page.get_by_role("heading", name=f"E-mail from {mail.customer_name}").wait_for()
    assert page.locator("#reply-text").input_value() == draft
    assert page.locator("#tc-clock").inner_text() >= clock
    page.locator("#reply-text").fill(draft + " " + " ".join(mail.key_facts)
                                     + "\n\nI will call you tomorrow to confirm.\n\nSam")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(shots / "tryout-email-390.png"), full_page=True)
    assert page.evaluate(WIDE) == [], "the e-mail page scrolls sideways on a phone"
    assert _axe_violations(page) == []
    page.get_by_role("button", name="Send reply").click()
    page.get_by_role("heading", name="No contact open").wait_for()

    page.goto("/candidate/test")
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit my answers").click()
    page.wait_for_url(re.compile("/candidate/done"))

    with app.app_context():
        attempt = _attempt(app)
        stored = attempt.score["tryout"]
        invitation_id = attempt.invitation_id
        assert attempt.status == "scored" and stored["served"] == 2
        assert attempt.score["hurdle"]["composite_without_tryout"] != attempt.composite
    rpage.goto(f"/hiring/candidates/{invitation_id}")
    rpage.get_by_role("heading", name=re.compile(r"^Job tryout — ")).wait_for()
    assert rpage.get_by_text(f"{stored['score']}/100").first.is_visible()
    replay = rpage.locator("#tryout")
    assert replay.get_by_text(f"Took {call.customer_name} ({call.channel}) — the oldest "
                              "waiting").count() == 1
    assert replay.locator(".practice-dialogue .says-you").count() >= 3
    assert replay.get_by_text("Gives the key facts accurately").count() >= 2
    rpage.locator("#tryout").screenshot(path=str(shots / "replay-1280.png"))
    rpage.set_viewport_size({"width": 390, "height": 844})
    rpage.screenshot(path=str(shots / "replay-390.png"), full_page=True)
    assert rpage.evaluate(WIDE) == [], "the replay scrolls sideways on a phone"
    rpage.set_viewport_size({"width": 1280, "height": 900})
    assert _axe_violations(rpage) == []
    response = rpage.request.get(f"/hiring/candidates/{invitation_id}/report.pdf")
    assert response.ok and response.body().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        pdf = tmp_path / "report.pdf"
        pdf.write_bytes(response.body())
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                              text=True).stdout
        assert f"Job tryout: {stored['score']}/100" in text
    recruiter.close()
    candidate.close()
