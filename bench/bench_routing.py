"""Routing simulator speed and accuracy against an idiomatic SimPy model.

Run: ``.venv/bin/python bench/bench_routing.py [--quick]``

Cases: M/M/c (50 agents, 900 calls/h, AHT 180 s), the same with exponential patience
(M/M/c+M, mean 180 s), and the shipped ``blended_center`` scenario (4 channels, 3 skills,
60 agents). Each engine runs the same amount of simulated time; each timing is the best
of a few repetitions (the machine is shared). "engine" is ``simulate`` as the app calls it
(it takes the exact one-pool FIFO shortcut when the scenario allows, see
``app/routing/fastpath.py``); "events" forces the general event-driven engine.
Accuracy: service level (20 s), ASA and abandonment share of each engine, and the Erlang
C / Erlang A value where one exists.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.routing import erlang_a, erlang_c, load_scenario, mmc_scenario  # noqa: E402
from app.routing.runner import make_table, run_table, simulate  # noqa: E402
from app.routing.stats import mean_ci  # noqa: E402
from bench import simpy_reference  # noqa: E402

METRICS = ("service_level", "asa", "abandon_rate")
BATCHES = 20


def sl_half_width(chunks: list[tuple[np.ndarray, np.ndarray, float, float]]) -> float:
    """95% half-width of the service level: batch means (20 batches) for one long run,
    or across runs when there are several. Each chunk: arrival, wait (NaN when not
    answered) of live contacts, and the measured span (seconds)."""
    values = []
    for arrival, wait, lo, hi in chunks:
        edges = np.linspace(lo, hi, BATCHES + 1) if len(chunks) == 1 else np.array([lo, hi])
        batch = np.searchsorted(edges, arrival, "right") - 1
        for k in range(len(edges) - 1):
            inside = batch == k
            values.append(float(np.mean(wait[inside] <= 20)))
    return mean_ci(values)[1]


def ours(scenario, seeds, engine):
    def job():
        contacts, rows, chunks = 0, [], []
        for seed in seeds:
            result = simulate(scenario, seed, engine=engine)
            rec = result.records
            contacts += len(rec.arrival)
            rows.append(result.metrics["overall"])
            live = (rec.channel <= 1) & (rec.arrival >= scenario.warmup)
            chunks.append((rec.arrival[live], (rec.start - rec.arrival)[live],
                           scenario.warmup, scenario.horizon))
        metrics = {m: sum(r[m] for r in rows) / len(rows) for m in METRICS}
        return contacts, metrics, chunks
    return job


def simpy_job(run, seeds, warmup, horizon):
    def job():
        outcomes = [run(seed) for seed in seeds]
        rows = [simpy_reference.summarize(o, warmup, 20) for o in outcomes]
        chunks = []
        for run_outcomes in outcomes:
            live = [o for o in run_outcomes
                    if o.arrival >= warmup and o.channel in ("phone", "chat")]
            chunks.append((np.array([o.arrival for o in live]),
                           np.array([np.nan if o.wait is None else o.wait for o in live]),
                           warmup, horizon))
        metrics = {m: sum(r[m] for r in rows) / len(rows) for m in METRICS}
        return sum(len(o) for o in outcomes), metrics, chunks
    return job


def timed(repeats: int, jobs: dict[str, Callable]) -> dict[str, tuple[float, int, dict, list]]:
    """Run the jobs interleaved ``repeats`` times; keep each job's fastest wall time."""
    best: dict[str, tuple[float, int, dict, list]] = {}
    for _ in range(repeats):
        for name, job in jobs.items():
            start = time.perf_counter()
            contacts, metrics, chunks = job()
            elapsed = time.perf_counter() - start
            if name not in best or elapsed < best[name][0]:
                best[name] = (elapsed, contacts, metrics, chunks)
    return best


def _time_run(scenario, table) -> float:
    start = time.perf_counter()
    run_table(scenario, table, scenario.policy, "events")
    return time.perf_counter() - start


def fmt(metrics, half=None):
    spread = f"±{half:.3f}" if half is not None else "      "
    return (f"{metrics['service_level']:7.3f} {spread} {metrics['asa']:7.2f} "
            f"{metrics['abandon_rate']:7.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter runs (smoke test)")
    parser.add_argument("--repeats", type=int, default=4)
    args = parser.parse_args()
    hours = 20 if args.quick else 100
    days = 3 if args.quick else 12
    rows, formulas = [], {}
    for label, patience in (("M/M/c 50 ag", None), ("M/M/c+M 50 ag", 180.0)):
        scenario = mmc_scenario(900, 180, 50, patience=patience, hours=hours, warmup=3600)
        rows.append((label, timed(args.repeats, {
            "engine": ours(scenario, [1], "auto"),
            "events": ours(scenario, [1], "events"),
            "simpy": simpy_job(lambda seed, p=patience: simpy_reference.run_mmc(
                900, 180, 50, hours, p, seed), [1], 3600, hours * 3600),
        })))
        formula = (erlang_c(900, 180, 50, 20) if patience is None
                   else erlang_a(900, 180, 50, patience, 20))
        formulas[label] = {"service_level": formula.service_level, "asa": formula.asa,
                           "abandon_rate": formula.abandon}

    blended = load_scenario("blended_center")
    seeds = list(range(1, days + 1))
    rows.append((f"blended 60 ag x{days}d", timed(args.repeats, {
        "engine": ours(blended, seeds, "auto"),
        "events": ours(blended, seeds, "events"),
        "simpy": simpy_job(lambda seed: simpy_reference.run_scenario(blended, seed), seeds,
                           blended.warmup, blended.horizon),
    })))

    print(f"{'case':<20} {'engine':>8} {'contacts':>9} {'contacts/s':>11} {'x SimPy':>8}"
          f"   {'SL20':>7} {'95% CI':>6} {'ASA s':>7} {'aband':>7}")
    for label, results in rows:
        simpy_speed = results["simpy"][1] / results["simpy"][0]
        for name, (seconds, contacts, metrics, chunks) in results.items():
            speed = contacts / seconds
            print(f"{label:<20} {name:>8} {contacts:>9} {speed:>11,.0f} "
                  f"{speed / simpy_speed:>8.1f}   {fmt(metrics, sl_half_width(chunks))}")
        if label in formulas:
            print(f"{label:<20} {'formula':>8} {'':>9} {'':>11} {'':>8}   "
                  f"{fmt(formulas[label])}")
    print()
    print(f"{'selector':<16} {'agents':>6} {'contacts':>9} {'us/contact':>11} {'growth':>7}")
    for selector in ("longest_idle", "most_proficient"):
        costs = {}
        for agents in (50, 250, 5000):
            per_hour = 0.95 * agents * 3600 / 180
            hours = max(2.0, (20_000 if args.quick else 100_000) / per_hour)
            scenario = mmc_scenario(per_hour, 180, agents, hours=hours, warmup=0).with_changes(
                agent_selection=selector)
            table = make_table(scenario, 1)
            best = min(_time_run(scenario, table) for _ in range(args.repeats))
            costs[agents] = best / len(table) * 1e6
            print(f"{selector:<16} {agents:>6} {len(table):>9} {costs[agents]:>11.2f} "
                  f"{costs[agents] / costs[50]:>6.2f}x")
    print("SL20 = answered within 20 s / offered (live contacts after warm-up), with its 95% CI "
          "half-width (batch means, or across days); ASA = mean wait of answered (s); "
          "aband = abandoned / offered. Timings: best of interleaved repeats.")


if __name__ == "__main__":
    main()
