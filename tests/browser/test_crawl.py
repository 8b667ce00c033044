"""Crawl every role's pages in Chromium: no 5xx, no console errors, no duplicate ids
and no axe-core accessibility findings.

Set CRAWL_SCREENSHOTS=<folder> to also save each role's main pages at 1280 and 390 px.
"""

from __future__ import annotations

import os
import re
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.fixtures.browser import sign_in

pytestmark = pytest.mark.browser

ROLES = ("admin", "recruiter", "author", "trainer", "supervisor", "supervisor2", "employee",
         "employee2")
MAX_PAGES = int(os.environ.get("CRAWL_MAX_PAGES", "30"))
SKIP = re.compile(r"(\.pdf|\.csv|/logout|/i/|/download|/export|\.json|/static/)")
DUPLICATE_IDS = """() => {
  const seen = {}, dup = [];
  document.querySelectorAll('[id]:not(input[type=hidden])').forEach((el) => {
    if (seen[el.id]) dup.push(el.id); seen[el.id] = true; });
  return dup;
}"""


def _axe_source() -> str:
    axe = pytest.importorskip("axe_playwright_python")
    return (Path(axe.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def _shape(path: str) -> str:
    """Visit one page per URL shape: /hiring/candidates/7 and /8 are the same page."""
    return re.sub(r"/\d+", "/N", path.split("?")[0])


def _crawl(page, live_server, start: str, axe_source: str, shots: Path | None,
           label: str, max_pages: int = MAX_PAGES) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(
        f"console error on {page.url}: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"script error on {page.url}: {e}"))
    page.on("response", lambda r: r.status >= 500 and problems.append(
        f"{r.status} for {r.url}"))
    queue, seen, visited = deque([start]), {_shape(start)}, 0
    while queue and visited < max_pages:
        path = queue.popleft()
        response = page.goto(path)
        visited += 1
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        page.wait_for_load_state("networkidle")
        duplicates = page.evaluate(DUPLICATE_IDS)
        if duplicates:
            problems.append(f"duplicate id(s) {sorted(set(duplicates))} on {path}")
        page.evaluate(axe_source)
        result = page.evaluate("async () => await axe.run(document, "
                               "{resultTypes: ['violations']})")
        for v in result["violations"]:
            targets = [n["target"] for n in v["nodes"]][:3]
            problems.append(f"axe {v['id']} ({v['impact']}) on {path}: {targets}")
        if shots is not None and visited <= 8:
            name = re.sub(r"[^a-z0-9]+", "-", _shape(path).lower()).strip("-") or "home"
            for width in (1280, 390):
                page.set_viewport_size({"width": width, "height": 900})
                page.screenshot(path=str(shots / f"{label}-{name}-{width}.png"), full_page=False)
            page.set_viewport_size({"width": 1280, "height": 900})
        hrefs = page.eval_on_selector_all(
            "a[href]:not([download])", "els => els.map(e => e.getAttribute('href'))")
        for href in hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith("/") or SKIP.search(href):
                continue
            if _shape(href) not in seen:
                seen.add(_shape(href))
                queue.append(href)
    return problems


def _report(label: str, problems: list[str]) -> None:
    """CRAWL_REPORT=<file> collects every finding, for reading all of them at once."""
    if os.environ.get("CRAWL_REPORT"):
        with open(os.environ["CRAWL_REPORT"], "a", encoding="utf-8") as out:
            out.writelines(f"{label}: {p}\n" for p in problems)


def _shots(role: str) -> Path | None:
    folder = os.environ.get("CRAWL_SCREENSHOTS")
    if not folder:
        return None
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_a_role_is_clean(browser, live_server, role):
    axe_source = _axe_source()
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, f"{role}@demo.serviceacademy.test")
        page.get_by_role("navigation", name="Main").wait_for()
        problems = _crawl(page, live_server, urlsplit(page.url).path, axe_source,
                          _shots(role), role)
    finally:
        context.close()
    _report(role, problems)
    assert problems == []


def test_public_and_candidate_pages_are_clean(browser, live_server):
    from datetime import timedelta

    from sqlalchemy import select

    from app.extensions import db
    from app.identity import services
    from app.identity.models import User

    axe_source = _axe_source()
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        problems = _crawl(page, live_server, "/login", axe_source, _shots("public"), "public")
        with live_server.app.app_context():
            candidate = db.session.scalar(
                select(User).where(User.email == "candidate@demo.serviceacademy.test"))
            raw = services.issue_access_token(candidate, timedelta(hours=1))
            db.session.commit()
        problems += _crawl(page, live_server, f"/i/{raw}", axe_source, None, "candidate", 1)
        page.goto(f"/i/{raw}")
        page.get_by_role("button", name="Continue").click()
        page.get_by_role("heading", level=1).first.wait_for()
        problems += _crawl(page, live_server, "/candidate/", axe_source,
                           _shots("candidate"), "candidate")
    finally:
        context.close()
    _report("public+candidate", problems)
    assert problems == []
