"""Start and stop a real Celery worker for sweep tests and benches (Redis broker).

``worker(redis_url, concurrency)`` is a context manager: it starts
``celery -A deploy.celery_app:celery worker`` with ``REDIS_URL`` set, in development
config on a throw-away SQLite file, waits until it answers a ping and stops it (by its
process id) on exit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def worker(redis_url: str, concurrency: int, timeout: float = 60.0
           ) -> Iterator[subprocess.Popen]:
    """A worker with ``concurrency`` processes on ``redis_url`` (yields the main worker
    process); the caller's Celery app must be configured for the same broker."""
    from app.jobs import celery

    with tempfile.TemporaryDirectory() as tmp, open(f"{tmp}/w.log", "w") as log:
        env = os.environ | {"REDIS_URL": redis_url, "APP_ENV": "development",
                            "DATABASE_URL": f"sqlite:///{tmp}/worker.db",
                            "INSTANCE_PATH": tmp}
        env.pop("TEST_DATABASE_URL", None)
        name = f"sweep{os.getpid()}c{concurrency}@localhost"
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "deploy.celery_app:celery", "worker",
             "--concurrency", str(concurrency), "--pool", "prefork", "-O", "fair",
             "--without-gossip", "--without-mingle", "-n", name, "--loglevel", "WARNING"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
        try:
            deadline = time.monotonic() + timeout
            while not celery.control.ping(destination=[name], timeout=1.0):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("celery worker did not start: "
                                       + Path(f"{tmp}/w.log").read_text()[-2000:])
            yield process
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def cpu_by_process(pid: int) -> dict[int, float]:
    """CPU seconds (user + system) used so far by each child process of ``pid`` (the
    worker's pool processes); Linux only, empty elsewhere."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return {}
    used = {}
    for child in children:
        try:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[int(child)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return used


def cpu_seconds(pid: int) -> float:
    """CPU seconds used so far by the worker's pool processes together."""
    return sum(cpu_by_process(pid).values())
