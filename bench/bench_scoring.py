"""Scoring throughput: 100,000 synthetic attempts of a 120-item, 10-trait instrument.

Run: ``.venv/bin/python bench/bench_scoring.py [--attempts N] [--loop N]``.
Prints attempts/second of the vectorized ``score_batch`` on one core (BLAS limited to
one thread with threadpoolctl) and of a plain-Python loop over ``score_attempt`` on a
subset. Encoding form answers into the code matrix is not included in either figure.
"""

from __future__ import annotations

import argparse
import time
import uuid
from fractions import Fraction

import numpy as np
from threadpoolctl import threadpool_limits

from app.psychometrics import (
    DECISIONS,
    Instrument,
    JobProfile,
    NormTable,
    Section,
    compile_plan,
    score_attempt,
    score_batch,
)
from app.psychometrics.instrument import QualitySettings, Timing, Trait
from app.psychometrics.item_models import ForcedChoiceItem, LikertItem, SjtItem
from app.psychometrics.synthetic import simulate

TRAITS = [f"t{i}" for i in range(10)]


def build_instrument() -> Instrument:
    """90 Likert (9 per trait, 3 reversed), 20 four-option scenarios, 10 forced-choice pairs."""
    band = {"means": "m", "what_to_do": "w"}
    traits = tuple(
        Trait(id=t, name=t, definition="d", low=band, typical=band, high=band, probes=("p1", "p2"))
        for t in TRAITS
    )
    likert = [
        LikertItem(id=f"l{t}-{k}", trait=t, text="s", reverse=k % 3 == 0)
        for k in range(9)
        for t in TRAITS
    ]
    sjt = [
        SjtItem(
            id=f"s{k}",
            setting="phone",
            theme="bench",
            scenario="s",
            options=[
                {"id": "a", "text": "a", "points": {TRAITS[k % 10]: 2, TRAITS[(k + 1) % 10]: 1}},
                {"id": "b", "text": "b", "points": {TRAITS[k % 10]: 1}},
                {"id": "c", "text": "c", "points": {TRAITS[(k + 1) % 10]: 1}},
                {"id": "d", "text": "d", "points": {}},
            ],
        )
        for k in range(20)
    ]
    fc = [
        ForcedChoiceItem(
            id=f"f{k}",
            options=[
                {"id": "a", "text": "a", "trait": TRAITS[k]},
                {"id": "b", "text": "b", "trait": TRAITS[(k + 3) % 10]},
            ],
        )
        for k in range(10)
    ]
    sections = (Section("s1", "S1", "i", tuple(likert)), Section("s2", "S2", "i", tuple(sjt + fc)))
    return Instrument(
        id="bench",
        uuid=uuid.uuid4(),
        title="Bench",
        description="d",
        time_limit_seconds=1500,
        timing=Timing(seconds_per_item={"likert": 6, "sjt": 35, "forced_choice": 10}),
        quality=QualitySettings(),
        traits=traits,
        sections=sections,
    )


def build_norms_and_profile(plan) -> tuple[NormTable, JobProfile]:
    """Norms centred on the middle of each trait's range, and an all-traits profile."""
    norms = NormTable.model_validate(
        {
            "id": "bench-v1",
            "uuid": str(uuid.uuid4()),
            "schema_version": 1,
            "instrument": "bench",
            "version": 1,
            "sample": {"size": 1, "collected": "2026-01-01", "description": "bench"},
            "traits": {
                t: {"mean": float(m) / 2, "sd": float(m) / 6, "reliability": 0.8}
                for t, m in zip(TRAITS, plan.max_points, strict=True)
            },
        }
    )
    profile = JobProfile.model_validate(
        {
            "id": "bench",
            "uuid": str(uuid.uuid4()),
            "schema_version": 1,
            "title": "b",
            "description": "b",
            "instrument": "bench",
            "norm_table": "bench-v1",
            "weights": {t: Fraction(k + 1, 2) for k, t in enumerate(TRAITS)},
            "cut_score": 50,
            "minimums": {TRAITS[0]: 35},
        }
    )
    return norms, profile


def decode(instrument: Instrument, plan, row: np.ndarray) -> dict[str, object]:
    """Form-style responses of one code row (for the plain-Python loop)."""
    out: dict[str, object] = {}
    for item in instrument.items:
        code = int(row[plan.item_columns[item.id][0]])
        if code >= 0:
            out[item.id] = code + 1 if isinstance(item, LikertItem) else item.options[code].id
    return out


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--loop", type=int, default=2_000, help="attempts for the Python loop")
    args = parser.parse_args()
    instrument = build_instrument()
    plan = compile_plan(instrument)
    norms, profile = build_norms_and_profile(plan)
    sample = simulate(instrument, plan, args.attempts, seed=1, missing_share=0.01)
    print(
        f"instrument: {len(instrument.items)} items, {len(plan.column_keys)} scoring columns, "
        f"{len(TRAITS)} traits; attempts: {args.attempts:,}"
    )
    score_batch(plan, sample.codes[:1000], norms, profile)
    best = float("inf")
    with threadpool_limits(limits=1):
        for _ in range(3):
            start = time.perf_counter()
            result = score_batch(plan, sample.codes, norms, profile)
            best = min(best, time.perf_counter() - start)
    counts = np.bincount(result.decision, minlength=3)
    print(
        f"score_batch:   {best:.3f} s  ->  {args.attempts / best:,.0f} attempts/s "
        f"(one core, best of 3; decisions "
        + ", ".join(f"{d} {c:,}" for d, c in zip(DECISIONS, counts, strict=True))
        + ")"
    )
    subset = [decode(instrument, plan, row) for row in sample.codes[: args.loop]]
    start = time.perf_counter()
    decisions = [score_attempt(instrument, r, norms, profile).hurdle.decision for r in subset]
    loop = time.perf_counter() - start
    agree = np.mean([DECISIONS[d] == s for d, s in zip(result.decision, decisions, strict=False)])
    print(
        f"python loop:   {loop:.3f} s for {args.loop:,}  ->  {args.loop / loop:,.0f} attempts/s "
        f"(score_attempt; decisions agree with score_batch: {agree:.0%})"
    )
    print(f"speed-up: {(args.attempts / best) / (args.loop / loop):,.0f}x")


if __name__ == "__main__":
    main()
