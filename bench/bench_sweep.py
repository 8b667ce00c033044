"""Sweep wall time on a real Celery worker with 1 and then 2 worker processes.

Run: ``.venv/bin/python bench/bench_sweep.py [--redis redis://127.0.0.1:6379/6]``

A 40-cell grid (10 agent totals x 2 policies x 2 shrinkage values, ``helpdesk``, one
replication of 8 hours per cell) is sent as a Celery group, once per worker size; the
time from sending to the last result is the wall time. Results are checked equal across
runs. The machine may be shared: the speed-up is what this run measured.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redis", default=os.environ.get("SWEEP_REDIS_URL",
                                                          "redis://127.0.0.1:6379/6"))
    parser.add_argument("--replications", type=int, default=2)
    args = parser.parse_args()
    from celery import group

    from app import create_app
    from app.jobs import celery
    from app.reports.sweeps import sweep_cell
    from app.routing import load_scenario
    from app.routing.sweep import cells
    from bench.sweep_worker import worker

    create_app("testing")
    celery.conf.update(broker_url=args.redis, result_backend=args.redis,
                       task_always_eager=False)
    data = load_scenario("helpdesk").to_dict()
    grid = cells(list(range(4, 14)), ["blended_fifo", "channel_priority"], "shrinkage",
                 [0.0, 0.2])
    walls, answers = {}, []
    for processes in (1, 2):
        with worker(args.redis, processes):
            start = time.perf_counter()
            answers.append(group(sweep_cell.s(data, cell, 5, args.replications)
                                 for cell in grid).apply_async().get(timeout=1200))
            walls[processes] = time.perf_counter() - start
        print(f"{len(grid)} cells, {processes} worker process(es): {walls[processes]:.2f} s",
              flush=True)
    print(f"speed-up 1 -> 2 processes: {walls[1] / walls[2]:.2f}x "
          f"(os.cpu_count()={os.cpu_count()}, load average {os.getloadavg()[0]:.1f}); "
          f"identical results: {answers[0] == answers[1]}")


if __name__ == "__main__":
    main()
