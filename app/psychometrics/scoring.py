"""Scoring one attempt: trait raw scores, T-scores, percentiles, composite and hurdle.

Rules (the web flow and the PDF report rely on them):

* Each answer earns integer points per trait (see ``items``). Likert answers earn
  ``answer − 1`` points, or ``5 − answer`` for reverse-keyed items (0–4 on a 1–5 scale).
* **Missing answers.** A trait is *complete* when the items answered carry at least
  80 % of the trait's maximum points. Its raw score is then prorated:
  ``raw = earned × max_points / answered_max_points`` (exact fraction). Below 80 % the
  trait is *incomplete*: no T-score, and if the profile weights it or sets a minimum
  for it, the hurdle decision is ``incomplete`` (a recruiter must review).
* **Standard score**: T-score (mean 50, SD 10) from the profile's norm table;
  percentiles from the normal model, 1–99.
* **Composite**: weighted mean of the T-scores, ``Σ wₜ·Tₜ / Σ wₜ``, computed exactly.
* **Hurdle**: pass when ``composite ≥ cut`` (exactly) and every per-trait minimum holds
  (``T ≥ minimum``). The result is a recommendation, never a final decision.
* **SEM** of the composite: ``√(Σ (wₜ·SEMₜ)²) / Σ wₜ`` with ``SEMₜ = 10·√(1 − rₜ)``
  (errors assumed independent). ``close_to_cut`` when ``|composite − cut| ≤ SEM``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from app.psychometrics.instrument import Instrument
from app.psychometrics.item_models import WorkSampleItem
from app.psychometrics.items import ITEM_KINDS
from app.psychometrics.norms import NormTable, percentile_from_t
from app.psychometrics.profiles import JobProfile
from app.psychometrics.work_sample import CriterionResult, evaluate_work_sample

PRORATE_MIN_SHARE = Fraction(4, 5)
LOW_T = Fraction(40)
HIGH_T = Fraction(60)
WEAKEST_COUNT = 3

Decision = Literal["pass", "fail", "incomplete"]
RECOMMENDATIONS: dict[str, str] = {
    "pass": "Recommend interview.",
    "fail": "Recommend not progressing — a recruiter must confirm before any rejection.",
    "incomplete": "Too few answers to score — a recruiter must review the attempt.",
}
CLOSE_TO_CUT_NOTE = "Close to the cut — review carefully."


@dataclass(frozen=True, slots=True)
class TraitScore:
    """Score of one trait with its plain-language explanation."""

    trait: str
    name: str
    earned: int
    answered_max: int
    max_points: int
    complete: bool
    raw: Fraction | None
    t_score: Fraction | None
    percentile: int | None
    sem_t: float
    band: Literal["low", "typical", "high"] | None
    definition: str
    meaning: str
    what_to_do: str


@dataclass(frozen=True, slots=True)
class Probe:
    """An interview question suggested for a weak trait."""

    trait: str
    trait_name: str
    question: str


@dataclass(frozen=True, slots=True)
class HurdleResult:
    """The hurdle recommendation and the numbers behind it."""

    decision: Decision
    recommendation: str
    composite: Fraction | None
    cut_score: Fraction
    sem: float
    close_to_cut: bool
    failed_minimums: tuple[str, ...]
    incomplete_traits: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AttemptScore:
    """Everything scored for one attempt."""

    instrument_id: str
    norm_table_id: str
    profile_id: str
    answered: int
    total_items: int
    traits: dict[str, TraitScore]
    work_sample: dict[str, tuple[CriterionResult, ...]]
    hurdle: HurdleResult
    probes: tuple[Probe, ...]


def validate_responses(instrument: Instrument, responses: Mapping[str, Any]) -> dict[str, Any]:
    """Validate raw values by item kind; ``ValueError`` for unknown items or bad values.

    ``None`` and absent items count as unanswered.
    """
    clean: dict[str, Any] = {}
    for item_id, raw in responses.items():
        if raw is None:
            continue
        try:
            item = instrument.item(item_id)
        except KeyError:
            raise ValueError(f"unknown item {item_id!r}") from None
        clean[item_id] = ITEM_KINDS[item.kind].validate(item, raw)
    return clean


def trait_points(
    instrument: Instrument, responses: Mapping[str, Any]
) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Return ``(earned, answered_max, max_points)`` per trait for validated responses."""
    earned = dict.fromkeys(instrument.trait_ids, 0)
    answered = dict.fromkeys(instrument.trait_ids, 0)
    maximum = dict.fromkeys(instrument.trait_ids, 0)
    for item in instrument.items:
        kind = ITEM_KINDS[item.kind]
        best = kind.max_points(item)
        for trait, pts in best.items():
            maximum[trait] += pts
        if item.id in responses:
            for trait, pts in best.items():
                answered[trait] += pts
            for trait, pts in kind.score(item, responses[item.id]).items():
                earned[trait] += pts
    return earned, answered, maximum


def prorated_raw(earned: int, answered_max: int, max_points: int) -> Fraction | None:
    """Prorated raw score, or None when less than 80 % of the points were answered."""
    if max_points == 0 or answered_max * PRORATE_MIN_SHARE.denominator < (
        max_points * PRORATE_MIN_SHARE.numerator
    ):
        return None
    return Fraction(earned * max_points, answered_max)


def composite_sem(norms: NormTable, profile: JobProfile) -> float:
    """SEM of the weighted composite in T points (independent errors assumed)."""
    total = sum(profile.weights.values())
    var = sum(float(w) ** 2 * norms.sem_t(t) ** 2 for t, w in profile.weights.items())
    return math.sqrt(var) / float(total)


def hurdle(
    t_scores: Mapping[str, Fraction | None], norms: NormTable, profile: JobProfile
) -> HurdleResult:
    """Apply the profile's composite cut and minimums to exact T-scores."""
    incomplete = tuple(t for t in profile.weights | profile.minimums if t_scores.get(t) is None)
    sem = composite_sem(norms, profile)
    if incomplete:
        return HurdleResult(
            "incomplete",
            RECOMMENDATIONS["incomplete"],
            None,
            profile.cut_score,
            sem,
            False,
            (),
            incomplete,
        )
    total = sum(profile.weights.values())
    composite = sum(w * t_scores[t] for t, w in profile.weights.items()) / total
    failed = tuple(t for t, m in profile.minimums.items() if t_scores[t] < m)
    decision: Decision = "pass" if composite >= profile.cut_score and not failed else "fail"
    close = abs(float(composite - profile.cut_score)) <= sem
    return HurdleResult(
        decision, RECOMMENDATIONS[decision], composite, profile.cut_score, sem, close, failed, ()
    )


def band_of(t_score: Fraction) -> Literal["low", "typical", "high"]:
    """Band of a T-score: low (< 40), typical (40–60), high (> 60)."""
    if t_score < LOW_T:
        return "low"
    return "high" if t_score > HIGH_T else "typical"


def _trait_score(
    instrument: Instrument,
    norms: NormTable,
    trait_id: str,
    earned: int,
    answered: int,
    maximum: int,
) -> TraitScore:
    trait = instrument.trait(trait_id)
    raw = prorated_raw(earned, answered, maximum)
    t_score = None if raw is None else norms.t_score(trait_id, raw)
    band = None if t_score is None else band_of(t_score)
    text = getattr(trait, band) if band else None
    return TraitScore(
        trait=trait_id,
        name=trait.name,
        earned=earned,
        answered_max=answered,
        max_points=maximum,
        complete=raw is not None,
        raw=raw,
        t_score=t_score,
        percentile=None if t_score is None else percentile_from_t(float(t_score)),
        sem_t=norms.sem_t(trait_id),
        band=band,
        definition=trait.definition,
        meaning=text.means if text else "Not enough answers to score this trait.",
        what_to_do=text.what_to_do if text else "Review the attempt before using this trait.",
    )


def weakest_probes(instrument: Instrument, traits: Mapping[str, TraitScore]) -> tuple[Probe, ...]:
    """Interview probes for the lowest-scoring traits (up to three, lowest first)."""
    order = {t: i for i, t in enumerate(instrument.trait_ids)}
    scored = [s for s in traits.values() if s.t_score is not None]
    weakest = sorted(scored, key=lambda s: (s.t_score, order[s.trait]))[:WEAKEST_COUNT]
    return tuple(
        Probe(s.trait, s.name, q) for s in weakest for q in instrument.trait(s.trait).probes
    )


def score_attempt(
    instrument: Instrument,
    responses: Mapping[str, Any],
    norms: NormTable,
    profile: JobProfile,
) -> AttemptScore:
    """Score one attempt. ``responses`` maps item id to a raw or normalized value
    (see ``items.ITEM_KINDS``); unanswered items are absent or ``None``."""
    clean = validate_responses(instrument, responses)
    earned, answered, maximum = trait_points(instrument, clean)
    traits = {
        t: _trait_score(instrument, norms, t, earned[t], answered[t], maximum[t])
        for t in instrument.trait_ids
    }
    work = {
        item.id: tuple(evaluate_work_sample(item, clean[item.id]))
        for item in instrument.items
        if isinstance(item, WorkSampleItem) and item.id in clean
    }
    return AttemptScore(
        instrument_id=instrument.id,
        norm_table_id=norms.id,
        profile_id=profile.id,
        answered=len(clean),
        total_items=len(instrument.items),
        traits=traits,
        work_sample=work,
        hurdle=hurdle({t: s.t_score for t, s in traits.items()}, norms, profile),
        probes=weakest_probes(instrument, traits),
    )
