"""Trait recovery of service-aptitude-2 on applicants from the independent generator
``bench/applicant_simulation_b.py`` (issue #15: "also checked with a generator written
independently of this repository").

Run: ``.venv/bin/python bench/bench_recovery_b.py [--attempts N] [--seed S] [--no-reply]``.

The procedure and the figures follow ``bench_recovery.py`` (new scoring only): item
parameters are calibrated with the product's ``calibrate`` on a separate simulated
calibration sample, norms and the random-answering threshold come from a separate norm
sample, cuts are re-derived to screen out the profile's design share of the norm sample,
then the evaluation sample is scored with ``score_traits`` / ``decide`` /
``quality_flags``. Truth for the hurdle is the profile's rule on latent T = 50 + 10·θ
(``bench_recovery.true_pass``). ``--no-reply`` leaves the written reply unanswered in every
sample (and calibrates without it, since there is nothing to fit).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from applicant_simulation_b import (  # noqa: E402
    BLOCK_FAKING,
    CARELESS_KINDS,
    FAKE_CHANNELS,
    WANTED,
    draw_people,
    draw_world,
    respond,
    skip_items,
)
from bench_recovery import SCREEN_OUT, corr, print_pass_rates, true_pass  # noqa: E402

from app.psychometrics import compile_plan, load_catalog  # noqa: E402
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


def main() -> None:
    """Simulate, calibrate, score and print the figures of the issue's target list."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--attempts", type=int, default=4_000)
    parser.add_argument("--calibration", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--no-reply", action="store_true", help="written reply left unanswered")
    parser.add_argument("--instrument", default="service-aptitude-2", help="instrument to score")
    parser.add_argument(
        "--assessments", type=Path, default=ASSESSMENTS, help="content folder to load"
    )
    parser.add_argument(
        "--faking-scale", type=float, default=1.0, help="multiplies fakers' motivation"
    )
    parser.add_argument(
        "--fake-in",
        default=",".join(FAKE_CHANNELS),
        help="comma-separated parts in which fakers fake (analysis aid)",
    )
    parser.add_argument(
        "--block-faking",
        default=",".join(f"{w:g}" for w in BLOCK_FAKING),
        help="faking weights in the ranking sets: desirability,wanted,general (analysis aid)",
    )
    parser.add_argument(
        "--without-correction",
        action="store_true",
        help="calibrate without the idealising correction (ablation, as bench_recovery.py)",
    )
    args = parser.parse_args()
    catalog = load_catalog(args.assessments)
    new = catalog.instruments[args.instrument]
    plan = compile_plan(new)
    traits = model_traits(new)
    profiles = [p for p in catalog.job_profiles.values() if p.instrument == "service-aptitude"]
    shipped = [p for p in catalog.job_profiles.values() if p.instrument == new.id]
    reply = not args.no_reply
    fake_in = tuple(args.fake_in.split(","))
    block_faking = tuple(float(w) for w in args.block_faking.split(","))
    rng = np.random.default_rng([args.seed, 1])
    world = draw_world(new, rng)

    def sample(n: int, stream: int):
        """People drawn from seed stream ``stream`` and their answers from the next one."""
        people = draw_people(
            traits, n, np.random.default_rng([args.seed, stream]), args.faking_scale
        )
        codes, timings = respond(
            new,
            plan,
            world,
            people,
            np.random.default_rng([args.seed, stream + 1]),
            reply=reply,
            fake_in=fake_in,
            block_faking=block_faking,
        )
        return people, codes, timings

    started = time.perf_counter()
    _, cal_codes, _ = sample(args.calibration, 2)
    fit = calibrate(
        new,
        plan,
        cal_codes,
        version="sim-b",
        work_sample=reply,
        correct_idealising=not args.without_correction,
    )
    norm_people, norm_codes, _ = sample(args.calibration, 4)
    norm_scores = score_traits(new, plan, fit.model, norm_codes)
    trait_norms = TraitNorms.from_scores(norm_scores, version="sim-b-norms")
    threshold = fit_flag_threshold(norm_scores)
    late_threshold = late_fit_threshold(norm_scores)
    cuts = {
        p.id: derive_cut(trait_norms, norm_scores, p, SCREEN_OUT.get(p.id, 0.3)) for p in profiles
    }
    print(
        f"generator b, seed {args.seed}, written reply {'answered' if reply else 'unanswered'}, "
        f"faking scale {args.faking_scale:g}"
        + (", without the idealising correction" if args.without_correction else "")
        + ("" if set(fake_in) == set(FAKE_CHANNELS) else f", fakers fake only in {fake_in}")
        + ("" if block_faking == BLOCK_FAKING else f", ranking-set faking weights {block_faking}")
    )
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

    people, codes, timings = sample(args.attempts, 6)
    honest = ~people.faker & ~people.careless
    attentive = ~people.careless
    print(
        f"evaluation: {args.attempts:,} applicants, {int(people.faker.sum()):,} fakers "
        f"(motivation mean {people.motivation[people.faker].mean():.2f}), "
        f"{int(people.careless.sum()):,} careless ("
        + ", ".join(f"{int(people.kind(k).sum())} {k}" for k in CARELESS_KINDS)
        + f"), {int(people.acquiescent.sum())} acquiescent, {int(people.extreme.sum())} extreme"
    )
    scores = score_traits(new, plan, fit.model, codes)
    t = trait_norms.t_scores(scores)
    t_true = 50 + 10 * people.theta

    print(
        "\nr(true trait, score)          all  attentive  honest  fakers  careless"
        "   faker bias  mean SE"
    )
    r_all = {}
    for j, trait in enumerate(traits):
        r_all[trait] = corr(people.theta[:, j], t[:, j])
        bias = np.nanmean(t[people.faker, j] - t_true[people.faker, j]) - np.nanmean(
            t[honest, j] - t_true[honest, j]
        )
        print(
            f"  {trait + (' *' if trait in WANTED else ''):<26}{r_all[trait]:>7.3f}"
            f"{corr(people.theta[attentive, j], t[attentive, j]):>10.3f}"
            f"{corr(people.theta[honest, j], t[honest, j]):>8.3f}"
            f"{corr(people.theta[people.faker, j], t[people.faker, j]):>8.3f}"
            f"{corr(people.theta[people.careless, j], t[people.careless, j]):>10.3f}"
            f"{bias:>+11.1f} T{np.nanmean(scores.se[:, j]) * 10 / trait_norms.sd[j]:>7.1f} T"
        )
    print("  (* = a trait fakers inflate most; faker bias = fakers' mean T error − honest's)")

    print(
        "\nhurdle vs true composite        agreement  false pass  false fail   fakers pass/should"
    )
    agreement, gap = {}, {}
    decisions = [(p, cuts[p.id], "") for p in profiles] + [
        (p, None, " (shipped cut)") for p in shipped
    ]
    for profile, cut, note in decisions:
        truth = true_pass(people.theta, traits, profile)
        got = decide(trait_norms, scores, profile, cut).decision == "pass"
        f = people.faker
        agreement[profile.id + note] = (got == truth).mean()
        gap[profile.id + note] = got[f].mean() - truth[f].mean()
        print(
            f"  {profile.id + note:<32}{(got == truth).mean():>8.1%}"
            f"{(got & ~truth).mean():>12.1%}{(~got & truth).mean():>12.1%}"
            f"{got[f].mean():>12.1%} / {truth[f].mean():.1%}"
        )

    oracle = []
    for profile in profiles[1:]:
        share = true_pass(norm_people.theta, traits, profile).mean()
        cut = derive_cut(trait_norms, norm_scores, profile, 1 - share)
        got = decide(trait_norms, scores, profile, cut).decision == "pass"
        truth = true_pass(people.theta, traits, profile)
        oracle.append(f"{profile.id} {(got == truth).mean():.1%} (cut {cut:.1f})")
    print(
        "  analysis only, cut re-derived to pass the norm sample's true pass share: "
        + ", ".join(oracle)
    )

    groups = (
        ("honest", honest),
        ("acquiescent", attentive & people.acquiescent & ~people.faker),
        ("extreme", attentive & people.extreme & ~people.faker),
        ("fakers", people.faker),
        ("careless", people.careless),
    )
    print_pass_rates(groups, profiles, people.theta, traits, trait_norms, scores, cuts)

    flags = quality_flags(new, scores, timings, threshold, late_threshold, PATTERN_SHARE)
    flagged = flags.any(axis=1)
    print(
        "\nquality flags (share flagged; too fast / fits no profile / later half fits badly"
        " / fixed pattern)"
    )
    rows = [
        ("attentive flagged", attentive),
        ("  honest flagged", honest),
        ("  acquiescent flagged", attentive & people.acquiescent),
        ("  extreme flagged", attentive & people.extreme),
        ("  fakers flagged", people.faker),
        ("careless caught", people.careless),
    ] + [(f"  {k} caught", people.kind(k)) for k in CARELESS_KINDS]
    for name, mask in rows:
        print(
            f"  {name:<30}{flagged[mask].mean():>8.1%}   "
            f"({flags[mask, 0].mean():.1%} / {flags[mask, 1].mean():.1%} / "
            f"{flags[mask, 2].mean():.1%} / {flags[mask, 3].mean():.1%}, n={int(mask.sum())})"
        )
    lz = scores.estimates.evidence_vs_chance
    print(
        f"  log evidence vs chance, median: threshold {threshold:.1f}; "
        + ", ".join(f"{name.strip().split()[0]} {np.median(lz[mask]):.1f}" for name, mask in rows)
    )
    late = scores.estimates.late_fit
    print(
        f"  later-half person fit (lz), median: threshold {late_threshold:.1f}; "
        + ", ".join(f"{name.strip().split()[0]} {np.median(late[mask]):.1f}" for name, mask in rows)
    )
    idealised = scores.idealised_count >= IDEALISED_AT
    print(
        f"  marked possibly idealised ({IDEALISED_AT}+ of the validity statements): "
        f"honest attentive {idealised[honest].mean():.1%}, "
        f"acquiescent {idealised[people.acquiescent & ~people.faker & attentive].mean():.1%}, "
        f"extreme {idealised[people.extreme & ~people.faker & attentive].mean():.1%}, "
        f"fakers {idealised[people.faker].mean():.1%}"
    )

    first = profiles[0]
    skipped = skip_items(new, plan, codes, 0.01, np.random.default_rng([args.seed, 8]))
    sk_scores = score_traits(new, plan, fit.model, skipped)
    incomplete = (decide(trait_norms, sk_scores, first).decision == "incomplete").mean()
    print(f"\nhurdles 'incomplete' at 1 % skipped items ({first.id}): {incomplete:.1%}")

    personality = [tr for tr in traits if tr != "integrity"]
    low = min(personality, key=r_all.get)
    phone, email = "contact-center-agent", "email-chat-specialist"
    checks = (
        (
            "every personality trait r >= .85",
            r_all[low] >= 0.85,
            f"{min(r_all[x] for x in personality):.3f}-{max(r_all[x] for x in personality):.3f}"
            f" (lowest {low})",
        ),
        ("integrity r >= .80", r_all["integrity"] >= 0.80, f"{r_all['integrity']:.3f}"),
        (
            "hurdle agreement >= 88 %",
            min(agreement[phone], agreement[email]) >= 0.88,
            f"phone {agreement[phone]:.1%}, e-mail {agreement[email]:.1%}",
        ),
        (
            "fakers' pass <= true + 5 points",
            max(gap[phone], gap[email]) <= 0.05,
            f"phone {100 * gap[phone]:+.1f}, e-mail {100 * gap[email]:+.1f}",
        ),
        (
            "attentive flagged <= 5 %",
            flagged[attentive].mean() <= 0.05,
            f"{flagged[attentive].mean():.1%}",
        ),
        (
            "careless caught >= 90 %",
            flagged[people.careless].mean() >= 0.90,
            f"{flagged[people.careless].mean():.1%} (without the second-half kind "
            f"{flagged[people.careless & ~people.kind('second_half')].mean():.1%})",
        ),
        ("incomplete at 1 % skipped <= 1 %", incomplete <= 0.01, f"{incomplete:.1%}"),
    )
    print("\ntargets")
    for name, ok, value in checks:
        print(f"  {'met ' if ok else 'MISS'}  {name:<34}{value}")


if __name__ == "__main__":
    main()
