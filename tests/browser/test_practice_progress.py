"""The private progress chart over several shifts in Chromium: one line per criterion with a
point per shift, its figures as a table, nothing sticking out at 390 px; the learner's
progress, replay, result and attempts pages have no axe-core findings.

Shifts are played through the practice services (a written reply each) so the test is
quick; the live shift itself is driven through the pages in test_live_shift.py."""

from datetime import datetime, timedelta

import pytest

from app.extensions import db
from app.identity import services as identity
from app.practice import attempts, services
from tests.browser.test_crawl import _axe_source
from tests.browser.test_live_shift import shots
from tests.fixtures.browser import DEMO_PASSWORD, sign_in

pytestmark = pytest.mark.browser
REPLIES = (
    "We can refund it.",
    "Hi Grace, I'm Eli. I'll refund the difference.",
    "Hi Grace, I'm Eli from Harborlight. I'm sorry the price dropped right after you bought "
    "the monitor. It qualifies for a price adjustment: I have refunded the $40 difference "
    "to your card today, and you will see it within 3 to 5 business days.",
)


def _played_shifts(app) -> tuple[str, list[str]]:
    with app.app_context():
        user = identity.create_user("progress@example.test", "Pat Progress", {"employee"},
                                    password=DEMO_PASSWORD)
        start = datetime(2026, 11, 2, 9, 0)
        for day, text in enumerate(REPLIES):
            now = start + timedelta(days=day)
            shift = services.start_shift(user.id, "first-steps", now, seed=day + 1)
            services.sync(shift, now + timedelta(seconds=30))
            row = services.shift_state(shift, services.rebuild(shift))["queue"][0]
            services.open_contact(shift, row["sim_id"], now + timedelta(seconds=31))
            response = services.submit(shift, text, now + timedelta(seconds=90))
            services.end_shift(shift, now + timedelta(seconds=100))
        retry = attempts.retry(user.id, response, now + timedelta(hours=1))
        again = services.submit(retry, REPLIES[1], now + timedelta(hours=1, minutes=1))
        attempts.close_if_retry(retry, now + timedelta(hours=1, minutes=1))
        db.session.commit()
        return user.email, [f"/practice/shifts/{shift.id}/review",
                            f"/practice/responses/{response.id}",
                            f"/practice/responses/{again.id}/attempts"]


def test_the_progress_chart_draws_a_line_per_criterion(page, live_server):
    email, pages = _played_shifts(live_server.app)
    sign_in(page, email)
    page.goto("/practice/")
    page.get_by_role("link", name="Your progress across shifts").click()
    page.get_by_role("heading", name="Your progress across shifts").wait_for()
    charts = page.locator("#trend-charts svg[role=img]")
    assert charts.count() == 10
    overall = page.locator("#trend-charts [data-criterion=overall] svg")
    assert overall.locator("circle").count() == 3 and overall.locator("polyline").count() == 1
    desc = overall.locator("desc").text_content()
    assert desc.startswith("shift 1: ") and "shift 3: " in desc
    first, last = (int(part.split(": ")[1].rstrip("%")) for part in desc.split(", ")[::2])
    assert last > first
    assert page.locator("#trend-table thead th").count() == 4
    shots(page, "trend-chart-three-shifts")

    axe = _axe_source()
    problems = []
    for path in ["/practice/progress", *pages]:
        page.goto(path)
        page.evaluate(axe)
        found = page.evaluate("async () => await axe.run(document, "
                              "{resultTypes: ['violations']})")
        problems += [f"{v['id']} on {path}: {[n['target'] for n in v['nodes']][:3]}"
                     for v in found["violations"]]
    assert problems == []
    page.goto(pages[-1])
    assert page.locator("#compare-criteria tbody tr").count() == 9
    shots(page, "attempts-written")
