"""A supervisor records a live evaluation; the agent sees it and disputes it."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from app.monitoring.scorecards import load_scorecards
from app.orm import utcnow
from tests.fixtures.browser import sign_in

pytestmark = pytest.mark.browser

SUPERVISOR = "supervisor@demo.serviceacademy.test"
EMPLOYEE = "employee@demo.serviceacademy.test"
SHOTS = Path("/tmp/shots")


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"monitoring-{name}.png"), full_page=True)


def test_supervisor_evaluates_and_agent_disputes(page, live_server):
    with live_server.app.app_context():
        criteria = [c.id for c in load_scorecards()["phone-contact"].criteria()]
    sign_in(page, SUPERVISOR)
    page.goto("/monitoring/")
    page.get_by_role("heading", name="My team").wait_for()
    row = page.get_by_role("row").filter(has_text="Eli Employee")
    row.get_by_role("link", name="Evaluate").click()
    page.get_by_label("Scorecard").select_option("phone-contact")
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("Contact reference").fill("CALL-BROWSER-1")
    page.get_by_label("Channel").select_option("phone")
    page.get_by_label("Contact date").fill((utcnow().date() - timedelta(days=1)).isoformat())
    for cid in criteria:
        answer = "no" if cid == "summary" else "yes"
        page.locator(f'input[name="answer_{cid.replace("-", "_")}"][value="{answer}"]').check()
    page.get_by_label("Overall comment for the agent").fill("Clear and calm; recap at the end.")
    assert page.locator("[data-score-preview]").inner_text() == "95.0"  # 95 of 100, live preview
    shot(page, "evaluate")
    page.get_by_role("button", name="Record evaluation").click()
    page.get_by_text("Evaluation recorded for Eli Employee").wait_for()
    assert "CALL-BROWSER-1" in page.get_by_role("heading", level=1).inner_text()
    shot(page, "evaluation-supervisor")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, EMPLOYEE)
    page.goto("/monitoring/mine")
    page.get_by_role("link", name=re.compile(r"\d{2} \w{3} \d{4}")).first.wait_for()
    page.get_by_role("row").filter(has_text="CALL-BROWSER-1").get_by_role("link").click()
    page.get_by_text("Clear and calm; recap at the end.").wait_for()
    page.get_by_label("Your comment").fill("I did recap; the customer hung up before I finished.")
    page.get_by_role("button", name="Dispute").click()
    page.get_by_text("Your dispute was sent to your supervisor.").wait_for()
    assert page.locator(".badge", has_text="disputed").count() == 1
    shot(page, "evaluation-disputed")
    assert page.get_by_role("button", name="Dispute").count() == 0
