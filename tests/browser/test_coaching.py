"""Coaching in Chromium: the cohort's trainer comments on a learner's practice attempt
and the learner reads it; a learner hands in a reflection with a file, the trainer gives
feedback and completes it, and the learner sees the feedback and the step done. Each
new page is checked with axe-core.

SHOTS_DIR=<folder> also saves the pages at 1280 and 390 px."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import select

from app.extensions import db
from app.identity import services as identity
from app.identity.models import Cohort, User
from app.practice.models import PracticeResponse, PracticeShift
from app.training import services as training
from app.training.courses import list_courses
from tests.browser.test_crawl import DUPLICATE_IDS, _axe_source
from tests.fixtures.browser import sign_in

pytestmark = pytest.mark.browser
REFLECTION = "activity:rotation-reflection"
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
       b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def shots(page, name: str) -> None:
    folder = os.environ.get("SHOTS_DIR")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def accessible(page) -> None:
    assert page.evaluate(DUPLICATE_IDS) == [], page.url
    assert "<" not in page.title(), page.title()
    page.evaluate(_axe_source())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"]] == [], page.url


def _setup(app) -> tuple[int, int]:
    """Eli's first answered practice contact; Tara in the trainer's cohort and enrolled
    in the rotation. Returns (response id, Tara's rotation enrollment id)."""
    with app.app_context():
        eli = db.session.scalar(select(User).where(
            User.email == "employee@demo.serviceacademy.test"))
        tara = db.session.scalar(select(User).where(
            User.email == "employee2@demo.serviceacademy.test"))
        response_id = db.session.scalar(
            select(PracticeResponse.id).join(PracticeShift)
            .where(PracticeShift.user_id == eli.id).order_by(PracticeResponse.id))
        cohort = db.session.scalar(select(Cohort).where(Cohort.name == "Autumn new hires"))
        identity.add_to_cohort(cohort, tara)
        enrollment = training.enroll(tara, list_courses("rotation")[0])
        db.session.commit()
        assert response_id is not None, "the demo gives Eli a finished practice shift"
        return response_id, enrollment.id


def test_trainer_comments_and_hand_ins(browser, live_server):
    response_id, enrollment_id = _setup(live_server.app)
    trainer = browser.new_context(base_url=live_server.url,
                                  viewport={"width": 1280, "height": 900}).new_page()
    trainer.set_default_timeout(10_000)
    sign_in(trainer, "trainer@demo.serviceacademy.test")
    trainer.get_by_role("link", name="Practice coaching").click()
    trainer.get_by_role("link", name="Eli Employee").click()
    trainer.locator(f'a[href="/practice/responses/{response_id}"]').first.click()
    trainer.get_by_label("Your comment (only this learner and you see it)").fill(
        "Good apology. Next time say the refund amount in the first line.")
    trainer.get_by_role("button", name="Add comment").click()
    trainer.get_by_text("Comment saved").wait_for()
    assert "say the refund amount" in trainer.locator("#comments").inner_text()
    accessible(trainer)
    shots(trainer, "comment-trainer")

    learner = browser.new_context(base_url=live_server.url,
                                  viewport={"width": 1280, "height": 900}).new_page()
    learner.set_default_timeout(10_000)
    sign_in(learner, "employee@demo.serviceacademy.test")
    learner.get_by_role("link", name="Trainer comments").click()
    learner.get_by_role("heading", level=1, name="Trainer comments").wait_for()
    assert "say the refund amount in the first line" in learner.locator("main").inner_text()
    accessible(learner)
    shots(learner, "comments-list")
    learner.locator("main a[href*='#comments']").first.click()
    comments = learner.locator("#comments")
    assert "Tomas Trainer" in comments.inner_text()
    assert "say the refund amount in the first line" in comments.inner_text()
    assert learner.get_by_role("button", name="Add comment").count() == 0
    accessible(learner)
    shots(learner, "comment-learner")

    tara = browser.new_context(base_url=live_server.url,
                               viewport={"width": 1280, "height": 900}).new_page()
    tara.set_default_timeout(10_000)
    sign_in(tara, "employee2@demo.serviceacademy.test")
    tara.goto(f"/learn/e/{enrollment_id}/s/{REFLECTION}")
    assert tara.get_by_role("button", name="Mark as done and continue").count() == 0
    shots(tara, "step-handin")
    tara.get_by_role("link", name="Open the hand-in").click()
    tara.get_by_role("textbox", name="Your text").fill(
        "Customers wrote about invoices they could not read. My team writes those "
        "invoices: by 1 March I will propose plain-word line items.")
    upload = tara.get_by_label("Attach a file", exact=False)
    upload.set_input_files({"name": "reflection.pdf", "mimeType": "application/pdf",
                            "buffer": b"MZ\x90\x00 not a PDF at all"})
    tara.get_by_role("button", name="Hand in", exact=True).click()
    tara.get_by_role("alert").filter(has_text="its content is not a PDF").wait_for()
    assert "plain-word line items" in tara.get_by_role("textbox", name="Your text").input_value()
    accessible(tara)
    shots(tara, "handin-learner-refused")
    upload.set_input_files({"name": "reflection.pdf", "mimeType": "application/pdf",
                            "buffer": PDF})
    tara.get_by_role("button", name="Hand in", exact=True).click()
    tara.get_by_text("Handed in. Your trainer reads it").wait_for()
    assert "reflection.pdf" in tara.locator("main").inner_text()
    accessible(tara)
    shots(tara, "handin-learner-submitted")

    trainer.get_by_role("link", name="Practice coaching").click()
    accessible(trainer)
    shots(trainer, "coaching-home")
    trainer.locator("#handins").get_by_role("link", name="Reflection and one commitment").click()
    assert "plain-word line items" in trainer.locator("main").inner_text()
    with trainer.expect_download() as download:
        trainer.get_by_role("link", name="reflection.pdf").click()
    assert Path(download.value.path()).read_bytes() == PDF
    trainer.get_by_label("Your feedback for the learner").fill(
        "A concrete, dated commitment. Bring the invoice sample to the debrief.")
    accessible(trainer)
    shots(trainer, "handin-trainer")
    trainer.get_by_role("button", name="Send feedback and complete").click()
    trainer.get_by_text("Feedback sent and the step completed.").wait_for()
    assert "Completed" in trainer.locator("#handin-status").inner_text()

    tara.reload()
    assert "Completed" in tara.locator("#handin-status").inner_text()
    assert "Bring the invoice sample" in tara.locator("#feedback").inner_text()
    assert "Tomas Trainer" in tara.locator("#feedback").inner_text()
    assert tara.get_by_role("button", name="Hand in again").count() == 0
    accessible(tara)
    shots(tara, "handin-learner-completed")
    tara.get_by_role("link", name="Back to the step").click()
    assert tara.locator(".step-body .badge-ok").inner_text() == "Done"
