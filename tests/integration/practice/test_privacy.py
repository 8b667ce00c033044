"""The wall, from the practice side: a learner's practice holds sentinel strings; a
supervisor of the learner's team crawls everything reachable from their home page and
requests every GET route with dummy ids (HTML, JSON, CSV, PDF text). No sentinel shows,
and no table outside the practice bind holds one."""

from __future__ import annotations

import io
import re
from urllib.parse import urljoin, urlsplit

import pytest
from pypdf import PdfReader
from sqlalchemy import inspect, select

from app.extensions import db
from app.identity import services as identity
from app.practice import services

SENTINEL = "QZV-PRACTICE-PRIVATE-9137"
SUMMARY_MARK = "QZV-SUMMARY-MARK"
ODD_NUMBER = 7321.4567


def text_of(response) -> str:
    if response.mimetype == "application/pdf":
        reader = PdfReader(io.BytesIO(response.data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    return response.get_data(as_text=True)


def route_urls(app, values: list[str]) -> list[str]:
    """Every GET route, its path arguments filled with each dummy value in turn."""
    urls = set()
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in ("static", "favicon"):
            continue
        for value in values if rule.arguments else [""]:
            url = rule.rule
            for arg in rule.arguments:
                url = re.sub(rf"<(?:[^:<>]+:)?{arg}>", value, url)
            urls.add(url)
    return sorted(urls)


def crawl(client, seeds: list[str], limit: int = 600) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = list(seeds)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = f"[{response.status_code} {response.mimetype}]\n" + text_of(response)
        if response.status_code in (301, 302, 303) and response.location:
            queue.append(urlsplit(urljoin(url, response.location)).path)
        if response.mimetype != "text/html":
            continue
        for href in re.findall(r'(?:href|action)="([^"#]*)"', seen[url]):
            parts = urlsplit(urljoin(url, href.replace("&amp;", "&")))
            if parts.netloc or parts.path.startswith("/static/") or parts.path == "/logout":
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return seen


@pytest.fixture
def seeded(coaching, create_user, clock):
    trainee, _ = coaching
    supervisor = create_user("supervisor", name="Sam Supervisor")
    team = identity.create_team("Privacy team", supervisor)
    trainee.team = team
    shift = services.start_shift(trainee.id, "first-steps", clock(), seed=3)
    services.sync(shift, clock(10))
    for row in services.shift_state(shift, services.rebuild(shift))["queue"][:2]:
        services.open_contact(shift, row["sim_id"], clock(1))
        if row["channel"] == "phone":
            for choice in ("acknowledge", "confirm-and-fix", "honest-timing"):
                services.choose(shift, choice)
        services.submit(shift, f"Hi Grace, {SENTINEL} refund", clock(30))
    services.end_shift(shift, clock(5))
    shift.summary = shift.summary | {"remark": SUMMARY_MARK, "odd": ODD_NUMBER}
    db.session.commit()
    return trainee, supervisor, shift


def test_no_practice_data_reaches_a_supervisor(app, client, login_as, seeded):
    trainee, supervisor, shift = seeded
    assert any(SENTINEL in r.text for r in shift.responses)
    login_as(client, supervisor)
    values = sorted({str(v) for v in (shift.id, shift.responses[0].id, trainee.id,
                                      supervisor.id, trainee.team_id, 1)} | {"x"})
    seeds = ["/", *route_urls(app, values), f"/monitoring/search?q={trainee.name}"]
    pages = crawl(client, seeds)
    assert sum(text.startswith("[200 text/html]") for text in pages.values()) >= 3
    assert any(trainee.name in text for text in pages.values()), "crawler saw no agent data"
    needles = (SENTINEL, SUMMARY_MARK, str(ODD_NUMBER))
    leaks = [f"{url}: {n}" for url, text in pages.items() for n in needles if n in text]
    assert not leaks, "practice data reached a supervisor:\n" + "\n".join(leaks)
    practice_pages = [u for u, t in pages.items() if u.startswith("/practice")
                      and not t.startswith(("[403", "[404", "[302"))]
    assert not practice_pages, practice_pages


def test_practice_data_stay_in_the_practice_bind(app, seeded):
    existing = set(inspect(db.engine).get_table_names())
    tables = [t for t in db.metadatas[None].sorted_tables if t.name in existing]
    assert len(tables) >= 5
    for table in tables:
        for row in db.session.execute(select(table)):
            assert SENTINEL not in str(tuple(row)), table.name
