"""Structure check: exploratory factor analysis of Likert items against their trait keys.

Input is a score matrix (respondents × items) of keyed item points and, per item, the
trait it is meant to measure. Rows with a missing value are dropped (listwise), items
are standardized, and scikit-learn's ``FactorAnalysis`` (varimax rotation, fixed
``random_state``) extracts one factor per intended trait. Each factor is then matched
to one trait (Hungarian assignment maximizing the summed absolute loadings of that
trait's items) and its sign turned so those loadings are positive. An item *fits*
when its largest absolute loading is on its own trait's factor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.decomposition import FactorAnalysis

MIN_RESPONDENTS = 20
SALIENT = 0.30


@dataclass(frozen=True)
class StructureReport:
    """Rotated loadings (items × factors) and how they line up with the trait keys.

    ``factor_traits[f]`` is the trait matched to factor ``f``; ``primary[i]`` the factor
    on which item ``i`` loads most; ``fits[i]`` whether that is its intended trait's.
    """

    n_respondents: int
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


def factor_structure(
    scores: np.ndarray, item_ids: Sequence[str], intended: Sequence[str], seed: int = 0
) -> StructureReport:
    """Exploratory factor analysis with one factor per distinct intended trait.

    Raises ``ValueError`` with fewer than ``MIN_RESPONDENTS`` complete rows, or when an
    item has no variance (it cannot load on anything).
    """
    matrix = np.asarray(scores, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[1] != len(item_ids) or len(item_ids) != len(intended):
        raise ValueError("scores must be respondents × items, one column per item id")
    matrix = matrix[~np.isnan(matrix).any(axis=1)]
    if len(matrix) < MIN_RESPONDENTS:
        raise ValueError(
            f"factor analysis needs at least {MIN_RESPONDENTS} complete response sets, "
            f"got {len(matrix)}"
        )
    sd = matrix.std(axis=0, ddof=1)
    if (sd == 0).any():
        flat = ", ".join(i for i, s in zip(item_ids, sd, strict=True) if s == 0)
        raise ValueError(f"items without variance cannot be analysed: {flat}")
    z = (matrix - matrix.mean(axis=0)) / sd
    traits = tuple(dict.fromkeys(intended))
    fa = FactorAnalysis(n_components=len(traits), rotation="varimax", random_state=seed)
    fa.fit(z)
    loadings = fa.components_.T.copy()
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
        n_respondents=len(matrix),
        item_ids=tuple(item_ids),
        intended=tuple(intended),
        factor_traits=traits,
        loadings=loadings,
        primary=primary,
        fits=fits,
    )
