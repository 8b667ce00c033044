"""Rules on top of the Thurstonian estimates: norms, hurdle, validity scale, quality flags.

Rules in plain words (the recruiter page shows them):

* **Standard score.** T = 50 + 10·(θ̂ − mean) / SD, with the mean and SD of the
  estimates in the norm sample; the standard error in T points is 10·SE(θ̂) / SD.
* **Skipped items** never void a result: a trait is scored from what was answered and
  its standard error grows. A trait is *incomplete* only when its standard error is
  above ``SE_INCOMPLETE`` (0.6 SD, i.e. 6 T points — the answers then carry less than
  about two thirds of the information of a fully answered test).
* **Hurdle**: pass when the weighted mean of the T-scores reaches the cut and every
  minimum holds. *Within measurement error* when the composite is less than one
  standard error of the composite from the cut.
* **Validity scale** (impression management): ten statements almost nobody can
  truthfully claim, such as never having been annoyed with a customer. They measure
  how strongly a candidate idealises, and the scoring model uses that: the part of the
  agree/disagree answers and situation choices that goes with idealising rather than
  with the ranking sets (which are hard to inflate) is not counted as trait. From
  calibration version 4 on, what is left of idealising is taken off as well: each
  trait estimate is lowered by its slope on the idealising score (fitted on the
  calibration sample) times the candidate's idealising score, which raises it for
  candidates below the average; traits and idealising should be unrelated, so that
  slope is faking the model missed.
  Agreeing with ``IDEALISED_AT`` or more of the ten also marks the profile *possibly
  idealised*; the recruiter then checks the strongest traits with the interview probes.
* **Written reply** (from calibration version 4 on): each checklist criterion the reply
  text meets is evidence for the criterion's trait; a recruiter's overall rating of the
  reply does not change trait scores.
* **Quality flags**: *too fast* when at least a fifth of the timed answers came faster
  than a person can read the item; *answers look random* when random clicking explains
  the answers nearly as well as, or better than, any trait profile does: the log evidence
  for the best trait profile over random answering (a Laplace-approximated Bayes
  factor) falls below a threshold set on a norm sample (median − 2 robust SDs). Random
  answering at any pace produces that; strong response styles do not. *Second half fits
  badly* (norm tables from version 5 on) when the answers to the later half of the
  items, in the order they are shown, fit the candidate's own trait profile much worse
  than attentive candidates' answers do: their standardized log-likelihood at the
  candidate's estimates falls below median − 3 robust SDs of a norm sample. It catches
  candidates who answer carefully at first and then click at random, which the
  whole-test rule misses because the careful half alone beats random answering.
  *Answered in a fixed pattern* (same norm tables) when at least ``PATTERN_SHARE`` (four
  in five) of the ranking sets were put in the order the statements are listed or in
  exactly the reverse order. By chance that is one set in three; attentive candidates
  stay far below four in five, while clicking the first (or alternately the first and
  the last) ordering of every set reaches it whatever the pace.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.psychometrics.batch import ScoringPlan, compile_plan, encode_responses
from app.psychometrics.instrument import Instrument
from app.psychometrics.item_models import LikertItem, RankingBlock
from app.psychometrics.profiles import JobProfile
from app.psychometrics.thurstonian import TirtModel, TirtScores, calibrate, score

SE_INCOMPLETE = 0.6
IDEALISED_AT = 7
AGREE_CODE = 3
FAST_SHARE = 0.2
FIT_MADS = 2.0
LATE_FIT_MADS = 3.0
PATTERN_SHARE = 0.8
MIN_CALIBRATION_N = 300


@dataclass(frozen=True)
class TraitScores:
    """Model estimates plus the validity-scale count of every attempt."""

    estimates: TirtScores
    idealised_count: np.ndarray
    validity_answered: np.ndarray
    listed_order_share: np.ndarray | None = None

    @property
    def theta(self) -> np.ndarray:
        return self.estimates.theta

    @property
    def se(self) -> np.ndarray:
        return self.estimates.se


def score_traits(
    instrument: Instrument, plan: ScoringPlan, model: TirtModel, codes: np.ndarray
) -> TraitScores:
    """Score a code matrix: trait estimates with SEs and the validity-scale count."""
    cols = [
        plan.item_columns[i.id][0]
        for i in instrument.items
        if isinstance(i, LikertItem) and i.trait in instrument.validity_traits
    ]
    validity = codes[:, cols] if cols else np.full((len(codes), 0), -1)
    return TraitScores(
        estimates=score(model, codes),
        idealised_count=(validity >= AGREE_CODE).sum(axis=1),
        validity_answered=(validity >= 0).sum(axis=1),
        listed_order_share=listed_order_share(instrument, plan, codes),
    )


def listed_order_share(instrument: Instrument, plan: ScoringPlan, codes: np.ndarray) -> np.ndarray:
    """Share of the answered ranking sets put in the order the statements are listed, or
    in exactly the reverse order (the first or the last of the orderings offered)."""
    hits = np.zeros(len(codes))
    answered = np.zeros(len(codes))
    for item in instrument.items:
        if not isinstance(item, RankingBlock):
            continue
        y = codes[:, list(plan.item_columns[item.id])]
        done = (y >= 0).all(axis=1)
        hits += done & ((y == 1).all(axis=1) | (y == 0).all(axis=1))
        answered += done
    return np.divide(hits, answered, out=np.zeros(len(codes)), where=answered > 0)


@dataclass(frozen=True)
class TraitNorms:
    """Mean and SD of the estimates per trait in a norm sample, with a version label."""

    version: str
    trait_ids: tuple[str, ...]
    mean: np.ndarray
    sd: np.ndarray
    n: int

    @classmethod
    def from_scores(cls, scores: TraitScores, version: str) -> TraitNorms:
        """Norms from the complete attempts of a norm sample."""
        ok = (scores.se <= SE_INCOMPLETE).all(axis=1)
        theta = scores.theta[ok]
        return cls(
            version,
            scores.estimates.trait_ids,
            theta.mean(axis=0),
            theta.std(axis=0),
            int(ok.sum()),
        )

    def t_scores(self, scores: TraitScores) -> np.ndarray:
        """T-scores (attempts × traits)."""
        return 50.0 + 10.0 * (scores.theta - self.mean) / self.sd

    def se_t(self, scores: TraitScores) -> np.ndarray:
        """Standard errors in T points."""
        return 10.0 * scores.se / self.sd

    def to_dict(self) -> dict[str, Any]:
        """Plain data for a norm file."""
        return {
            "version": self.version,
            "n": self.n,
            "traits": {
                t: {"mean": round(float(m), 4), "sd": round(float(s), 4)}
                for t, m, s in zip(self.trait_ids, self.mean, self.sd, strict=True)
            },
        }


@dataclass(frozen=True)
class Decisions:
    """Hurdle results of many attempts."""

    decision: np.ndarray
    composite: np.ndarray
    composite_se: np.ndarray
    within_error: np.ndarray
    incomplete_traits: np.ndarray


def decide(
    norms: TraitNorms, scores: TraitScores, profile: JobProfile, cut: float | None = None
) -> Decisions:
    """Apply the profile's cut and minimums; ``incomplete`` only when a needed trait's
    SE exceeds ``SE_INCOMPLETE``. The composite SE uses the posterior covariance
    diagonal (errors treated as independent)."""
    trait_ids = norms.trait_ids
    t_scores = norms.t_scores(scores)
    col = {t: j for j, t in enumerate(trait_ids)}
    weights = np.zeros(len(trait_ids))
    for trait, w in profile.weights.items():
        weights[col[trait]] = float(w)
    composite = t_scores @ weights / weights.sum()
    se_t = norms.se_t(scores)
    composite_se = np.sqrt((se_t**2) @ weights**2) / weights.sum()
    cut = float(profile.cut_score) if cut is None else cut
    passed = composite >= cut
    for trait, minimum in profile.minimums.items():
        passed &= t_scores[:, col[trait]] >= float(minimum)
    needed = [col[t] for t in profile.weights | profile.minimums]
    weak = scores.se[:, needed] > SE_INCOMPLETE
    incomplete = weak.any(axis=1)
    decision = np.where(incomplete, "incomplete", np.where(passed, "pass", "fail"))
    within = ~incomplete & (np.abs(composite - cut) < composite_se)
    return Decisions(decision, composite, composite_se, within, weak)


def derive_cut(
    norms: TraitNorms, scores: TraitScores, profile: JobProfile, screen_out: float
) -> float:
    """Cut score (T) that screens out ``screen_out`` of a norm sample, minimums included,
    so a new scoring keeps the selection ratio the profile was designed for."""
    result = decide(norms, scores, profile, cut=-np.inf)
    minimums_ok = result.decision == "pass"
    needed = int(round(screen_out * len(minimums_ok))) - int((~minimums_ok).sum())
    if needed <= 0:
        return float(profile.cut_score)
    return float(np.sort(result.composite[minimums_ok])[needed - 1] + 1e-9)


def fit_flag_threshold(norm_scores: TraitScores) -> float:
    """Threshold of the evidence over random answering: median − 2 robust SDs in a norm
    sample (robust to the few careless responders such a sample holds)."""
    return _robust_floor(norm_scores.estimates.evidence_vs_chance, FIT_MADS)


def late_fit_threshold(norm_scores: TraitScores) -> float:
    """Threshold of the later half's person fit: median − ``LATE_FIT_MADS`` robust SDs
    of the standardized log-likelihood of that half in a norm sample."""
    return _robust_floor(norm_scores.estimates.late_fit, LATE_FIT_MADS)


def _robust_floor(values: np.ndarray, sds: float) -> float:
    """``median − sds`` robust SDs (the MAD scaled to an SD under normality)."""
    median = float(np.median(values))
    mad = float(np.median(np.abs(values - median))) * 1.4826
    return median - sds * mad


def quality_flags(
    instrument: Instrument,
    scores: TraitScores,
    timings_ms: np.ndarray,
    fit_threshold: float,
    late_threshold: float | None = None,
    pattern_share: float | None = None,
) -> np.ndarray:
    """Flags per attempt (attempts × 4): too fast, answers fit no profile, later answers
    fit the candidate's own profile badly (never raised without ``late_threshold``),
    ranking sets answered in a fixed pattern (never raised without ``pattern_share``)."""
    limits = np.array([instrument.quality.min_ms.get(i.kind, 0) for i in instrument.items])
    fast = (timings_ms < limits[None, :]).mean(axis=1) >= FAST_SHARE
    misfit = scores.estimates.evidence_vs_chance < fit_threshold
    late = scores.estimates.late_fit
    if late_threshold is None or late is None:
        late_misfit = np.zeros_like(misfit)
    else:
        late_misfit = late < late_threshold
    listed = scores.listed_order_share
    if pattern_share is None or listed is None:
        patterned = np.zeros_like(misfit)
    else:
        patterned = listed >= pattern_share
    return np.stack([fast, misfit, late_misfit, patterned], axis=1)


def refit(
    instrument: Instrument, attempts: Sequence[Mapping[str, Any]], version: str
) -> dict[str, Any]:
    """Calibrate item parameters, norms and the person-fit threshold from pilot answers
    (item id → form value per attempt). Returns plain data for a versioned file.

    Attempts flagged as too fast are left out of the calibration. With pilot data the
    norms come from the same sample; refit again once a larger applicant sample exists.
    """
    if len(attempts) < MIN_CALIBRATION_N:
        raise ValueError(
            f"calibration needs at least {MIN_CALIBRATION_N} attempts, got {len(attempts)}"
        )
    plan = compile_plan(instrument)
    codes = encode_responses(instrument, plan, attempts)
    fit = calibrate(instrument, plan, codes, version=version)
    scores = score_traits(instrument, plan, fit.model, codes)
    norms = TraitNorms.from_scores(scores, version=version)
    return {
        "instrument": instrument.id,
        "version": version,
        "n": fit.n,
        "rounds": fit.rounds,
        "calibration": fit.model.to_dict(),
        "norms": norms.to_dict(),
        "fit_threshold": round(fit_flag_threshold(scores), 4),
        "late_fit_threshold": round(late_fit_threshold(scores), 4),
    }
