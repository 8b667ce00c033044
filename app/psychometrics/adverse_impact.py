"""Adverse impact of a selection step: selection rates, impact ratios, Fisher's exact test.

The rule (Uniform Guidelines on Employee Selection Procedures, 29 CFR 1607.4D): a group's
selection rate *less than* four-fifths of the highest group's rate is generally regarded as
evidence of adverse impact. Ratios are exact fractions, so a ratio of exactly 4/5 is not
flagged. Groups with fewer than ``min_group_size`` applicants are suppressed: their rates
are not reported and they take no part in the comparison.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from scipy.stats import fisher_exact

FOUR_FIFTHS = Fraction(4, 5)
MIN_GROUP_SIZE = 5


@dataclass(frozen=True, slots=True)
class GroupRate:
    """Applicants, selections and the exact selection rate of one group."""

    group: str
    applicants: int
    selected: int
    rate: Fraction | None
    suppressed: bool


@dataclass(frozen=True, slots=True)
class ImpactComparison:
    """One group compared with the highest-rate group."""

    group: str
    reference: str
    impact_ratio: Fraction | None
    adverse: bool
    fisher_p: float


@dataclass(frozen=True)
class ImpactReport:
    """Rates of every group, the reference group and each comparison."""

    groups: tuple[GroupRate, ...]
    reference: str | None
    comparisons: tuple[ImpactComparison, ...]

    @property
    def flagged(self) -> tuple[str, ...]:
        """Groups whose impact ratio is below four-fifths."""
        return tuple(c.group for c in self.comparisons if c.adverse)


def impact_ratio(rate: Fraction, highest: Fraction) -> Fraction | None:
    """``rate / highest`` exactly; None when the highest rate is zero."""
    return None if highest == 0 else Fraction(rate) / Fraction(highest)


def is_adverse(ratio: Fraction | None) -> bool:
    """True when the ratio is strictly less than four-fifths."""
    return ratio is not None and ratio < FOUR_FIFTHS


def count_outcomes(records: Iterable[tuple[str, bool]]) -> dict[str, tuple[int, int]]:
    """Turn ``(group, selected)`` records into ``{group: (selected, applicants)}``."""
    counts: dict[str, tuple[int, int]] = {}
    for group, selected in records:
        sel, total = counts.get(group, (0, 0))
        counts[group] = (sel + int(bool(selected)), total + 1)
    return counts


def adverse_impact(
    counts: Mapping[str, tuple[int, int]], min_group_size: int = MIN_GROUP_SIZE
) -> ImpactReport:
    """Compare every group's selection rate with the highest one.

    ``counts`` maps group to ``(selected, applicants)``. Fisher's exact test (two-sided)
    compares each group's 2×2 table with the reference group's.
    """
    rates = []
    for group in sorted(counts):
        selected, applicants = counts[group]
        if not 0 <= selected <= applicants:
            raise ValueError(f"group {group!r}: selected must lie between 0 and applicants")
        small = applicants < min_group_size
        rate = None if small else Fraction(selected, applicants)
        rates.append(GroupRate(group, applicants, selected, rate, small))
    shown = [g for g in rates if not g.suppressed]
    if not shown:
        return ImpactReport(tuple(rates), None, ())
    best = max(shown, key=lambda g: (g.rate, g.applicants))
    comparisons = []
    for g in shown:
        if g is best:
            continue
        ratio = impact_ratio(g.rate, best.rate)
        table = [
            [g.selected, g.applicants - g.selected],
            [best.selected, best.applicants - best.selected],
        ]
        p_value = float(fisher_exact(table, alternative="two-sided").pvalue)
        comparisons.append(ImpactComparison(g.group, best.group, ratio, is_adverse(ratio), p_value))
    return ImpactReport(tuple(rates), best.group, tuple(comparisons))
