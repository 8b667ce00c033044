"""A new hire finishes onboarding in the browser and verifies the certificate.

Earlier steps are marked done through the service layer on the live app, so the test
only walks the last lesson and the last knowledge check."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.identity.models import User
from app.training import services
from tests.fixtures.browser import sign_in

pytestmark = pytest.mark.browser

EMAIL = "employee@demo.serviceacademy.test"


def _right_answers(check: dict) -> dict[str, list[str]]:
    return {q["id"]: [o["id"] for o in q["options"] if o["correct"]] for q in check["questions"]}


def _prepare(app) -> tuple[str, dict, str]:
    """Everything but the last lesson and the last check done; returns what remains."""
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == EMAIL))
        onboarding = [lc for lc in services.learner_courses(user) if lc.course.kind == "onboarding"]
        assert onboarding, "the demo employee is enrolled in onboarding"
        enrollment, course = onboarding[0].enrollment, onboarding[0].course
        last_check = next(s for s in reversed(course.steps) if s.kind == "check")
        last_lesson = next(s for s in reversed(course.steps) if s.kind == "lesson")
        for step in course.steps:
            if step.key in (last_check.key, last_lesson.key):
                continue
            if step.kind == "check":
                services.submit_check(user, enrollment, course, step.ref,
                                      _right_answers(course.check(step.ref)))
            elif step.key not in services.done_keys(enrollment):
                services.complete_step(user, enrollment, course, step.key)
        db.session.commit()
        return course.title, course.check(last_check.ref), last_lesson.title


def test_new_hire_completes_onboarding_and_verifies_the_certificate(page, live_server):
    title, check, lesson_title = _prepare(live_server.app)
    sign_in(page, EMAIL)
    page.get_by_role("heading", level=1, name="My learning").wait_for()
    page.get_by_role("link", name=f"Continue {title}").click()
    page.get_by_role("heading", level=1, name=lesson_title).wait_for()
    page.get_by_role("button", name="Mark as done and continue").click()

    page.get_by_role("heading", level=1, name=check["title"]).wait_for()
    wrong = check["questions"][0]
    wrong_option = next(o for o in wrong["options"] if not o["correct"])
    page.locator(f'input[name="q-{wrong["id"]}"][value="{wrong_option["id"]}"]').check()
    for q in check["questions"][1:]:
        page.locator(f'input[name="q-{q["id"]}"]').first.check()
    page.get_by_role("button", name="Check my answers").click()
    assert page.get_by_text(wrong_option["explanation"]).first.is_visible()
    page.get_by_role("link", name="Retry the check").click()

    for qid, options in _right_answers(check).items():
        for option in options:
            page.locator(f'input[name="q-{qid}"][value="{option}"]').check()
    page.get_by_role("button", name="Check my answers").click()
    page.get_by_text(f"You completed {title}").wait_for()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download certificate (PDF)").click()
    pdf_path = download_info.value.path()
    with open(pdf_path, "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    code = download_info.value.suggested_filename.removeprefix("certificate-").removesuffix(".pdf")

    public = page.context.browser.new_context(base_url=live_server.url)  # signed out
    try:
        visitor = public.new_page()
        visitor.goto("/learn/verify")
        visitor.get_by_label("Verification code").fill(code.lower())
        visitor.get_by_role("button", name="Verify").click()
        visitor.get_by_text("This certificate is genuine").wait_for()
        facts = visitor.locator("dl.facts").inner_text()
        assert "Eli Employee" in facts and title in facts
        assert EMAIL not in visitor.content() and "%" not in facts
        visitor.goto(f"/learn/verify/{code[:-1]}{'A' if code[-1] != 'A' else 'B'}")
        assert visitor.get_by_text("No certificate matches").is_visible()
    finally:
        public.close()
