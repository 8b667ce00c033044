"""Recovery check: do scored traits and hurdle decisions track the true latent levels?

Run: ``.venv/bin/python bench/bench_recovery.py [--attempts N] [--seed S]``.
Simulates candidates of the shipped service-aptitude instrument with known latent trait
levels (``app.psychometrics.synthetic``), scores them with ``score_batch``, and prints
the correlation of true level with T-score per trait, the agreement between the hurdle
decision and the *true* classification (the same profile rule applied to latent
T = 50 + 10·θ), and how often the quality flags catch the careless responders.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from app.psychometrics import (
    LikertItem,
    WorkSampleItem,
    check_quality,
    compile_plan,
    load_catalog,
    score_batch,
)
from app.psychometrics.synthetic import simulate

ASSESSMENTS = Path(__file__).resolve().parents[1] / "assessments"


def true_decisions(latent: np.ndarray, trait_ids, profile) -> np.ndarray:
    """Apply the profile's rule to latent T-scores (50 + 10·θ)."""
    col = {t: j for j, t in enumerate(trait_ids)}
    t_true = 50 + 10 * latent
    weights = np.zeros(len(trait_ids))
    for trait, w in profile.weights.items():
        weights[col[trait]] = float(w)
    passed = t_true @ weights / weights.sum() >= float(profile.cut_score)
    for trait, minimum in profile.minimums.items():
        passed &= t_true[:, col[trait]] >= float(minimum)
    return passed


def decode(instrument, plan, row) -> dict[str, object]:
    """Form-style answers of one code row (work samples left out)."""
    out: dict[str, object] = {}
    for item in instrument.items:
        code = int(row[plan.item_columns[item.id][0]])
        if code < 0 or isinstance(item, WorkSampleItem):
            continue
        out[item.id] = code + 1 if isinstance(item, LikertItem) else item.options[code].id
    return out


def main() -> None:
    """Simulate, score and print the recovery figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--attempts", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--careless", type=float, default=0.05)
    parser.add_argument("--quality-sample", type=int, default=2_000)
    args = parser.parse_args()
    catalog = load_catalog(ASSESSMENTS)
    instrument = catalog.instruments["service-aptitude"]
    norms = catalog.norm_tables["service-aptitude-v1"]
    plan = compile_plan(instrument)
    sample = simulate(instrument, plan, args.attempts, seed=args.seed, careless_share=args.careless)
    attentive = ~sample.careless
    print(
        f"{args.attempts:,} simulated candidates (seed {args.seed}), "
        f"{int(sample.careless.sum()):,} careless; norms {norms.id} (synthetic, provisional)"
    )
    first = next(iter(catalog.job_profiles.values()))
    scores = score_batch(plan, sample.codes, norms, first)
    print("\ncorrelation of true latent level with T-score")
    print(f"  {'trait':<24}{'all':>8}{'attentive':>11}{'reliability':>13}")
    for j, trait in enumerate(plan.trait_ids):
        r_all = np.corrcoef(sample.latent[:, j], scores.t_scores[:, j])[0, 1]
        r_att = np.corrcoef(sample.latent[attentive, j], scores.t_scores[attentive, j])[0, 1]
        print(f"  {trait:<24}{r_all:>8.3f}{r_att:>11.3f}{norms.traits[trait].reliability:>13.2f}")
    print("\nhurdle decision vs true classification")
    for profile in catalog.job_profiles.values():
        got = score_batch(plan, sample.codes, norms, profile).decision == 1
        truth = true_decisions(sample.latent, plan.trait_ids, profile)
        agree = (got == truth).mean()
        agree_att = (got[attentive] == truth[attentive]).mean()
        false_pass = (got & ~truth).mean()
        false_fail = (~got & truth).mean()
        print(
            f"  {profile.id:<24} agreement {agree:.1%} (attentive {agree_att:.1%}); "
            f"pass rate {got.mean():.1%} vs true {truth.mean():.1%}; "
            f"false pass {false_pass:.1%}, false fail {false_fail:.1%}"
        )
    n = min(args.quality_sample, args.attempts)
    flagged = np.zeros(n, dtype=bool)
    for i in range(n):
        answers = decode(instrument, plan, sample.codes[i])
        timings = {
            item.id: float(sample.timings_ms[i, k])
            for k, item in enumerate(instrument.items)
            if item.id in answers
        }
        flagged[i] = bool(check_quality(instrument, answers, timings).flags)
    careless = sample.careless[:n]
    print(
        f"\nquality flags on the first {n:,}: careless flagged "
        f"{flagged[careless].mean():.1%} of {int(careless.sum())}, attentive flagged "
        f"{flagged[~careless].mean():.1%} of {int((~careless).sum())}"
    )


if __name__ == "__main__":
    main()
