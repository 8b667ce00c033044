"""Classical item analysis from a code matrix (attempts × scoring columns).

For every scoring column (an item, or one rubric criterion of a work sample): the
number answering, the mean and SD of its points, option choice rates, and the
corrected item-total correlation with each trait it scores. Weak-item flags:

* ``low_discrimination`` — best corrected item-total correlation below 0.20;
* ``negative_discrimination`` — some trait correlation below 0 (miskeyed?);
* ``dominant_option`` — one option chosen by more than 90 % of respondents;
* ``unused_option`` — an option of a choice item chosen by fewer than 2 %.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.psychometrics.batch import ScoringPlan
from app.psychometrics.synthetic import unit_points

LOW_DISCRIMINATION = 0.20
DOMINANT_SHARE = 0.90
UNUSED_SHARE = 0.02


@dataclass(frozen=True)
class ColumnStats:
    """Statistics and flags of one scoring column."""

    key: str
    n: int
    mean_points: float
    sd_points: float
    option_rates: tuple[float, ...]
    item_total: dict[str, float]
    flags: tuple[str, ...]


def _corr(x: np.ndarray, y: np.ndarray) -> float:
    ok = ~(np.isnan(x) | np.isnan(y))
    if ok.sum() < 3 or x[ok].std() == 0 or y[ok].std() == 0:
        return float("nan")
    return float(np.corrcoef(x[ok], y[ok])[0, 1])


def analyse_items(plan: ScoringPlan, codes: np.ndarray) -> list[ColumnStats]:
    """Item statistics for every column of ``plan`` (see the module docstring)."""
    per_trait = [unit_points(plan, codes, j) for j in range(len(plan.trait_ids))]
    totals = [np.nansum(p, axis=1) for p in per_trait]
    unit_pos = {}
    for j in range(len(plan.trait_ids)):
        for k, u in enumerate(np.flatnonzero(plan.unit_trait == j)):
            unit_pos[int(u)] = (j, k)
    stats = []
    for col, key in enumerate(plan.column_keys):
        answered = codes[:, col] >= 0
        units = np.flatnonzero(plan.unit_column == col)
        width = int(plan.n_codes[units[0]])
        counts = np.bincount(codes[answered, col], minlength=width)
        rates = tuple(float(c) / max(1, answered.sum()) for c in counts)
        points = np.zeros(len(codes))
        item_total = {}
        for u in units:
            j, k = unit_pos[int(u)]
            column_points = per_trait[j][:, k]
            points = points + np.nan_to_num(column_points)
            item_total[plan.trait_ids[j]] = _corr(column_points, totals[j] - column_points)
        flags = []
        values = [r for r in item_total.values() if not np.isnan(r)]
        if values and max(values) < LOW_DISCRIMINATION:
            flags.append("low_discrimination")
        if any(r < 0 for r in values):
            flags.append("negative_discrimination")
        if answered.any() and max(rates) > DOMINANT_SHARE:
            flags.append("dominant_option")
        if width > 2 and answered.any() and min(rates) < UNUSED_SHARE:
            flags.append("unused_option")
        stats.append(
            ColumnStats(
                key=key,
                n=int(answered.sum()),
                mean_points=float(points[answered].mean()) if answered.any() else float("nan"),
                sd_points=float(points[answered].std(ddof=1))
                if answered.sum() > 1
                else float("nan"),
                option_rates=rates,
                item_total=item_total,
                flags=tuple(flags),
            )
        )
    return stats
