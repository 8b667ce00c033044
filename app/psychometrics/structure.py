"""Structure check: exploratory factor analysis of Likert items against their trait keys.

Input is a score matrix (respondents × items) of keyed item points, ``NaN`` where an
item was skipped, and, per item, the trait it is meant to measure. Estimation is
*pairwise*: every correlation uses all respondents who answered both items, so a few
skipped items do not throw whole response sets away (listwise deletion kept only about
half of them). The pairwise matrix is made positive definite if needed, then factored
by iterated principal axes (communalities started at the squared multiple correlation)
with one factor per intended trait, and rotated by varimax. Each factor is matched to
one trait (Hungarian assignment maximizing the summed absolute loadings of that trait's
items) and its sign turned so those loadings are positive. An item *fits* when its
largest absolute loading is on its own trait's factor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

MIN_RESPONDENTS = 20
SALIENT = 0.30
_PAF_ROUNDS = 100


@dataclass(frozen=True)
class StructureReport:
    """Rotated loadings (items × factors) and how they line up with the trait keys.

    ``n_respondents`` counts response sets with at least two answered items;
    ``min_pair_n`` is the smallest number behind any one correlation.

    ``factor_traits[f]`` is the trait matched to factor ``f``; ``primary[i]`` the factor
    on which item ``i`` loads most; ``fits[i]`` whether that is its intended trait's.
    """

    n_respondents: int
    min_pair_n: int
    item_ids: tuple[str, ...]
    intended: tuple[str, ...]
    factor_traits: tuple[str, ...]
    loadings: np.ndarray
    primary: tuple[int, ...]
    fits: tuple[bool, ...]

    @property
    def fit_share(self) -> float:
        """Share of items whose strongest loading is on their own trait's factor."""
        return float(np.mean(self.fits)) if self.fits else float("nan")

    def own_loading(self, i: int) -> float:
        """Item ``i``'s loading on its intended trait's factor."""
        return float(self.loadings[i, self.factor_traits.index(self.intended[i])])


def _pairwise_corr(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Correlations over pairwise-complete rows, and the count behind each."""
    ok = ~np.isnan(matrix)
    x = np.where(ok, matrix, 0.0)
    w = ok.astype(np.float64)
    n = w.T @ w
    sx = x.T @ w
    sxx = (x * x).T @ w
    sxy = x.T @ x
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_i, mean_j = sx / n, sx.T / n
        cov = sxy / n - mean_i * mean_j
        var_i = sxx / n - mean_i**2
        var_j = sxx.T / n - mean_j**2
        corr = cov / np.sqrt(var_i * var_j)
    np.fill_diagonal(corr, 1.0)
    return corr, n


def _nearest_pd(corr: np.ndarray) -> np.ndarray:
    values, vectors = np.linalg.eigh(corr)
    if values.min() > 1e-6:
        return corr
    fixed = vectors @ np.diag(np.clip(values, 1e-6, None)) @ vectors.T
    d = np.sqrt(np.diag(fixed))
    return fixed / np.outer(d, d)


def _principal_axes(corr: np.ndarray, k: int) -> np.ndarray:
    h2 = np.clip(1 - 1 / np.diag(np.linalg.inv(corr)), 0.05, 0.995)
    for _ in range(_PAF_ROUNDS):
        reduced = corr.copy()
        np.fill_diagonal(reduced, h2)
        values, vectors = np.linalg.eigh(reduced)
        top = np.argsort(values)[::-1][:k]
        loadings = vectors[:, top] * np.sqrt(np.clip(values[top], 0, None))
        new = np.clip((loadings**2).sum(axis=1), 0.005, 0.995)
        if np.abs(new - h2).max() < 1e-6:
            break
        h2 = new
    return loadings


def _varimax(loadings: np.ndarray, rounds: int = 200) -> np.ndarray:
    p, k = loadings.shape
    rotation = np.eye(k)
    last = 0.0
    for _ in range(rounds):
        rotated = loadings @ rotation
        u, s, vt = np.linalg.svd(
            loadings.T @ (rotated**3 - rotated @ np.diag((rotated**2).sum(axis=0)) / p)
        )
        rotation = u @ vt
        if s.sum() < last * (1 + 1e-8):
            break
        last = s.sum()
    return loadings @ rotation


def factor_structure(
    scores: np.ndarray, item_ids: Sequence[str], intended: Sequence[str]
) -> StructureReport:
    """Exploratory factor analysis with one factor per distinct intended trait, on
    pairwise-complete correlations.

    Raises ``ValueError`` when any pair of items was answered together by fewer than
    ``MIN_RESPONDENTS``, or when an item has no variance (it cannot load on anything).
    """
    matrix = np.asarray(scores, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[1] != len(item_ids) or len(item_ids) != len(intended):
        raise ValueError("scores must be respondents × items, one column per item id")
    corr, counts = _pairwise_corr(matrix)
    min_pair = int(counts.min()) if counts.size else 0
    if min_pair < MIN_RESPONDENTS:
        raise ValueError(
            f"factor analysis needs at least {MIN_RESPONDENTS} response sets answering each "
            f"pair of items, got {min_pair}"
        )
    flat_items = [i for i, v in zip(item_ids, np.nanstd(matrix, axis=0), strict=True) if v == 0]
    if flat_items:
        raise ValueError(f"items without variance cannot be analysed: {', '.join(flat_items)}")
    traits = tuple(dict.fromkeys(intended))
    loadings = _varimax(_principal_axes(_nearest_pd(corr), len(traits)))
    strength = np.zeros((len(traits), len(traits)))
    for t, trait in enumerate(traits):
        rows = [i for i, x in enumerate(intended) if x == trait]
        strength[t] = np.abs(loadings[rows]).sum(axis=0)
    trait_idx, factor_idx = linear_sum_assignment(-strength)
    order = np.empty(len(traits), dtype=int)
    order[trait_idx] = factor_idx
    loadings = loadings[:, order]
    for t, trait in enumerate(traits):
        rows = [i for i, x in enumerate(intended) if x == trait]
        if loadings[rows, t].sum() < 0:
            loadings[:, t] = -loadings[:, t]
    primary = tuple(int(np.argmax(np.abs(row))) for row in loadings)
    fits = tuple(traits[p] == intended[i] for i, p in enumerate(primary))
    return StructureReport(
        n_respondents=int(((~np.isnan(matrix)).sum(axis=1) >= 2).sum()),
        min_pair_n=min_pair,
        item_ids=tuple(item_ids),
        intended=tuple(intended),
        factor_traits=traits,
        loadings=loadings,
        primary=primary,
        fits=fits,
    )
