"""Web load test: gunicorn (2 sync workers) on PostgreSQL, candidates autosaving.

Run: ``.venv/bin/python bench/bench_load.py [--candidates 1000] [--port 8811]``
(needs PostgreSQL at 127.0.0.1:5432 with trust auth; about 5 minutes).

1. Creates a fresh database ``sa_bench`` (dropped at the end), migrates it, loads the
   content, and creates N candidates with started attempts through the services.
2. Starts gunicorn on the real app (``deploy/wsgi.py``, production config) and signs
   every candidate in through the invitation link (GET + POST /i/<token>), then reads
   the CSRF token of the test page, exactly like a browser.
3. Ceiling: a closed loop of K concurrent clients against the full autosave path
   (POST /candidate/test/answer: session cookie, CSRF, login-session and attempt checks,
   validation, sequence check; its statement built by SQLAlchemy and run on a pooled
   connection, see app/hiring/autosave.py) and against ``bench/bare_autosave.py``
   (bare Flask + psycopg upsert of one row) under the same gunicorn settings, the two
   measured alternately at each K; prints both and the ratio.
4. Open-loop candidates: each simulated candidate autosaves one answer every 5 s of test
   time; a 25-minute sitting is compressed by a factor C (a save every 5/C s), so N
   clients at factor C offer the load of N×C real candidates. Latency is measured from
   the *scheduled* send time (no coordinated omission). Steps up the load until
   p99 >= 100 ms or an error, and reports the highest N (real-candidate equivalent)
   that kept p99 < 100 ms with 0 errors. Also runs 1,000 candidates in real time.

The client is a small asyncio HTTP/1.1 client (one connection per request, like gunicorn
sync workers expect); each simulated candidate connects from its own loopback address
(127.0.x.y -> 127.0.0.1), as distinct browsers would.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv" / "bin"
PG = "postgresql://127.0.0.1:5432"
SAVE_PATH = "/candidate/test/answer"
IP_BIND_ADDRESS_NO_PORT = 24  # Linux socket option (socket module lacks the name)


# --- database and processes ----------------------------------------------------------


def recreate_db(name: str) -> str:
    with psycopg.connect(f"{PG}/test", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{PG}/{name}"


def drop_db(name: str) -> None:
    with psycopg.connect(f"{PG}/test", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def app_env(db_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "FLASK_APP")}
    env.update(DATABASE_URL=db_url, APP_ENV="production", SECRET_KEY=secrets.token_hex(32),
               INSTANCE_PATH=tempfile.mkdtemp(prefix="sa-bench-"),
               FLASK_APP="deploy.wsgi:app", PYTHONPATH=str(ROOT))
    env.update(extra)
    return env


def flask(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(VENV / "flask"), *args], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def start_gunicorn(env: dict[str, str], port: int, app: str, workers: int = 2,
                   extra: tuple[str, ...] = ()) -> subprocess.Popen:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError(f"port {port} is already in use")
    cmd = [str(VENV / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
           "-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level", "warning", *extra, app]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True)
    wait_for_port(port)
    return proc


def wait_for_port(port: int, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            status = conn.getresponse().status
            conn.close()
            if status in (200, 404):
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"nothing answers on port {port}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


# --- set-up through the services -------------------------------------------------------


@dataclass
class Candidate:
    token: str
    attempt_id: int
    ip: str
    cookie: str = ""
    csrf: str = ""
    seq: int = 0
    acked: dict[str, tuple[int, int]] = field(default_factory=dict)


def setup_candidates(env: dict[str, str], n: int) -> tuple[list[Candidate], list[tuple]]:
    """Create N invited candidates with started attempts; return them and the Likert
    items (id, min, max) of the test."""
    code = f"""
import json, sys
from app import create_app
from app.extensions import db
from app.hiring import services
from app.hiring.catalog import setup_for
from app.identity.services import create_user
app = create_app("production")
with app.app_context():
    rec = create_user("bench-recruiter@example.test", "Bench Recruiter", {{"recruiter"}},
                      password="bench-password-123")
    opening = services.create_opening(rec, "Bench opening", "contact-center-agent")
    out = []
    for i in range({n}):
        inv, raw = services.invite_candidate(opening, f"Cand {{i}}", f"c{{i}}@bench.test")
        services.record_consent(inv, None)
        attempt = services.start_attempt(inv)
        out.append((raw, attempt.id))
        if i % 200 == 199:
            db.session.commit()
    db.session.commit()
    items = [(it.id, it.scale.min, it.scale.max)
             for it in setup_for("contact-center-agent").instrument.items if it.kind == "likert"]
    json.dump({{"candidates": out, "items": items}}, sys.stdout)
"""
    result = subprocess.run([str(VENV / "python"), "-c", code], env=env, cwd=ROOT, check=True,
                            capture_output=True, text=True)
    data = json.loads(result.stdout)
    cands = [Candidate(tok, aid, ip_for(i)) for i, (tok, aid) in enumerate(data["candidates"])]
    return cands, [tuple(x) for x in data["items"]]


def ip_for(i: int) -> str:
    return f"127.0.{1 + i // 250}.{1 + i % 250}"


# --- a tiny HTTP/1.1 client ------------------------------------------------------------


async def request(port: int, method: str, path: str, headers: dict[str, str] | None = None,
                  body: bytes = b"", ip: str = "127.0.0.1") -> tuple[int, dict, bytes]:
    """One request on a fresh connection (Connection: close); returns status, headers
    (lower-case names; set-cookie as a list) and body."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # pick the source port at connect() time (unique per 4-tuple), not at bind() time
    sock.setsockopt(socket.SOL_IP, IP_BIND_ADDRESS_NO_PORT, 1)
    sock.setblocking(False)
    try:
        sock.bind((ip, 0))
        await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", port))
    except OSError:
        sock.close()
        raise
    reader, writer = await asyncio.open_connection(sock=sock)
    try:
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close",
                 f"Content-Length: {len(body)}"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        raw = await reader.read()
    finally:
        writer.close()
    head, _, content = raw.partition(b"\r\n\r\n")
    if not head:
        raise ConnectionError("empty answer")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    out: dict = {"set-cookie": []}
    for line in header_lines:
        name, _, value = line.partition(":")
        name, value = name.strip().lower(), value.strip()
        if name == "set-cookie":
            out["set-cookie"].append(value)
        else:
            out[name] = value
    return int(status_line.split()[1]), out, content


def take_cookie(cand: Candidate, headers: dict) -> None:
    for c in headers["set-cookie"]:
        if c.startswith("session="):
            cand.cookie = c.split(";", 1)[0]


async def sign_in(port: int, cand: Candidate) -> None:
    """Invitation link -> session -> test page CSRF token, like a browser."""
    status, h, body = await request(port, "GET", f"/i/{cand.token}", ip=cand.ip)
    take_cookie(cand, h)
    csrf = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', body)
    if status != 200 or csrf is None:
        raise RuntimeError(f"invitation page answered {status}: {body[-600:]!r}")
    form = f"csrf_token={csrf.group(1).decode()}".encode()
    status, h, _ = await request(port, "POST", f"/i/{cand.token}", ip=cand.ip, body=form,
                                 headers={"Cookie": cand.cookie, "Content-Type":
                                          "application/x-www-form-urlencoded"})
    take_cookie(cand, h)
    if status != 302:
        raise RuntimeError(f"sign-in answered {status}")
    status, h, body = await request(port, "GET", "/candidate/test", ip=cand.ip,
                                    headers={"Cookie": cand.cookie})
    take_cookie(cand, h)
    meta = re.search(rb'<meta name="csrf-token" content="([^"]+)"', body)
    if status != 200 or meta is None:
        raise RuntimeError(f"test page answered {status}")
    cand.csrf = meta.group(1).decode()


async def sign_in_all(port: int, cands: list[Candidate], concurrency: int = 20) -> None:
    sem = asyncio.Semaphore(concurrency)

    async def one(c: Candidate) -> None:
        async with sem:
            await sign_in(port, c)

    await asyncio.gather(*(one(c) for c in cands))


def autosave_request(cand: Candidate, items: list[tuple], rng: random.Random
                     ) -> tuple[dict[str, str], bytes, str, int, int]:
    cand.seq += 1
    item_id, lo, hi = items[cand.seq % len(items)]
    value = rng.randint(lo, hi)
    body = json.dumps({"item": item_id, "value": value, "seq": cand.seq,
                       "elapsed_ms": 4000}).encode()
    headers = {"Cookie": cand.cookie, "X-CSRFToken": cand.csrf,
               "Content-Type": "application/json"}
    return headers, body, item_id, value, cand.seq


def bare_request(cand: Candidate, items: list[tuple], rng: random.Random
                 ) -> tuple[dict[str, str], bytes]:
    cand.seq += 1
    item_id, lo, hi = items[cand.seq % len(items)]
    body = json.dumps({"attempt": cand.attempt_id, "item": item_id,
                       "value": rng.randint(lo, hi), "seq": cand.seq}).encode()
    return {"Content-Type": "application/json"}, body


# --- measurements ----------------------------------------------------------------------


@dataclass
class Result:
    latencies: list[float]
    errors: int
    seconds: float
    error_samples: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.latencies) + self.errors

    def pct(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    def line(self, label: str) -> str:
        return (f"{label}: {self.count} requests in {self.seconds:.1f} s = "
                f"{self.count / self.seconds:.0f} req/s; p50 {self.pct(50):.1f} ms, "
                f"p95 {self.pct(95):.1f} ms, p99 {self.pct(99):.1f} ms; errors {self.errors}")


async def closed_loop(port: int, path: str, cands: list[Candidate], items: list[tuple],
                      seconds: float, concurrency: int, bare: bool) -> Result:
    """K clients back to back for `seconds`: the throughput ceiling."""
    rng = random.Random(1)
    lat: list[float] = []
    errors = [0]
    samples: list[str] = []
    end = time.perf_counter() + seconds

    async def worker(k: int) -> None:
        i = k
        while time.perf_counter() < end:
            cand = cands[i % len(cands)]
            i += concurrency
            if bare:
                headers, body = bare_request(cand, items, rng)
            else:
                headers, body, *_ = autosave_request(cand, items, rng)
            t0 = time.perf_counter()
            try:
                status, _, content = await request(port, "POST", path, headers, body, cand.ip)
            except OSError as exc:
                status, content = 0, str(exc).encode()
            if 200 <= status < 300:
                lat.append(time.perf_counter() - t0)
            else:
                errors[0] += 1
                if len(samples) < 5:
                    samples.append(f"{status} {content[:120]!r}")

    start = time.perf_counter()
    await asyncio.gather(*(worker(k) for k in range(concurrency)))
    return Result(lat, errors[0], time.perf_counter() - start, samples)


async def open_loop(port: int, cands: list[Candidate], items: list[tuple], seconds: float,
                    interval: float) -> Result:
    """Every candidate saves every `interval` s (random phase) for `seconds`; latency
    counts from the scheduled send time."""
    rng = random.Random(2)
    lat: list[float] = []
    errors = [0]
    samples: list[str] = []
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.5
    end = start + seconds

    async def candidate(cand: Candidate) -> None:
        due = start + rng.random() * interval
        while due < end:
            delay = due - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            headers, body, item, value, seq = autosave_request(cand, items, rng)
            try:
                status, _, content = await request(port, "POST", SAVE_PATH, headers, body,
                                                   cand.ip)
            except OSError as exc:
                status, content = 0, str(exc).encode()
            if 200 <= status < 300:
                lat.append(loop.time() - due)
                cand.acked[item] = (seq, value)
            else:
                errors[0] += 1
                if len(samples) < 5:
                    samples.append(f"{status} {content[:120]!r}")
            due += interval

    await asyncio.gather(*(candidate(c) for c in cands))
    return Result(lat, errors[0], seconds, samples)


def ceilings(full_port: int, bare_port: int, cands: list[Candidate], items: list[tuple],
             seconds: float) -> tuple[Result, Result]:
    """The best closed-loop throughput of the full autosave path and of the bare endpoint
    over 4, 8 and 16 clients, measured alternately (full, bare, full, bare, ...) so that
    both see the same machine; a 3 s warm-up of each (worker start, first connections,
    caches) is not counted."""
    targets = {False: (full_port, SAVE_PATH), True: (bare_port, "/save")}
    for bare, (port, path) in targets.items():
        asyncio.run(closed_loop(port, path, cands, items, 3, 8, bare))
    best: dict[bool, Result] = {}
    for concurrency in (4, 8, 16):
        for bare, (port, path) in targets.items():
            r = asyncio.run(closed_loop(port, path, cands, items, seconds, concurrency, bare))
            print("  " + r.line(f"{'bare' if bare else 'full'} closed loop, "
                                f"{concurrency} clients"), flush=True)
            if bare not in best or r.count / r.seconds > best[bare].count / best[bare].seconds:
                best[bare] = r
    return best[False], best[True]


STEPS = (100, 200, 300, 400, 500, 600, 700, 800, 1000, 1500, 2000, 3000, 4000, 5000, 6000)


def sweep(port: int, cands: list[Candidate], items: list[tuple], seconds: float) -> int:
    """Raise N until p99 >= 100 ms or an error; N up to the number of clients runs in
    real time (a save every 5 s), beyond it the sitting is compressed (N/clients x)."""
    print("open-loop steps (N = real candidates; beyond the client count, compressed):",
          flush=True)
    best = 0
    for n in STEPS:
        group = cands[:min(n, len(cands))]
        factor = n / len(group)
        r = asyncio.run(open_loop(port, group, items, seconds, 5.0 / factor))
        label = f"N={n}" + (f" ({len(group)} clients x{factor:g})" if factor > 1 else "")
        print("  " + r.line(label), flush=True)
        for s in r.error_samples:
            print("    error:", s)
        if r.errors or r.pct(99) >= 100:
            break
        best = n
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=1000)
    parser.add_argument("--port", type=int, default=8811)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--step-seconds", type=float, default=15)
    parser.add_argument("--ceiling-seconds", type=float, default=8)
    parser.add_argument("--realtime-seconds", type=float, default=45)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--ceiling-only", action="store_true",
                        help="measure the two ceilings and their ratio, then stop")
    args = parser.parse_args()
    dbname = "sa_bench"
    url = recreate_db(dbname)
    env = app_env(url)
    procs: list[subprocess.Popen] = []
    try:
        t0 = time.perf_counter()
        flask(env, "db", "upgrade", "heads")
        flask(env, "content", "load")
        cands, items = setup_candidates(env, args.candidates)
        print(f"set-up: {len(cands)} candidates with started attempts, {len(items)} Likert "
              f"items, in {time.perf_counter() - t0:.0f} s", flush=True)
        with psycopg.connect(url, autocommit=True) as conn:
            from bare_autosave import SCHEMA

            conn.execute(SCHEMA)

        web = start_gunicorn(env, args.port, "deploy.wsgi:app", args.workers)
        procs.append(web)
        t0 = time.perf_counter()
        asyncio.run(sign_in_all(args.port, cands))
        print(f"signed in {len(cands)} candidates through /i/<token> in "
              f"{time.perf_counter() - t0:.0f} s", flush=True)

        print(f"ceiling, gunicorn {args.workers} sync workers:", flush=True)
        bare_env = dict(env, BARE_DATABASE_URL=url)
        bare = start_gunicorn(bare_env, args.port + 1, "bare_autosave:app", args.workers,
                              ("--chdir", str(ROOT / "bench")))
        procs.append(bare)
        full, bare_best = ceilings(args.port, args.port + 1, cands, items, args.ceiling_seconds)
        stop(bare)
        full_rps, bare_rps = full.count / full.seconds, bare_best.count / bare_best.seconds
        print(f"CEILING full autosave {full_rps:.0f} req/s, bare Flask+psycopg "
              f"{bare_rps:.0f} req/s, ratio {full_rps / bare_rps:.2f}", flush=True)
        if args.ceiling_only:
            return

        print(f"real time: {len(cands)} candidates, one save every 5 s, "
              f"{args.realtime_seconds:.0f} s", flush=True)
        realtime = asyncio.run(open_loop(args.port, cands, items, args.realtime_seconds, 5.0))
        print("  " + realtime.line(f"{len(cands)} candidates real time"), flush=True)
        for s in realtime.error_samples:
            print("    error:", s)
        best_n = sweep(args.port, cands, items, args.step_seconds)
        print(f"RESULT highest N with p99 < 100 ms and 0 errors: {best_n}; "
              f"{len(cands)}-candidate real-time p99 {realtime.pct(99):.1f} ms, "
              f"errors {realtime.errors}; ceiling ratio full/bare "
              f"{full_rps / bare_rps:.2f} ({full_rps:.0f} / {bare_rps:.0f} req/s)", flush=True)
    finally:
        for p in procs:
            stop(p)
        if not args.keep_db:
            drop_db(dbname)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
