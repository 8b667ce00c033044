"""Adverse impact: exact four-fifths comparisons, suppression and Fisher's exact test."""

from __future__ import annotations

from fractions import Fraction

import pytest
from scipy.stats import fisher_exact

from app.psychometrics.adverse_impact import (
    adverse_impact,
    count_outcomes,
    impact_ratio,
    is_adverse,
)


def test_uniform_guidelines_worked_example():
    # UGESP Questions and Answers (1979, 44 FR 11996), on how adverse impact is determined:
    # hiring rates whites 60 %, American Indians 45 %, Hispanics 48 %, Blacks 51 % give
    # impact ratios 75 %, 80 % and 85 %; adverse impact is indicated for American Indians
    # only. Counts per 100 applicants reproduce the rates exactly.
    report = adverse_impact(
        {
            "white": (60, 100),
            "american_indian": (45, 100),
            "hispanic": (48, 100),
            "black": (51, 100),
        }
    )
    ratios = {c.group: c.impact_ratio for c in report.comparisons}
    assert report.reference == "white"
    assert ratios == {
        "american_indian": Fraction(3, 4),
        "hispanic": Fraction(4, 5),
        "black": Fraction(17, 20),
    }
    assert report.flagged == ("american_indian",)


def test_exactly_four_fifths_is_not_flagged():
    assert impact_ratio(Fraction(3, 5), Fraction(3, 4)) == Fraction(4, 5)
    assert not is_adverse(Fraction(4, 5))
    assert is_adverse(Fraction(4, 5) - Fraction(1, 10**12))
    report = adverse_impact({"a": (3, 4), "b": (3, 5)}, min_group_size=1)
    assert report.comparisons[0].impact_ratio == Fraction(4, 5)
    assert report.flagged == ()
    assert adverse_impact({"a": (6, 8), "b": (6, 10)}).flagged == ()


def test_half_the_rate_is_flagged_with_fisher_p():
    # 48 of 80 (60 %) against 12 of 40 (30 %): ratio exactly 1/2.
    report = adverse_impact({"group_a": (48, 80), "group_b": (12, 40)})
    (comparison,) = report.comparisons
    assert comparison.impact_ratio == Fraction(1, 2) and comparison.adverse
    expected = fisher_exact([[12, 28], [48, 32]]).pvalue
    assert comparison.fisher_p == pytest.approx(expected)
    assert comparison.fisher_p < 0.01


def test_small_groups_are_suppressed():
    report = adverse_impact({"big": (10, 20), "tiny": (0, 4), "other": (2, 10)})
    tiny = next(g for g in report.groups if g.group == "tiny")
    assert tiny.suppressed and tiny.rate is None
    assert [c.group for c in report.comparisons] == ["other"]


def test_count_outcomes_and_validation():
    counts = count_outcomes([("a", True), ("a", False), ("b", True)])
    assert counts == {"a": (1, 2), "b": (1, 1)}
    with pytest.raises(ValueError):
        adverse_impact({"a": (6, 5)})
    assert adverse_impact({"a": (0, 10), "b": (0, 10)}).flagged == ()
