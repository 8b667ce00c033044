"""Fault test: candidates autosave while the gunicorn master (and then its orphaned
workers, mid-request) is killed with SIGKILL at random times and restarted; afterwards
every save acknowledged with 2xx must be in PostgreSQL. Not part of the default test run.

Run: ``.venv/bin/python bench/bench_fault.py [--kills 20] [--candidates 40]``
(needs PostgreSQL at 127.0.0.1:5432 with trust auth; about 2-3 minutes).

Uses a fresh database ``sa_fault`` (dropped at the end). Each client saves answers back
to back through the real autosave endpoint (session cookie + CSRF, as a browser does)
and remembers, per save acknowledged with 2xx, the (attempt, item, seq, value). Saves
that fail while the server is down are simply not acknowledged (the browser keeps them
and retries). A save counts as lost when the database holds an older sequence number
for its item, or the same sequence number with a different value.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

from bench_load import (  # noqa: E402
    SAVE_PATH,
    Candidate,
    app_env,
    autosave_request,
    drop_db,
    flask,
    recreate_db,
    request,
    setup_candidates,
    sign_in_all,
    start_gunicorn,
    stop,
)


async def clients(port: int, cands: list[Candidate], items: list[tuple], stop_at: list[float],
                  acked: list[tuple[int, str, int, int]], counts: dict[str, int]) -> None:
    rng = random.Random(3)

    async def one(cand: Candidate) -> None:
        while time.monotonic() < stop_at[0]:
            headers, body, item, value, seq = autosave_request(cand, items, rng)
            try:
                status, _, _ = await request(port, "POST", SAVE_PATH, headers, body, cand.ip)
            except OSError:
                status = 0
            if 200 <= status < 300:
                acked.append((cand.attempt_id, item, seq, value))
                counts["acked"] += 1
            else:
                counts["failed"] += 1
                await asyncio.sleep(0.05)
            await asyncio.sleep(rng.random() * 0.05)

    await asyncio.gather(*(one(c) for c in cands))


def killer(env: dict[str, str], port: int, kills: int, web: list[subprocess.Popen],
           stop_at: list[float], log: list[str]) -> None:
    """Runs in a thread: SIGKILL the master at random moments, then start a new one."""
    try:
        _kill_and_restart(env, port, kills, web, log)
    finally:
        time.sleep(1.5)
        stop_at[0] = time.monotonic()


def _kill_and_restart(env: dict[str, str], port: int, kills: int,
                      web: list[subprocess.Popen], log: list[str]) -> None:
    rng = random.Random(4)
    for k in range(kills):
        time.sleep(rng.uniform(0.5, 2.5))
        master = web[-1]
        workers = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
        os.kill(master.pid, signal.SIGKILL)
        master.wait()
        down = time.monotonic()
        # Then its orphaned workers die too, mid-request (what a crashed host or the
        # service manager's clean-up of the unit does): in-flight saves get no answer.
        time.sleep(rng.uniform(0, 0.2))
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid), signal.SIGKILL)
        wait_port_free(port)
        web.append(start_gunicorn(env, port, "deploy.wsgi:app", 2))
        log.append(f"kill {k + 1}: master {master.pid} and workers {','.join(workers)} "
                   f"SIGKILLed; new master {web[-1].pid} serving after "
                   f"{time.monotonic() - down:.1f} s")
        print(log[-1], flush=True)


def wait_port_free(port: int, timeout: float = 10) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return
        time.sleep(0.05)


def verify(url: str, acked: list[tuple[int, str, int, int]]) -> int:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT attempt_id, item_id, client_seq, value FROM response")
        stored = {(a, i): (s, v) for a, i, s, v in rows}
    lost = 0
    for attempt_id, item, seq, value in acked:
        have = stored.get((attempt_id, item))
        if have is None or have[0] < seq or (have[0] == seq and have[1] != value):
            lost += 1
    return lost


async def run(args: argparse.Namespace, env: dict[str, str], url: str) -> None:
    import threading

    cands, items = setup_candidates(env, args.candidates)
    web = [start_gunicorn(env, args.port, "deploy.wsgi:app", 2)]
    try:
        await sign_in_all(args.port, cands)
        print(f"{len(cands)} candidates signed in; autosaving while the master is killed "
              f"{args.kills} times", flush=True)
        acked: list[tuple[int, str, int, int]] = []
        counts = {"acked": 0, "failed": 0}
        stop_at = [time.monotonic() + 3600]
        log: list[str] = []
        thread = threading.Thread(target=killer, args=(env, args.port, args.kills, web,
                                                       stop_at, log), daemon=True)
        thread.start()
        await clients(args.port, cands, items, stop_at, acked, counts)
        thread.join()
    finally:
        for proc in web:
            if proc.poll() is None:
                stop(proc)
            # orphaned workers of a killed master share its process group
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
    time.sleep(1)
    lost = verify(url, acked)
    print(f"saves attempted {counts['acked'] + counts['failed']}, acknowledged "
          f"{counts['acked']}, not acknowledged (server down) {counts['failed']}")
    print(f"RESULT {lost} of {len(acked)} acknowledged saves lost after "
          f"{len(log)} SIGKILLs of the gunicorn master", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--candidates", type=int, default=40)
    parser.add_argument("--port", type=int, default=8831)
    args = parser.parse_args()
    url = recreate_db("sa_fault")
    env = app_env(url)
    try:
        flask(env, "db", "upgrade", "heads")
        flask(env, "content", "load")
        asyncio.run(run(args, env, url))
    finally:
        drop_db("sa_fault")


if __name__ == "__main__":
    main()
