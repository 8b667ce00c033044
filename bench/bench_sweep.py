"""Sweep wall time on a real Celery worker with 1 and then 2 worker processes.

Run: ``.venv/bin/python bench/bench_sweep.py [--redis redis://127.0.0.1:6379/6]``

A 40-cell grid (10 agent totals x 2 policies x 2 shrinkage values of ``blended_center``,
``--replications`` days of 8 hours per cell) is sent as a Celery group, once per worker
size; the time from sending to the last result is the wall time. Before the timed group
each worker gets a few untimed cells, so that no process pays its first-task costs inside
the measurement. The computing time of one cell in this process is printed next to the
per-cell wall time, so the dispatch overhead per task shows, and so are the CPU cores
the worker's pool actually got (its CPU seconds over the wall time): on a machine busy
with other work two processes may get much less than two cores, and then the wall-time
speed-up measures the other work, not the sweep. The last line therefore also gives the
CPU-time view: CPU seconds per cell with 1 and 2 processes (per-task overhead shows as a
difference) and how evenly the 2 processes split the work (total CPU seconds over the
busier process's), which is the speed-up they would give with a free core each.
Results are checked equal across runs. The machine may be shared: the speed-up is what
this run measured, with the load averages before and after.

A cell should be much longer than a Celery round trip (a few ms): with the 10 ms cells of
``helpdesk`` with one replication, dispatch dominated and two processes were no faster
than one.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def loads(values: tuple[float, float, float]) -> str:
    return "/".join(f"{x:.2f}" for x in values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redis", default=os.environ.get("SWEEP_REDIS_URL",
                                                          "redis://127.0.0.1:6379/6"))
    parser.add_argument("--replications", type=int, default=8)
    parser.add_argument("--scenario", default="blended_center")
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternate 1 and 2 processes this many times; best wall time")
    args = parser.parse_args()
    from celery import group

    from app import create_app
    from app.jobs import celery
    from app.reports.sweeps import sweep_cell
    from app.routing import load_scenario
    from app.routing.sweep import cells, run_cell
    from bench.sweep_worker import cpu_by_process, worker

    create_app("testing")
    celery.conf.update(broker_url=args.redis, result_backend=args.redis,
                       task_always_eager=False)
    scenario = load_scenario(args.scenario)
    data = scenario.to_dict()
    total = scenario.total_agents
    totals = [max(1, round(total * (0.7 + 0.06 * k))) for k in range(10)]
    grid = cells(totals, ["blended_fifo", "channel_priority"], "shrinkage", [0.0, 0.2])
    run_cell(data, grid[len(grid) // 2], 5, 1)
    start = time.process_time()
    run_cell(data, grid[len(grid) // 2], 5, args.replications)
    compute = time.process_time() - start
    load_before = os.getloadavg()
    walls: dict[int, float] = {}
    cores: dict[int, float] = {}
    cpu_total: dict[int, float] = {}
    split = 0.0
    answers = []
    for _ in range(args.rounds):
        for processes in (1, 2):
            with worker(args.redis, processes, timeout=300) as main_process:
                group(sweep_cell.s(data, cell, 5, 1) for cell in grid[:4 * processes]
                      ).apply_async().get(timeout=600)
                before = cpu_by_process(main_process.pid)
                start = time.perf_counter()
                answers.append(group(sweep_cell.s(data, cell, 5, args.replications)
                                     for cell in grid).apply_async().get(timeout=2400))
                wall = time.perf_counter() - start
                spent = {p: s - before.get(p, 0.0)
                         for p, s in cpu_by_process(main_process.pid).items()}
                used = sum(spent.values()) / wall
            cpu_total[processes] = min(cpu_total.get(processes, float("inf")),
                                       sum(spent.values()))
            if processes == 2 and spent:
                split = max(split, sum(spent.values()) / max(spent.values()))
            print(f"{len(grid)} cells, {processes} worker process(es): {wall:.2f} s, the "
                  f"pool used {used:.2f} cores ({wall * processes / len(grid):.3f} s per "
                  f"cell per process; one cell takes {compute:.3f} CPU s here; load "
                  f"averages {loads(os.getloadavg())})", flush=True)
            if wall < walls.get(processes, float("inf")):
                walls[processes], cores[processes] = wall, used
    speedup = walls[1] / walls[2]
    verdict = "PASS" if speedup >= 1.7 else "MISS"
    print(f"speed-up 1 -> 2 processes: {speedup:.2f}x (target >= 1.7x: {verdict}); "
          f"os.cpu_count()={os.cpu_count()}, load averages (1/5/15 min) {loads(load_before)} "
          f"before, {loads(os.getloadavg())} after; cores the pool got: {cores[1]:.2f} and "
          f"{cores[2]:.2f}; identical results: "
          f"{all(answer == answers[0] for answer in answers)}")
    print(f"CPU-time view (independent of the other load): {cpu_total[1] / len(grid):.3f} "
          f"CPU s per cell with 1 process, {cpu_total[2] / len(grid):.3f} with 2; the 2 "
          f"processes split the work {split:.2f} : 1 (total over the busier one's CPU "
          f"seconds), the speed-up they would give with a free core each")

if __name__ == "__main__":
    main()
