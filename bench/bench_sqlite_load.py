"""The embedded default under a small team: `make run`'s set-up (SQLite, `flask demo`,
the development server) with 16 users at once.

Run: ``.venv/bin/python bench/bench_sqlite_load.py [--seconds 40] [--port 8851]``
(about a minute; needs nothing but the project's virtualenv).

- Six staff users (admin, recruiter, author, trainer, supervisor, employee) sign in
  through ``/login`` with the form's CSRF token and browse: each follows a random link
  of the pages it has seen (GET only, never sign-out), and signs out and in again every
  12 pages, so sign-ins (writes) mix with reads all the time.
- Eight candidates open their invitation links, autosave one answer every 0.5 s for
  ``--seconds`` and then submit, like a browser (session cookie + CSRF).

Prints the requests per kind, every 5xx (with its path) and the acknowledged saves lost:
a save answered 2xx whose (attempt, item) in the database holds an older sequence number
or, at the same one, another value. Also checks that every attempt was submitted once.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import os
import random
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import (  # noqa: E402
    SAVE_PATH,
    VENV,
    Candidate,
    autosave_request,
    flask,
    request,
    sign_in,
    stop,
    take_cookie,
    wait_for_port,
)

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-demo-password-1"  # noqa: S105 - a throwaway demo database
STAFF = ["admin", "recruiter", "author", "trainer", "supervisor", "employee"]
CSRF = re.compile(rb'name="csrf_token" type="hidden" value="([^"]+)"')
META_CSRF = re.compile(rb'<meta name="csrf-token" content="([^"]+)"')
HREF = re.compile(rb'href="(/[^"#]*)"')
SKIP = ("/logout", "/static/", "/i/", "/candidate/")


def sqlite_env(folder: Path) -> dict[str, str]:
    """The environment `make run` gives the app: development config, SQLite files."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("REDIS_URL", "DATABASE_URL", "PRACTICE_DATABASE_URL", "APP_ENV")}
    env.update(INSTANCE_PATH=str(folder), FLASK_APP="app:create_app", PYTHONPATH=str(ROOT),
               DEMO_PASSWORD=PASSWORD)
    return env


class Tally:
    def __init__(self) -> None:
        self.requests: Counter[str] = Counter()
        self.server_errors: list[str] = []
        self.other_errors: Counter[str] = Counter()
        self.latencies: list[float] = []

    async def send(self, port: int, kind: str, method: str, path: str, ip: str,
                   headers: dict[str, str] | None = None, body: bytes = b""
                   ) -> tuple[int, dict, bytes]:
        t0 = time.perf_counter()
        try:
            status, h, content = await request(port, method, path, headers, body, ip)
        except OSError as exc:
            self.other_errors[f"{kind}: {type(exc).__name__}"] += 1
            return 0, {"set-cookie": []}, b""
        self.latencies.append(time.perf_counter() - t0)
        self.requests[kind] += 1
        if status >= 500:
            self.server_errors.append(f"{status} {method} {path}")
        return status, h, content


async def staff_user(port: int, role: str, ip: str, end: float, tally: Tally,
                     rng: random.Random) -> None:
    email = f"{role}@demo.serviceacademy.test"
    cookie: dict[str, str] = {"cookie": ""}

    def headers(**extra: str) -> dict[str, str]:
        return {"Cookie": cookie["cookie"], **extra} if cookie["cookie"] else dict(extra)

    def keep(h: dict) -> None:
        for c in h["set-cookie"]:
            if c.startswith("session="):
                cookie["cookie"] = c.split(";", 1)[0]

    async def sign_in_staff() -> str:
        status, h, body = await tally.send(port, "login page", "GET", "/login", ip, headers())
        keep(h)
        token = CSRF.search(body)
        if token is None:
            return "/login"
        form = f"csrf_token={token.group(1).decode()}&email={email}&password={PASSWORD}"
        status, h, _ = await tally.send(
            port, "sign-in", "POST", "/login", ip,
            headers(**{"Content-Type": "application/x-www-form-urlencoded"}), form.encode())
        keep(h)
        return urlsplit(h.get("location", "/")).path or "/"

    seen = [await sign_in_staff()]
    pages = 0
    while time.monotonic() < end:
        path = rng.choice(seen[-40:])
        status, h, body = await tally.send(port, "staff page", "GET", path, ip, headers())
        keep(h)
        if status == 200 and h.get("content-type", "").startswith("text/html"):
            for link in HREF.findall(body):
                target = html.unescape(link.decode())
                if not target.startswith(SKIP) and target not in seen:
                    seen.append(target)
        pages += 1
        if pages % 12 == 0:
            meta = META_CSRF.search(body) or CSRF.search(body)
            if meta:
                await tally.send(port, "sign-out", "POST", "/logout", ip, headers(**{
                    "Content-Type": "application/x-www-form-urlencoded"}),
                    f"csrf_token={meta.group(1).decode()}".encode())
                cookie["cookie"] = ""
            await sign_in_staff()
        await asyncio.sleep(rng.uniform(0.05, 0.3))


async def candidate(port: int, cand: Candidate, items: list[tuple], end: float, tally: Tally,
                    acked: list[tuple[int, str, int, int]], rng: random.Random) -> None:
    await sign_in(port, cand)
    tally.requests["candidate sign-in"] += 3
    while time.monotonic() < end:
        headers, body, item, value, seq = autosave_request(cand, items, rng)
        status, h, _ = await tally.send(port, "autosave", "POST", SAVE_PATH, cand.ip,
                                        headers, body)
        take_cookie(cand, h)
        if 200 <= status < 300:
            acked.append((cand.attempt_id, item, seq, value))
        await asyncio.sleep(0.5)
    form = f"csrf_token={cand.csrf}".encode()
    await tally.send(port, "submit", "POST", "/candidate/test/submit", cand.ip,
                     {"Cookie": cand.cookie,
                      "Content-Type": "application/x-www-form-urlencoded"}, form)


SETUP = """
import json, sys
from sqlalchemy import select
from app import create_app
from app.extensions import db
from app.hiring import services
from app.hiring.catalog import setup_for
from app.identity.models import User
app = create_app()
with app.app_context():
    rec = db.session.scalar(select(User).where(User.email == "recruiter@demo.serviceacademy.test"))
    opening = services.create_opening(rec, "Load bench opening", "contact-center-agent")
    out = []
    for i in range(int(sys.argv[1])):
        inv, raw = services.invite_candidate(opening, f"Load {i}", f"load{i}@bench.test")
        services.record_consent(inv, None)
        out.append((raw, services.start_attempt(inv).id))
    db.session.commit()
    items = [(it.id, it.scale.min, it.scale.max)
             for it in setup_for("contact-center-agent").instrument.items if it.kind == "likert"]
    json.dump({"candidates": out, "items": items}, sys.stdout)
"""


def invite_candidates(env: dict[str, str], n: int) -> tuple[list[Candidate], list[tuple]]:
    """N invited candidates with started attempts on the demo's recruiter, and the test's
    Likert items (id, min, max)."""
    result = subprocess.run([str(VENV / "python"), "-c", SETUP, str(n)], env=env, cwd=ROOT,
                            check=True, capture_output=True, text=True)
    data = json.loads(result.stdout)
    cands = [Candidate(tok, aid, f"127.0.8.{i + 1}") for i, (tok, aid) in
             enumerate(data["candidates"])]
    return cands, [tuple(x) for x in data["items"]]


def lost_saves(db_file: Path, acked: list[tuple[int, str, int, int]]) -> int:
    with sqlite3.connect(db_file) as conn:
        stored = {(a, i): (s, v) for a, i, s, v in conn.execute(
            "SELECT attempt_id, item_id, client_seq, value FROM response")}
    return sum(1 for attempt_id, item, seq, value in acked
               if (have := stored.get((attempt_id, item))) is None or have[0] < seq
               or (have[0] == seq and str(have[1]) != str(value)))


def attempt_states(db_file: Path, ids: list[int]) -> Counter[str]:
    with sqlite3.connect(db_file) as conn:
        marks = ",".join("?" * len(ids))
        rows = conn.execute(f"SELECT status FROM attempt WHERE id IN ({marks})", ids)  # noqa: S608
        return Counter(status for (status,) in rows)


async def drive(port: int, seconds: float, cands: list[Candidate], items: list[tuple]
                ) -> tuple[Tally, list[tuple[int, str, int, int]]]:
    tally, acked = Tally(), []
    end = time.monotonic() + seconds
    rng = random.Random(7)
    await asyncio.gather(
        *(staff_user(port, role, f"127.0.9.{n + 1}", end, tally, random.Random(n))
          for n, role in enumerate(STAFF)),
        *(candidate(port, c, items, end, tally, acked, rng) for c in cands))
    return tally, acked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--port", type=int, default=8851)
    parser.add_argument("--candidates", type=int, default=8)
    args = parser.parse_args()
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", args.port)) == 0:
            sys.exit(f"port {args.port} is already in use; pass --port")
    folder = Path(tempfile.mkdtemp(prefix="sa-sqlite-load-"))
    env = sqlite_env(folder)
    flask(env, "db", "upgrade", "heads")
    flask(env, "demo", "--port", str(args.port))
    dev_env = {**env, "APP_ENV": "development"}
    cands, items = invite_candidates(dev_env, args.candidates)
    log_file = folder / "server.log"
    server = subprocess.Popen([str(VENV / "flask"), "run", "--port", str(args.port)],
                              env=dev_env, cwd=ROOT, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=log_file.open("w"))
    try:
        wait_for_port(args.port)
        t0 = time.monotonic()
        tally, acked = asyncio.run(drive(args.port, args.seconds, cands, items))
        wall = time.monotonic() - t0
    finally:
        stop(server)
    log = log_file.read_text()
    db_file = folder / "service_academy.db"
    lost = lost_saves(db_file, acked)
    states = attempt_states(db_file, [c.attempt_id for c in cands])
    total = sum(tally.requests.values())
    lat = sorted(tally.latencies)
    p95 = lat[int(0.95 * len(lat))] * 1000 if lat else float("nan")
    print(f"16-user SQLite load ({len(STAFF)} staff, {len(cands)} candidates) for "
          f"{wall:.0f} s on the development server")
    for kind, n in sorted(tally.requests.items()):
        print(f"  {kind:<18} {n:6d}")
    print(f"requests {total}, p95 {p95:.0f} ms; 5xx {len(tally.server_errors)}; "
          f"connection errors {sum(tally.other_errors.values())}")
    for line in tally.server_errors[:10]:
        print(f"  5xx: {line}")
    if "database is locked" in log:
        print("  the server log says 'database is locked'")
    print(f"attempts: {dict(states)}")
    print(f"RESULT requests {total}, 5xx {len(tally.server_errors)}, "
          f"lost saves {lost} of {len(acked)} acknowledged")


if __name__ == "__main__":
    main()
