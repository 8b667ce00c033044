"""Predictive validity: how well trait scores predict a later job outcome.

Predictors are trait T-scores (hires × traits); the outcome is either continuous (e.g.
mean live QA score) or binary (e.g. still employed). Models are regularized and
cross-validated with a fixed ``random_state``:

* continuous — ``Ridge`` (α = 1 on standardized predictors); the estimate is Pearson's
  r between the outcome and out-of-fold predictions, with a Fisher-z interval
  ``tanh(atanh r ± z/√(n − 3))``;
* binary — L2 ``LogisticRegression`` (C = 1); the estimate is the out-of-fold ROC AUC,
  with the Hanley–McNeil (1982) standard error.

The *current composite* (the job profile's weighted mean of T-scores) is assessed the
same way, without fitting. Suggested weights are the full-sample standardized
coefficients, negatives set to zero, scaled to the current weight total and rounded to
halves; they are advice for a human to weigh, never applied automatically.

Small samples cannot support weights (ten traits fitted on a few dozen hires mostly fit
noise), so suggestions are *refused* below ``SUGGEST_PER_TRAIT`` hires per trait or when
the model's cross-validated interval does not exclude chance, and otherwise *shrunk*
toward the current weights by ``n / (n + SHRINK_PER_TRAIT · traits)``; the report says
which and why (``weights_note``).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from scipy.stats import norm
from sklearn.exceptions import FitFailedWarning
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import make_scorer, roc_auc_score
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict, learning_curve
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

MIN_HIRES = 10
SUGGEST_PER_TRAIT = 10
SHRINK_PER_TRAIT = 20
SEED = 0


@dataclass(frozen=True)
class Estimate:
    """A validity coefficient (r or AUC) with its confidence interval."""

    value: float
    ci_low: float
    ci_high: float


@dataclass(frozen=True)
class ValidityReport:
    """Cross-validated validity of the trait model and of the current composite."""

    outcome_kind: str
    metric: str
    n: int
    folds: int
    model: Estimate
    composite: Estimate
    coefficients: dict[str, float]
    suggested_weights: dict[str, Fraction]
    curve_sizes: tuple[int, ...]
    curve_train: tuple[float | None, ...]
    curve_test: tuple[float | None, ...]
    weights_note: str = ""
    shrinkage: float = 0.0


def correlation_interval(r: float, n: int, confidence: float = 0.95) -> Estimate:
    """Pearson r with its Fisher-z confidence interval (needs n > 3)."""
    if n <= 3 or math.isnan(r):
        return Estimate(r, float("nan"), float("nan"))
    z = norm.ppf(0.5 + confidence / 2)
    centre = math.atanh(max(min(r, 0.999999), -0.999999))
    half = z / math.sqrt(n - 3)
    return Estimate(r, math.tanh(centre - half), math.tanh(centre + half))


def auc_interval(auc: float, n_pos: int, n_neg: int, confidence: float = 0.95) -> Estimate:
    """ROC AUC with the Hanley–McNeil normal-approximation interval, clipped to [0, 1]."""
    q1, q2 = auc / (2 - auc), 2 * auc * auc / (1 + auc)
    var = (auc * (1 - auc) + (n_pos - 1) * (q1 - auc * auc) + (n_neg - 1) * (q2 - auc * auc))
    se = math.sqrt(max(var, 0.0) / (n_pos * n_neg))
    z = norm.ppf(0.5 + confidence / 2)
    return Estimate(auc, float(max(0.0, auc - z * se)), float(min(1.0, auc + z * se)))


def _pearson(y: np.ndarray, pred: np.ndarray) -> float:
    if np.std(y) == 0 or np.std(pred) == 0:
        return float("nan")
    return float(np.corrcoef(y, pred)[0, 1])


def _mean(values: np.ndarray) -> float | None:
    ok = values[~np.isnan(values)]
    return float(ok.mean()) if ok.size else None


def _suggest(coef: np.ndarray, traits: Sequence[str],
             current: Mapping[str, Fraction], keep: float) -> dict[str, Fraction]:
    """Data-driven weights mixed with the current ones: ``keep`` is the share of the
    data-driven part (1 = no shrinkage)."""
    positive = np.clip(coef, 0, None)
    if positive.sum() <= 0:
        return dict(current)
    total = float(sum(current.values()))
    now = np.array([float(current.get(t, 0)) for t in traits])
    mixed = keep * positive / positive.sum() * total + (1 - keep) * now
    halves = np.round(mixed * 2) / 2
    return {t: Fraction(float(w)).limit_denominator(2) for t, w in zip(traits, halves, strict=True)
            if w > 0} or dict(current)


def _weights_rule(n: int, k: int, beats_chance: bool) -> tuple[float, str]:
    """How much of the data-driven weights to keep, and the reason in plain words."""
    needed = SUGGEST_PER_TRAIT * k
    if n < needed:
        return 0.0, (f"No weights are suggested: {n} hires cannot support weights for {k} "
                     f"traits (at least {needed}, {SUGGEST_PER_TRAIT} per trait, are needed); "
                     "with fewer the coefficients mostly reflect chance.")
    if not beats_chance:
        return 0.0, ("No weights are suggested: the model's cross-validated interval "
                     "includes chance, so its coefficients are not evidence.")
    keep = n / (n + SHRINK_PER_TRAIT * k)
    return keep, (f"Suggested weights are shrunk toward the current ones: {keep:.0%} "
                  f"data-driven with {n} hires for {k} traits (n / (n + {SHRINK_PER_TRAIT}"
                  f" × {k})), so a modest sample moves the weights only part of the way.")


def validity_study(
    t_scores: np.ndarray,
    outcome: np.ndarray,
    traits: Sequence[str],
    weights: Mapping[str, Fraction],
    binary: bool = False,
    confidence: float = 0.95,
) -> ValidityReport:
    """Cross-validate a regularized model of ``outcome`` on ``t_scores`` (hires × traits).

    ``weights`` are the job profile's current trait weights. ``ValueError`` when fewer
    than ``MIN_HIRES`` hires, or (binary) when either class has fewer than 2 members.
    """
    x = np.asarray(t_scores, dtype=np.float64)
    y = np.asarray(outcome, dtype=np.float64)
    if x.ndim != 2 or x.shape != (len(y), len(traits)):
        raise ValueError("t_scores must be hires × traits, one row per outcome")
    if len(y) < MIN_HIRES:
        raise ValueError(f"a validity study needs at least {MIN_HIRES} hires with outcomes, "
                         f"got {len(y)}")
    w = np.array([float(weights.get(t, 0)) for t in traits])
    composite = x @ w / w.sum()
    if binary:
        y = y.astype(int)
        n_pos, n_neg = int(y.sum()), int(len(y) - y.sum())
        if min(n_pos, n_neg) < 2:
            raise ValueError("a binary outcome needs at least 2 hires in each class")
        folds = min(5, n_pos, n_neg)
        cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
        model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0))
        pred = cross_val_predict(model, x, y, cv=cv, method="predict_proba")[:, 1]
        model_est = auc_interval(float(roc_auc_score(y, pred)), n_pos, n_neg, confidence)
        comp_est = auc_interval(float(roc_auc_score(y, composite)), n_pos, n_neg, confidence)
        scorer, metric = "roc_auc", "AUC"
    else:
        folds = min(5, len(y) // 2)
        cv = KFold(n_splits=folds, shuffle=True, random_state=SEED)
        model = make_pipeline(StandardScaler(), Ridge(alpha=1.0))
        pred = cross_val_predict(model, x, y, cv=cv)
        model_est = correlation_interval(_pearson(y, pred), len(y), confidence)
        comp_est = correlation_interval(_pearson(y, composite), len(y), confidence)
        scorer, metric = make_scorer(_pearson), "r"
    with warnings.catch_warnings():
        # a small training subset may hold one class only; that point is left blank
        warnings.simplefilter("ignore", FitFailedWarning)
        warnings.simplefilter("ignore", UserWarning)
        sizes, train, test = learning_curve(
            model, x, y, cv=cv, scoring=scorer, train_sizes=np.linspace(0.4, 1.0, 4),
            shuffle=True, random_state=SEED, error_score=np.nan,
        )
    model.fit(x, y)
    coef = np.ravel(model[-1].coef_)
    chance = 0.5 if binary else 0.0
    keep, note = _weights_rule(len(y), len(traits), model_est.ci_low > chance)
    return ValidityReport(
        outcome_kind="binary" if binary else "continuous",
        metric=metric,
        n=len(y),
        folds=folds,
        model=model_est,
        composite=comp_est,
        coefficients={t: float(c) for t, c in zip(traits, coef, strict=True)},
        suggested_weights=_suggest(coef, traits, weights, keep) if keep > 0 else {},
        curve_sizes=tuple(int(s) for s in sizes),
        curve_train=tuple(_mean(r) for r in train),
        curve_test=tuple(_mean(r) for r in test),
        weights_note=note,
        shrinkage=round(1 - keep, 3),
    )
