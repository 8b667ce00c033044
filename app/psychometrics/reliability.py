"""Internal-consistency reliability: Cronbach's alpha, Feldt interval, item statistics.

Input is a score matrix (respondents × items) of item points already keyed
(reverse-keyed items scored in the trait's direction). Rows with any missing value
(NaN) are dropped (listwise deletion).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import f as f_dist


@dataclass(frozen=True)
class ReliabilityReport:
    """Alpha with its Feldt confidence interval and per-item diagnostics."""

    n_respondents: int
    n_items: int
    alpha: float
    ci_low: float
    ci_high: float
    confidence: float
    alpha_if_deleted: tuple[float, ...]
    item_total: tuple[float, ...]


def _complete_rows(scores: np.ndarray) -> np.ndarray:
    matrix = np.asarray(scores, dtype=np.float64)
    if matrix.ndim != 2:
        raise ValueError("scores must be a respondents × items matrix")
    return matrix[~np.isnan(matrix).any(axis=1)]


def cronbach_alpha(scores: np.ndarray) -> float:
    """Cronbach's alpha ``k/(k−1)·(1 − Σ var(item) / var(total))`` (sample variances)."""
    matrix = _complete_rows(scores)
    n, k = matrix.shape
    if k < 2 or n < 2:
        raise ValueError("alpha needs at least 2 items and 2 complete respondents")
    total_var = matrix.sum(axis=1).var(ddof=1)
    if total_var == 0:
        return float("nan")
    return float(k / (k - 1) * (1.0 - matrix.var(axis=0, ddof=1).sum() / total_var))


def feldt_interval(alpha: float, n: int, k: int, confidence: float = 0.95) -> tuple[float, float]:
    """Feldt (1965) confidence interval for alpha.

    ``(1 − α)/(1 − α̂)`` follows F with ``n − 1`` and ``(n − 1)(k − 1)`` degrees of freedom,
    so the bounds are ``1 − (1 − α̂)·F_{1−γ/2}`` and ``1 − (1 − α̂)·F_{γ/2}``.
    """
    tail = (1.0 - confidence) / 2.0
    df1, df2 = n - 1, (n - 1) * (k - 1)
    low = 1.0 - (1.0 - alpha) * f_dist.ppf(1.0 - tail, df1, df2)
    high = 1.0 - (1.0 - alpha) * f_dist.ppf(tail, df1, df2)
    return float(low), float(high)


def corrected_item_total(scores: np.ndarray) -> np.ndarray:
    """Correlation of each item with the total of the *other* items."""
    matrix = _complete_rows(scores)
    total = matrix.sum(axis=1)
    out = np.empty(matrix.shape[1])
    for j in range(matrix.shape[1]):
        rest = total - matrix[:, j]
        if matrix[:, j].std() == 0 or rest.std() == 0:
            out[j] = np.nan
        else:
            out[j] = np.corrcoef(matrix[:, j], rest)[0, 1]
    return out


def reliability_report(scores: np.ndarray, confidence: float = 0.95) -> ReliabilityReport:
    """Alpha, its Feldt interval, alpha-if-item-deleted and corrected item-total correlations."""
    matrix = _complete_rows(scores)
    n, k = matrix.shape
    alpha = cronbach_alpha(matrix)
    low, high = feldt_interval(alpha, n, k, confidence)
    if_deleted = tuple(
        cronbach_alpha(np.delete(matrix, j, axis=1)) if k > 2 else float("nan") for j in range(k)
    )
    return ReliabilityReport(
        n_respondents=n,
        n_items=k,
        alpha=alpha,
        ci_low=low,
        ci_high=high,
        confidence=confidence,
        alpha_if_deleted=if_deleted,
        item_total=tuple(float(x) for x in corrected_item_total(matrix)),
    )
