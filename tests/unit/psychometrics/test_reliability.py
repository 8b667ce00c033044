"""Cronbach's alpha, Feldt interval, alpha-if-deleted and item-total correlations."""

from __future__ import annotations

import numpy as np
import pytest

from app.psychometrics.reliability import (
    corrected_item_total,
    cronbach_alpha,
    feldt_interval,
    reliability_report,
)


def test_alpha_by_hand():
    # item variances 1 and 1, total scores 2, 5, 5 → variance 3; alpha = 2·(1 − 2/3) = 2/3
    assert cronbach_alpha(np.array([[1, 1], [2, 3], [3, 2]])) == pytest.approx(2 / 3)


def test_parallel_items_have_alpha_one_and_missing_rows_are_dropped():
    x = np.array([[1, 1, 1], [2, 2, 2], [4, 4, 4], [np.nan, 1, 5]])
    assert cronbach_alpha(x) == pytest.approx(1.0)


def test_feldt_interval_brackets_alpha_and_narrows_with_n():
    low, high = feldt_interval(0.8, n=100, k=10)
    assert low < 0.8 < high
    wide = feldt_interval(0.8, n=30, k=10)
    assert wide[0] < low and wide[1] > high
    # (1 − α)/(1 − α̂) ~ F(99, 891): the upper bound uses the 2.5 % quantile
    from scipy.stats import f

    assert high == pytest.approx(1 - 0.2 * f.ppf(0.025, 99, 891))


def test_report_flags_a_bad_item():
    rng = np.random.default_rng(3)
    latent = rng.normal(size=500)
    good = latent[:, None] + rng.normal(scale=0.7, size=(500, 4))
    noise = rng.normal(size=(500, 1))
    report = reliability_report(np.hstack([good, noise]))
    assert report.n_items == 5 and report.n_respondents == 500
    assert report.alpha_if_deleted[4] > report.alpha
    assert report.item_total[4] < 0.15 < min(report.item_total[:4])
    assert corrected_item_total(good).min() > 0.6
