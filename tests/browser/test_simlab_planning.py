"""A trainer plans staffing from a forecast and runs a sweep in the Simulation lab."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fixtures.browser import sign_in

pytestmark = pytest.mark.browser

TRAINER = "trainer@demo.serviceacademy.test"
SHOTS = Path(os.environ.get("SIMLAB_SHOTS", "/tmp/shots"))


def shot(page, name: str) -> None:
    """Full-page PNG at 1280 px wide (SIMLAB_SHOTS=<folder>, default /tmp/shots)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(SHOTS / f"simlab-{name}.png"), full_page=True)


def test_plan_then_sweep(page, live_server):
    sign_in(page, TRAINER)
    page.goto("/reports/simlab")
    page.locator("#plan-link").click()
    page.get_by_label("Forecast CSV").fill("interval_start,channel,contacts\n"
                                          "08:00,phone,90\n08:30,phone,160\n09:00,phone,220\n"
                                          "08:00,chat,30\n")
    page.get_by_role("button", name="Plan", exact=True).click()
    table = page.locator("#plan-table")
    table.wait_for()
    assert table.locator("tbody tr").count() == 4
    assert "agents_formula" in table.inner_text().lower()
    assert page.locator(".chart svg").count() == 1
    with page.expect_download() as download:
        page.get_by_role("button", name="Export CSV").click()
    text = Path(download.value.path()).read_text()
    assert text.splitlines()[0] == ("interval_start,channel,contacts,agents_formula,"
                                    "agents_sim,sl_formula,sl_sim,scheduled")
    shot(page, "plan")

    page.get_by_label("Forecast CSV").fill("interval_start,channel,contacts\n08:00,phone,x\n")
    page.get_by_role("button", name="Plan", exact=True).click()
    assert "line 2: contacts" in page.locator("#plan-error").inner_text()

    page.goto("/reports/simlab/sweep")
    page.get_by_label("Scenario").select_option("helpdesk")
    page.get_by_label("Agent totals (comma-separated)").fill("4,6,8")
    page.get_by_label("Channel priority (phone first)").check()
    page.get_by_label("Also vary").select_option("shrinkage")
    page.get_by_label("Values of that parameter (comma-separated)").fill("0,0.3")
    page.get_by_role("button", name="Run sweep").click()
    heat = page.locator("#heat-map")
    heat.wait_for()
    assert heat.locator("td.heat").count() == 3 * 2 * 2
    assert "8 agents" in heat.inner_text().lower()
    assert heat.locator("td.heat-0").count() < 12
    shot(page, "sweep")
