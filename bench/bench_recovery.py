"""Recovery under faking: old summed scoring (service-aptitude) vs Thurstonian scoring
(service-aptitude-2), on applicants from ``bench/applicant_simulation.py``.

Run: ``.venv/bin/python bench/bench_recovery.py [--attempts N] [--seed S]``.

The generator is not the scoring model (probit and ideal-point utilities, response
styles, 25 % targeted fakers, 5 % careless, half of them at a normal pace). The same
simulated people answer both instruments. For the new scoring nothing is taken from
the generator's parameters: item parameters are calibrated on a separate simulated
calibration sample, norms (mean and SD of the estimates) and the person-fit threshold
come from a separate norm sample, and only then is the evaluation sample scored.
Truth for the hurdle is the job profile's rule applied to latent T = 50 + 10·θ.
All samples answer one set of simulated item properties (as real samples answer the same
items); ``--fresh-items`` redraws them per sample, a check of robustness to parameters
calibrated on other items. ``--without reply`` / ``--without correction`` calibrate
without the written reply's criteria or the idealising correction (the rules before
calibration version 4), to measure what each contributes. Throughput is printed as wall
and CPU time: on the shared machine wall time mostly measures the other jobs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from applicant_simulation import WORLD, answer, draw_applicants  # noqa: E402

from app.psychometrics import (  # noqa: E402
    LikertItem,
    WorkSampleItem,
    check_quality,
    compile_plan,
    load_catalog,
    score_batch,
)
from app.psychometrics.thurstonian import calibrate, model_traits  # noqa: E402
from app.psychometrics.trait_scoring import (  # noqa: E402
    IDEALISED_AT,
    PATTERN_SHARE,
    TraitNorms,
    decide,
    derive_cut,
    fit_flag_threshold,
    late_fit_threshold,
    quality_flags,
    score_traits,
)

ASSESSMENTS = Path(__file__).resolve().parents[1] / "assessments"
# Selection ratios the profiles were designed for (their YAML comments): the new cut is
# re-derived to screen out the same share of the (simulated) norm sample.
SCREEN_OUT = {"contact-center-agent": 0.30, "email-chat-specialist": 1 / 3}


def true_pass(latent: np.ndarray, trait_ids, profile) -> np.ndarray:
    """The profile's rule applied to latent T-scores (50 + 10·θ)."""
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
    """Form-style answers of one code row of the old instrument (work samples left out)."""
    out: dict[str, object] = {}
    for item in instrument.items:
        code = int(row[plan.item_columns[item.id][0]])
        if code < 0 or isinstance(item, WorkSampleItem):
            continue
        out[item.id] = code + 1 if isinstance(item, LikertItem) else item.options[code].id
    return out


def old_flags(instrument, plan, codes, timings, n) -> np.ndarray:
    flagged = np.zeros(n, dtype=bool)
    for i in range(n):
        answers = decode(instrument, plan, codes[i])
        times = {
            item.id: float(timings[i, k])
            for k, item in enumerate(instrument.items)
            if item.id in answers
        }
        flagged[i] = bool(check_quality(instrument, answers, times).flags)
    return flagged


def print_pass_rates(groups, profiles, latent, traits, norms, scores, cuts) -> None:
    """Pass rate by the new scoring beside the true pass rate, per profile and group."""
    print("\nnew pass rate / true pass rate   " + "".join(f"{g:>18}" for g, _ in groups))
    for profile in profiles:
        truth = true_pass(latent, traits, profile)
        got = decide(norms, scores, profile, cuts[profile.id]).decision == "pass"
        print(
            f"  {profile.id:<30}"
            + "".join(f"{got[m].mean():>10.1%} / {truth[m].mean():.1%}" for _, m in groups)
        )


def corr(a: np.ndarray, b: np.ndarray) -> float:
    ok = np.isfinite(a) & np.isfinite(b)
    return float(np.corrcoef(a[ok], b[ok])[0, 1])


def main() -> None:
    """Simulate, calibrate, score both ways and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--attempts", type=int, default=5_000)
    parser.add_argument("--calibration", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--old-flag-sample", type=int, default=1_500)
    parser.add_argument("--instrument", default="service-aptitude-2", help="instrument to score")
    parser.add_argument(
        "--assessments", type=Path, default=ASSESSMENTS, help="content folder to load"
    )
    parser.add_argument("--throughput", type=int, default=100_000)
    parser.add_argument(
        "--fresh-items",
        action="store_true",
        help="every sample answers freshly drawn item properties (robustness check)",
    )
    parser.add_argument(
        "--without",
        action="append",
        choices=("reply", "correction"),
        default=[],
        help="calibrate without the written reply's criteria or the idealising correction",
    )
    args = parser.parse_args()
    catalog = load_catalog(args.assessments)
    old, new = catalog.instruments["service-aptitude"], catalog.instruments[args.instrument]
    old_norms = catalog.norm_tables["service-aptitude-v1"]
    old_plan, new_plan = compile_plan(old), compile_plan(new)
    traits = model_traits(new)
    assert traits == old.trait_ids
    profiles = [p for p in catalog.job_profiles.values() if p.instrument == old.id]
    s = args.seed
    world = None if args.fresh_items else WORLD

    started = time.perf_counter()
    cal_people = draw_applicants(traits, args.calibration, seed=s * 100 + 1)
    cal = answer(new, new_plan, cal_people, seed=s * 100 + 2, world=world)
    fit = calibrate(
        new,
        new_plan,
        cal.codes,
        version="sim-calibration",
        work_sample="reply" not in args.without,
        correct_idealising="correction" not in args.without,
    )
    norm_people = draw_applicants(traits, args.calibration, seed=s * 100 + 3)
    norm_answers = answer(new, new_plan, norm_people, seed=s * 100 + 4, world=world)
    norm_scores = score_traits(new, new_plan, fit.model, norm_answers.codes)
    trait_norms = TraitNorms.from_scores(norm_scores, version="sim-norms")
    threshold = fit_flag_threshold(norm_scores)
    late_threshold = late_fit_threshold(norm_scores)
    cuts = {
        p.id: derive_cut(trait_norms, norm_scores, p, SCREEN_OUT.get(p.id, 0.3)) for p in profiles
    }
    print(
        "re-derived cuts: "
        + ", ".join(f"{p.id} {cuts[p.id]:.1f} (was {float(p.cut_score):g})" for p in profiles)
    )
    print(
        f"calibration: {fit.n:,} simulated applicants, {fit.rounds} rounds "
        f"(last change {fit.changes[-1]:.3f}); norms and random-answering threshold "
        f"(log evidence < {threshold:.1f}) from another {args.calibration:,}; "
        f"{time.perf_counter() - started:.0f} s"
    )

    people = draw_applicants(traits, args.attempts, seed=s * 100 + 5)
    old_ans = answer(old, old_plan, people, seed=s * 100 + 6, world=world)
    new_ans = answer(new, new_plan, people, seed=s * 100 + 7, world=world)
    honest = ~people.faker & ~people.careless
    print(
        f"evaluation: {args.attempts:,} applicants, {int(people.faker.sum()):,} fakers, "
        f"{int(people.careless.sum()):,} careless "
        f"({int(people.careless_normal_pace.sum())} at normal pace), "
        f"{int(people.acquiescent.sum())} acquiescent, {int(people.extreme.sum())} extreme"
    )
    first = profiles[0]
    old_scores = score_batch(old_plan, old_ans.codes, old_norms, first)
    new_scores = score_traits(new, new_plan, fit.model, new_ans.codes)
    new_t = trait_norms.t_scores(new_scores)

    print(
        "\nr(true trait, score)            old all  old honest   new all  new honest  new mean SE"
    )
    for j, trait in enumerate(traits):
        print(
            f"  {trait:<28}{corr(people.theta[:, j], old_scores.t_scores[:, j]):>9.3f}"
            f"{corr(people.theta[honest, j], old_scores.t_scores[honest, j]):>12.3f}"
            f"{corr(people.theta[:, j], new_t[:, j]):>10.3f}"
            f"{corr(people.theta[honest, j], new_t[honest, j]):>12.3f}"
            f"{np.nanmean(new_scores.se[:, j]) * 10:>10.1f} T"
        )

    print(
        "\nhurdle vs true composite        agreement  false pass  false fail   fakers pass/should"
    )
    for profile in profiles:
        truth = true_pass(people.theta, traits, profile)
        got_old = score_batch(old_plan, old_ans.codes, old_norms, profile).decision == 1
        got_new = decide(trait_norms, new_scores, profile, cuts[profile.id]).decision == "pass"
        for name, got in (("old", got_old), ("new", got_new)):
            f = people.faker
            print(
                f"  {profile.id:<24}{name:>4}{(got == truth).mean():>10.1%}"
                f"{(got & ~truth).mean():>12.1%}{(~got & truth).mean():>12.1%}"
                f"{got[f].mean():>12.1%} / {truth[f].mean():.1%}"
            )

    attentive = ~people.careless
    groups = (
        ("honest", honest),
        ("acquiescent", attentive & people.acquiescent & ~people.faker),
        ("extreme", attentive & people.extreme & ~people.faker),
        ("fakers", people.faker),
    )
    print_pass_rates(groups, profiles, people.theta, traits, trait_norms, new_scores, cuts)

    n_old = min(args.old_flag_sample, args.attempts)
    flagged_old = old_flags(old, old_plan, old_ans.codes, old_ans.timings_ms, n_old)
    flags_new = quality_flags(
        new, new_scores, new_ans.timings_ms, threshold, late_threshold, PATTERN_SHARE
    )
    flagged_new = flags_new.any(axis=1)
    print(f"\nquality flags                    old (first {n_old:,})    new (all)")
    groups = (
        ("attentive flagged", ~people.careless),
        ("  acquiescent flagged", people.acquiescent),
        ("  extreme flagged", people.extreme),
        ("  fakers flagged", people.faker & ~people.careless),
        ("careless caught", people.careless),
        ("  random at normal pace caught", people.careless_normal_pace),
    )
    for name, mask in groups:
        print(
            f"  {name:<32}{flagged_old[mask[:n_old]].mean():>10.1%}"
            f"{flagged_new[mask].mean():>14.1%}"
        )
    rules = ((2, f"later half fits badly (lz < {late_threshold:.1f})"), (3, "fixed pattern"))
    for j, rule in rules:
        print(
            f"  {rule}: attentive {flags_new[~people.careless, j].mean():.1%}, "
            f"careless {flags_new[people.careless, j].mean():.1%}"
        )

    idealised = new_scores.idealised_count >= IDEALISED_AT
    print(
        f"  marked possibly idealised ({IDEALISED_AT}+ of the validity statements): "
        f"honest attentive {idealised[honest].mean():.1%}, "
        f"acquiescent {idealised[people.acquiescent & ~people.faker].mean():.1%}, "
        f"fakers {idealised[people.faker].mean():.1%}"
    )

    skipped_old = answer(old, old_plan, people, seed=s * 100 + 6, skip_share=0.01, world=world)
    skipped_new = answer(new, new_plan, people, seed=s * 100 + 7, skip_share=0.01, world=world)
    inc_old = score_batch(old_plan, skipped_old.codes, old_norms, first).decision == 2
    sk_scores = score_traits(new, new_plan, fit.model, skipped_new.codes)
    inc_new = decide(trait_norms, sk_scores, first).decision
    print(
        f"\nhurdles 'incomplete' at 1 % skipped items ({first.id}): "
        f"old {inc_old.mean():.1%}, new {(inc_new == 'incomplete').mean():.1%}"
    )

    reps = -(-args.throughput // args.attempts)
    big = np.tile(new_ans.codes, (reps, 1))[: args.throughput]
    started, cpu = time.perf_counter(), time.process_time()
    big_scores = score_traits(new, new_plan, fit.model, big)
    decide(trait_norms, big_scores, first)
    new_s, new_cpu = time.perf_counter() - started, time.process_time() - cpu
    big_old = np.tile(old_ans.codes, (reps, 1))[: args.throughput]
    started, cpu = time.perf_counter(), time.process_time()
    score_batch(old_plan, big_old, old_norms, first)
    old_s, old_cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"\nrescoring {args.throughput:,} attempts: new {new_s:.1f} s wall ({new_cpu:.1f} s CPU), "
        f"old {old_s:.1f} s wall ({old_cpu:.1f} s CPU) (2 shared cores, other jobs running; "
        f"load average {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    main()
