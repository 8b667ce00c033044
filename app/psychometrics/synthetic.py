"""Synthetic candidates with known latent trait levels, for benchmarks and recovery checks.

Latent levels θ are multivariate normal (mean 0, SD 1, equal correlation ``trait_corr``).
Item responses follow simple IRT models, each item drawing its own parameters:

* Likert — graded response model: ``P(X ≥ k) = σ(a·(±θ − b_k))`` (minus for reverse keys).
* Scenarios — nominal model: ``P(option) ∝ exp(α·Σ points·θ)``.
* Forced choice — ``P(a) = σ(a·(θ_a − θ_b))``.
* Work-sample criteria — binomial on a 2PL: code ``~ Binomial(4, σ(a·(θ − b)))`` (0-4).

A share of *careless* responders answer uniformly at random and very fast. Everything
is drawn from one ``numpy.random.Generator`` seeded by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from app.psychometrics.batch import ScoringPlan
from app.psychometrics.instrument import Instrument
from app.psychometrics.item_models import (
    ForcedChoiceItem,
    LikertItem,
    SjtItem,
    WorkSampleItem,
)
from app.psychometrics.work_sample import TOP_CODE


@dataclass(frozen=True)
class SyntheticSample:
    """Simulated attempts: ``codes`` as for ``score_batch`` (attempts × columns),
    ``latent`` (attempts × traits), ``careless`` flags and per-item ``timings_ms``."""

    trait_ids: tuple[str, ...]
    latent: np.ndarray
    codes: np.ndarray
    careless: np.ndarray
    timings_ms: np.ndarray


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _likert(rng: np.random.Generator, item: LikertItem, theta: np.ndarray) -> np.ndarray:
    n_cat = item.scale.max - item.scale.min + 1
    a = rng.uniform(1.0, 2.2)
    centre = rng.normal(-0.8, 0.3)
    b = centre + np.linspace(-1.8, 1.8, n_cat - 1)
    th = -theta if item.reverse else theta
    # A reverse-keyed statement describes the opposite pole, so its thresholds mirror.
    b = -b[::-1] if item.reverse else b
    p_ge = _sigmoid(a * (th[:, None] - b[None, :]))
    u = rng.random(len(theta))[:, None]
    return (u < p_ge).sum(axis=1)


def _choice(rng: np.random.Generator, utilities: np.ndarray) -> np.ndarray:
    expu = np.exp(utilities - utilities.max(axis=1, keepdims=True))
    cum = np.cumsum(expu / expu.sum(axis=1, keepdims=True), axis=1)
    u = rng.random(len(utilities))[:, None]
    return np.minimum((u > cum).sum(axis=1), utilities.shape[1] - 1)


def _item_codes(
    rng: np.random.Generator, item: Any, theta: np.ndarray, index: dict[str, int]
) -> np.ndarray:
    """Codes (attempts × item columns) for one item."""
    if isinstance(item, LikertItem):
        return _likert(rng, item, theta[:, index[item.trait]])[:, None]
    if isinstance(item, SjtItem):
        alpha = rng.uniform(0.8, 1.4)
        util = np.zeros((len(theta), len(item.options)))
        for j, option in enumerate(item.options):
            for trait, points in option.points.items():
                util[:, j] += alpha * points * theta[:, index[trait]]
        util += rng.normal(0.0, 0.3, size=len(item.options))[None, :]
        return _choice(rng, util)[:, None]
    if isinstance(item, ForcedChoiceItem):
        a_opt, b_opt = item.options
        diff = theta[:, index[a_opt.trait]] - theta[:, index[b_opt.trait]]
        p_a = _sigmoid(rng.uniform(0.8, 1.6) * diff)
        return (rng.random(len(theta)) >= p_a).astype(int)[:, None]
    assert isinstance(item, WorkSampleItem)
    cols = []
    for criterion in item.criteria:
        a, b = rng.uniform(0.8, 1.8), rng.normal(-0.3, 0.6)
        p = _sigmoid(a * (theta[:, index[criterion.trait]] - b))
        cols.append(rng.binomial(TOP_CODE, p))
    return np.stack(cols, axis=1)


def simulate(
    instrument: Instrument,
    plan: ScoringPlan,
    n: int,
    seed: int,
    careless_share: float = 0.05,
    trait_corr: float = 0.3,
    missing_share: float = 0.0,
) -> SyntheticSample:
    """Simulate ``n`` attempts of ``instrument``; codes follow ``plan``'s columns."""
    rng = np.random.default_rng(seed)
    traits = instrument.trait_ids
    index = {t: i for i, t in enumerate(traits)}
    cov = np.full((len(traits), len(traits)), trait_corr) + np.eye(len(traits)) * (1 - trait_corr)
    theta = rng.multivariate_normal(np.zeros(len(traits)), cov, size=n)
    blocks = [_item_codes(rng, item, theta, index) for item in instrument.items]
    codes = np.concatenate(blocks, axis=1).astype(np.int16)
    widths = plan.column_width
    careless = rng.random(n) < careless_share
    random_codes = (rng.random((int(careless.sum()), codes.shape[1])) * widths).astype(np.int16)
    codes[careless] = random_codes
    if missing_share > 0:
        codes[rng.random(codes.shape) < missing_share] = -1
    paces = np.array(
        [instrument.timing.seconds_per_item.get(i.kind, 10) * 1000.0 for i in instrument.items]
    )
    timings = rng.lognormal(np.log(paces)[None, :], 0.35, size=(n, len(paces)))
    timings[careless] = rng.uniform(300, 900, size=(int(careless.sum()), len(paces)))
    return SyntheticSample(traits, theta, codes, careless, timings)


def unit_points(plan: ScoringPlan, codes: np.ndarray, trait_index: int) -> np.ndarray:
    """Points matrix (attempts × scoring units of one trait); NaN where unanswered."""
    mask = plan.unit_trait == trait_index
    unit_codes = codes[:, plan.unit_column[mask]].astype(np.intp)
    points = plan.flat[plan.offsets[mask] + np.where(unit_codes >= 0, unit_codes, 0)]
    return np.where(unit_codes >= 0, points, np.nan)


def provisional_norms(
    instrument: Instrument, plan: ScoringPlan, n: int, seed: int
) -> dict[str, tuple[float, float, float]]:
    """Mean, SD and Cronbach's alpha of each trait's raw score in a simulated sample.

    Only for bootstrapping a norm table before real applicant data exist.
    """
    from app.psychometrics.reliability import cronbach_alpha

    sample = simulate(instrument, plan, n, seed)
    out = {}
    for j, trait in enumerate(plan.trait_ids):
        points = unit_points(plan, sample.codes, j)
        totals = points.sum(axis=1)
        out[trait] = (float(totals.mean()), float(totals.std(ddof=1)), cronbach_alpha(points))
    return out
