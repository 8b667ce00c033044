"""Vectorized scoring of many attempts with NumPy, identical to ``score_attempt``.

Answers are first encoded as an integer matrix ``codes`` (attempts × scoring columns,
``-1`` = unanswered) by ``encode_responses``; ``score_batch`` then turns the matrix into
trait scores, T-scores, percentiles, composites and hurdle decisions. Floating point is
used for speed; any attempt whose composite or a minimum lies within ``1e-9`` of its
threshold is re-decided with exact fractions, so decisions always equal the exact rule.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from scipy.special import erf

from app.psychometrics.instrument import Instrument
from app.psychometrics.items import ITEM_KINDS
from app.psychometrics.norms import NormTable
from app.psychometrics.profiles import JobProfile
from app.psychometrics.scoring import (
    PRORATE_MIN_SHARE,
    composite_sem,
    validate_responses,
)

DECISIONS = ("fail", "pass", "incomplete")
_TIE = 1e-9
_CHUNK = 16384


@dataclass(frozen=True)
class ScoringPlan:
    """Lookup tables compiled from an instrument for vectorized scoring.

    A *unit* is one (column, trait) pair: ``flat[offsets[u] + code]`` is the points
    unit ``u`` earns for ``code``; ``flat[offsets[u] - 1]`` is 0, so the missing code
    ``-1`` needs no special case. ``unit_onehot`` (units × traits) sums units into traits;
    ``column_max`` (columns × traits) holds the most points each column can give a trait.
    """

    trait_ids: tuple[str, ...]
    column_keys: tuple[str, ...]
    item_columns: dict[str, tuple[int, ...]]
    unit_column: np.ndarray
    offsets: np.ndarray
    n_codes: np.ndarray
    flat: np.ndarray
    unit_trait: np.ndarray
    unit_max: np.ndarray
    max_points: np.ndarray
    unit_onehot: np.ndarray
    column_max: np.ndarray
    column_width: np.ndarray


def compile_plan(instrument: Instrument) -> ScoringPlan:
    """Build the scoring tables of ``instrument``."""
    traits = instrument.trait_ids
    index = {t: i for i, t in enumerate(traits)}
    keys: list[str] = []
    item_columns: dict[str, tuple[int, ...]] = {}
    unit_col, offsets, n_codes, unit_trait, unit_max, flat = [], [], [], [], [], []
    for item in instrument.items:
        cols = []
        for column in ITEM_KINDS[item.kind].columns(item):
            col = len(keys)
            keys.append(column.key)
            cols.append(col)
            for trait in sorted({t for row in column.points for t in row}, key=index.get):
                points = [row.get(trait, 0) for row in column.points]
                unit_col.append(col)
                offsets.append(len(flat) + 1)
                n_codes.append(len(points))
                unit_trait.append(index[trait])
                unit_max.append(max(points))
                flat.extend([0, *points])
        item_columns[item.id] = tuple(cols)
    unit_trait_arr = np.array(unit_trait, dtype=np.intp)
    unit_max_arr = np.array(unit_max, dtype=np.float64)
    max_points = np.bincount(unit_trait_arr, weights=unit_max_arr, minlength=len(traits))
    onehot = np.zeros((len(unit_trait), len(traits)))
    onehot[np.arange(len(unit_trait)), unit_trait_arr] = 1.0
    column_max = np.zeros((len(keys), len(traits)))
    np.add.at(column_max, (np.array(unit_col, dtype=np.intp), unit_trait_arr), unit_max_arr)
    width = np.zeros(len(keys), dtype=np.int64)
    width[np.array(unit_col, dtype=np.intp)] = n_codes
    return ScoringPlan(
        trait_ids=traits,
        column_keys=tuple(keys),
        item_columns=item_columns,
        unit_column=np.array(unit_col, dtype=np.intp),
        offsets=np.array(offsets, dtype=np.intp),
        n_codes=np.array(n_codes, dtype=np.intp),
        flat=np.array(flat, dtype=np.float64),
        unit_trait=unit_trait_arr,
        unit_max=unit_max_arr,
        max_points=max_points,
        unit_onehot=onehot,
        column_max=column_max,
        column_width=width,
    )


def encode_responses(
    instrument: Instrument, plan: ScoringPlan, attempts: Sequence[Mapping[str, Any]]
) -> np.ndarray:
    """Encode attempts (item id → raw value) as an ``int16`` code matrix, ``-1`` = missing."""
    codes = np.full((len(attempts), len(plan.column_keys)), -1, dtype=np.int16)
    for row, responses in enumerate(attempts):
        for item_id, value in validate_responses(instrument, responses).items():
            item = instrument.item(item_id)
            cols = plan.item_columns[item_id]
            codes[row, list(cols)] = ITEM_KINDS[item.kind].encode(item, value)
    return codes


@dataclass(frozen=True)
class BatchScores:
    """Scores of many attempts; rows follow the input, columns follow ``trait_ids``.

    ``t_scores``/``raw`` are NaN and ``percentiles`` 0 where a trait is incomplete;
    ``decision`` indexes ``DECISIONS`` (0 fail, 1 pass, 2 incomplete).
    """

    trait_ids: tuple[str, ...]
    earned: np.ndarray
    answered_max: np.ndarray
    complete: np.ndarray
    raw: np.ndarray
    t_scores: np.ndarray
    percentiles: np.ndarray
    composite: np.ndarray
    decision: np.ndarray
    close_to_cut: np.ndarray


def _points(plan: ScoringPlan, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Earned and answered-maximum points per trait for a block of codes."""
    earned = plan.flat[codes[:, plan.unit_column] + plan.offsets] @ plan.unit_onehot
    answered_max = (codes >= 0).astype(np.float64) @ plan.column_max
    return earned, answered_max


class _ExactHurdle:
    """The hurdle rule in exact integer arithmetic, for attempts near a threshold.

    With ``kₜ = 10·wₜ/sdₜ`` the rule ``Σ wₜ·Tₜ ≥ W·cut`` becomes
    ``Σ kₜ·rawₜ ≥ W·(cut − 50) + Σ kₜ·meanₜ``; both sides are scaled by a common
    denominator so that unprorated attempts need integer arithmetic only.
    """

    def __init__(self, plan: ScoringPlan, norms: NormTable, profile: JobProfile) -> None:
        total = sum(profile.weights.values())
        k = {t: 10 * w / norms.traits[t].sd for t, w in profile.weights.items()}
        rhs = total * (profile.cut_score - 50) + sum(k[t] * norms.traits[t].mean for t in k)
        denominator = math.lcm(rhs.denominator, *(v.denominator for v in k.values()))
        col = {t: j for j, t in enumerate(plan.trait_ids)}
        self.weighted = [(col[t], int(v * denominator)) for t, v in k.items()]
        self.rhs = rhs * denominator
        self.minimums = []
        for trait, minimum in profile.minimums.items():
            norm = norms.traits[trait]
            self.minimums.append((col[trait], norm.mean + (minimum - 50) * norm.sd / 10))
        self.max_points = [int(m) for m in plan.max_points]

    def _raw(self, j: int, earned: np.ndarray, answered: np.ndarray) -> Fraction | int:
        e, a, m = int(earned[j]), int(answered[j]), self.max_points[j]
        return e if a == m else Fraction(e * m, a)

    def decision(self, earned: np.ndarray, answered: np.ndarray) -> int:
        """1 (pass) or 0 (fail) for one complete attempt."""
        lhs = sum(k * self._raw(j, earned, answered) for j, k in self.weighted)
        if lhs < self.rhs:
            return 0
        return int(all(self._raw(j, earned, answered) >= q for j, q in self.minimums))


def score_batch(
    plan: ScoringPlan, codes: np.ndarray, norms: NormTable, profile: JobProfile
) -> BatchScores:
    """Score a code matrix (attempts × columns) under a norm table and a job profile.

    ``codes`` must hold ``-1`` (unanswered) or a valid code per column, as produced by
    ``encode_responses``; anything else raises ``ValueError``.
    """
    if codes.ndim != 2 or codes.shape[1] != len(plan.column_keys):
        raise ValueError(f"codes must have {len(plan.column_keys)} columns")
    if codes.size and (codes.min() < -1 or (codes.max(axis=0) >= plan.column_width).any()):
        raise ValueError("codes out of range for this plan")
    n = codes.shape[0]
    earned = np.empty((n, len(plan.trait_ids)))
    answered = np.empty_like(earned)
    for start in range(0, n, _CHUNK):
        block = codes[start : start + _CHUNK]
        earned[start : start + _CHUNK], answered[start : start + _CHUNK] = _points(plan, block)
    maximum = plan.max_points
    share_num, share_den = PRORATE_MIN_SHARE.numerator, PRORATE_MIN_SHARE.denominator
    complete = (answered * share_den >= maximum * share_num) & (maximum > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        raw = np.where(complete, earned * maximum / answered, np.nan)
    mean = np.array([float(norms.traits[t].mean) for t in plan.trait_ids])
    sd = np.array([float(norms.traits[t].sd) for t in plan.trait_ids])
    t_scores = 50.0 + 10.0 * (raw - mean) / sd
    pct = np.floor(50.0 * (1.0 + erf((t_scores - 50.0) / 10.0 / np.sqrt(2.0))) + 0.5)
    percentiles = np.where(complete, np.clip(np.nan_to_num(pct), 1, 99), 0).astype(np.int16)
    col = {t: j for j, t in enumerate(plan.trait_ids)}
    weights = np.zeros(len(plan.trait_ids))
    for trait, w in profile.weights.items():
        weights[col[trait]] = float(w)
    composite = (np.nan_to_num(t_scores) @ weights) / weights.sum()
    needed = [col[t] for t in profile.weights | profile.minimums]
    incomplete = ~complete[:, needed].all(axis=1)
    composite[incomplete] = np.nan
    cut = float(profile.cut_score)
    passed = composite >= cut
    near = np.abs(composite - cut) < _TIE
    for trait, minimum in profile.minimums.items():
        t_col = t_scores[:, col[trait]]
        passed &= t_col >= float(minimum)
        near |= np.abs(t_col - float(minimum)) < _TIE
    decision = np.where(incomplete, 2, passed.astype(np.int8)).astype(np.int8)
    rows = np.flatnonzero(near & ~incomplete)
    if rows.size:
        exact = _ExactHurdle(plan, norms, profile)
        for row in rows:
            decision[row] = exact.decision(earned[row], answered[row])
    close = ~incomplete & (np.abs(composite - cut) <= composite_sem(norms, profile))
    return BatchScores(
        trait_ids=plan.trait_ids,
        earned=earned,
        answered_max=answered,
        complete=complete,
        raw=raw,
        t_scores=t_scores,
        percentiles=percentiles,
        composite=composite,
        decision=decision,
        close_to_cut=close,
    )
