"""The wall: seed sentinels into practice responses and training check answers, crawl
everything a supervisor can reach (HTML, JSON, CSV, PDF text) and find none of them."""

from __future__ import annotations

import importlib
import importlib.util
import io
import re
from datetime import timedelta
from urllib.parse import urljoin, urlsplit

import pytest
from pypdf import PdfReader

from app.extensions import db
from app.monitoring import calibration
from app.monitoring.models import AgentDayMetric
from app.monitoring.scorecards import load_scorecards
from app.orm import utcnow
from app.practice.models import PracticeResponse, PracticeShift
from tests.integration.monitoring.test_access_matrix import MATRIX

SENTINEL = "ZQXJ-PRACTICE-SENTINEL"
CHECK_SENTINEL = "ZQXJ-CHECK-SENTINEL"
NUMBERS = ("3.14159", "4321.98", "0.4217", "42.17", "1234.56")
LIVE_MARK = "LIVE-VISIBLE-MARK"
TODAY = utcnow().date()


def seed_practice(user_id: int) -> None:
    talk = {"turns": [{"who": "agent", "text": SENTINEL}]}
    shift = PracticeShift(user_id=user_id, profile=SENTINEL, seed=42,
                          sim_state={"note": SENTINEL, "open": [{"conversation": talk}]},
                          summary={"score": 3.14159, "remark": SENTINEL})
    shift.responses = [PracticeResponse(
        contact_id=f"{SENTINEL}-contact", sim_contact_id=1, channel="email",
        text=f"{SENTINEL} transcript", choices=[SENTINEL], rubric={"empathy": SENTINEL},
        model_grade=0.4217, model_version=SENTINEL[:40], feedback=[SENTINEL],
        handle_seconds=4321.98, waited_seconds=1234.56, in_order=False,
        transcript=[{"who": "agent", "text": f"{SENTINEL} said"},
                    {"who": "customer", "text": f"{SENTINEL} answered"}])]
    db.session.add(shift)


def seed_training_checks(user_id: int) -> bool:
    """Check attempts with sentinel answers, if the training slice has them."""
    if importlib.util.find_spec("app.training.models") is None:
        return False
    models = importlib.import_module("app.training.models")
    if not hasattr(models, "CheckAttempt"):
        return False
    enrollment = models.Enrollment(user_id=user_id, course_uuid="0b8e2c1a-7f44-4d1e-9a0b-"
                                   "2c3d4e5f6a7b", due_date=TODAY + timedelta(days=3),
                                   status="active")
    db.session.add(enrollment)
    db.session.flush()
    for _ in range(3):
        db.session.add(models.CheckAttempt(enrollment_id=enrollment.id, check_id=CHECK_SENTINEL,
                                           answers={"q1": CHECK_SENTINEL}, score=0.4217,
                                           passed=False))
    return True


def text_of(response) -> str:
    if response.mimetype == "application/pdf":
        reader = PdfReader(io.BytesIO(response.data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    return response.get_data(as_text=True)


def start_urls(app, ids: dict[str, int]) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        allowed = MATRIX.get(rule.endpoint, set())
        if "supervisor" not in allowed or "GET" not in rule.methods or rule.endpoint == "static":
            continue
        if any(arg not in ids for arg in rule.arguments):
            continue
        url = rule.rule
        for arg in rule.arguments:
            url = re.sub(rf"<(?:[^:<>]+:)?{arg}>", str(ids[arg]), url)
        urls.append(url)
    return urls


def crawl(client, seeds: list[str], limit: int = 400) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = list(seeds)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = f"[{response.status_code} {response.mimetype}]\n" + text_of(response)
        if response.mimetype != "text/html":
            continue
        for href in re.findall(r'(?:href|action)="([^"#]*)"', seen[url]):
            target = urljoin(url, href.replace("&amp;", "&"))
            parts = urlsplit(target)
            if parts.netloc or parts.path.startswith("/static/") or parts.path == "/logout":
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path not in seen:
                queue.append(path)
    return seen


@pytest.fixture
def seeded(world, make_evaluation, create_user):
    agent = world.agent_a
    seed_practice(agent.id)
    has_checks = seed_training_checks(agent.id)
    for back in range(1, 6):
        db.session.add(AgentDayMetric(user_id=agent.id, day=TODAY - timedelta(days=back),
                                      handled=40 + back, aht_seconds=300, fcr_pct=70,
                                      csat_pct=85, adherence_pct=93))
    db.session.commit()
    e = make_evaluation(world.sup_a, agent, comment=f"{LIVE_MARK} keep it up")
    peer = create_user("supervisor")
    session = calibration.create_calibration(world.sup_a, "Leak check", load_scorecards()[
        "phone-contact"], "CALL-L", "phone", TODAY, [peer.id])
    db.session.commit()
    ids = {"evaluation_id": e.id, "agent_id": agent.id, "team_id": world.team_a.id,
           "session_id": session.id}
    return ids, has_checks


def test_no_practice_or_training_result_reaches_a_supervisor(app, client, login_as, world,
                                                             seeded):
    ids, has_checks = seeded
    assert db.session.query(PracticeResponse).filter(
        PracticeResponse.text.contains(SENTINEL)).count() == 1
    login_as(client, world.sup_a)
    seeds = start_urls(app, ids) + [
        "/monitoring/search?q=ZQXJ", "/monitoring/search?q=transcript",  # prefix: no echo
        "/monitoring/search?q=Ann", f"/monitoring/teams/{world.team_a.id}?days=7",
        f"/monitoring/evaluations/new?agent_id={world.agent_a.id}&scorecard_id=phone-contact",
    ]
    pages = crawl(client, seeds)
    kinds = {text.split("]", 1)[0].split(" ", 1)[1] for text in pages.values()}
    assert {"text/html", "application/json", "text/csv", "application/pdf"} <= kinds
    # the crawl does read live content: the evaluation comment is there, in HTML and PDF
    assert sum(LIVE_MARK in text for text in pages.values()) >= 2, "crawler saw no live data"
    assert len(pages) >= 15
    needles = (SENTINEL, CHECK_SENTINEL, *NUMBERS) if has_checks else (SENTINEL, *NUMBERS)
    leaks = [f"{url}: {needle}" for url, text in pages.items() for needle in needles
             if needle in text]
    assert not leaks, "practice/training data reached a supervisor:\n" + "\n".join(leaks)


def test_the_agent_page_shows_completion_only(app, client, login_as, world, seeded):
    _, has_checks = seeded
    login_as(client, world.sup_a)
    text = client.get(f"/monitoring/agents/{world.agent_a.id}").get_data(as_text=True)
    if has_checks:
        assert "due" in text
    for word in ("attempt", "practice score", "transcript"):
        assert word not in text.lower()
