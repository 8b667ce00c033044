"""Validity study: textbook intervals and recovery of a known predictor."""

import math
from fractions import Fraction

import numpy as np
import pytest

from app.psychometrics.validity import auc_interval, correlation_interval, validity_study

TRAITS = ("calm", "warm", "quick")
WEIGHTS = {"calm": Fraction(1), "warm": Fraction(1), "quick": Fraction(1)}


def test_fisher_interval_matches_the_textbook_value():
    # r = 0.30, n = 103: z' = 0.3095, SE = 0.1, 95 % bounds tanh(0.3095 ± 0.196)
    est = correlation_interval(0.30, 103)
    assert est.ci_low == pytest.approx(math.tanh(math.atanh(0.3) - 1.959964 / 10), abs=1e-6)
    assert est.ci_low == pytest.approx(0.1127, abs=1e-3)
    assert est.ci_high == pytest.approx(0.4664, abs=1e-3)


def test_hanley_mcneil_standard_error():
    # Hanley & McNeil (1982), Table 2 style: A = 0.8, 50 positives, 50 negatives
    est = auc_interval(0.8, 50, 50)
    q1, q2 = 0.8 / 1.2, 2 * 0.64 / 1.8
    se = math.sqrt((0.16 + 49 * (q1 - 0.64) + 49 * (q2 - 0.64)) / 2500)
    assert se == pytest.approx(0.0442, abs=1e-3)
    assert est.ci_low == pytest.approx(0.8 - 1.959964 * se, abs=1e-6)


def _hires(n: int = 120, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    t = 50 + 10 * rng.normal(size=(n, 3))
    qa = 70 + 0.8 * (t[:, 0] - 50) + rng.normal(0, 5, size=n)  # only "calm" matters
    return t, qa


def test_continuous_outcome_finds_the_predictive_trait():
    t, qa = _hires()
    report = validity_study(t, qa, TRAITS, WEIGHTS)
    assert report.metric == "r" and report.n == 120 and report.folds == 5
    assert report.model.value > 0.7 and report.model.ci_low < report.model.value
    assert report.model.value > report.composite.value  # equal weights dilute calm
    assert max(report.coefficients, key=report.coefficients.get) == "calm"
    # 120 hires for 3 traits: 120 / (120 + 60) of the data-driven weights are kept
    assert report.shrinkage == pytest.approx(1 / 3, abs=1e-3)
    assert report.suggested_weights["calm"] >= 2 and "shrunk" in report.weights_note
    assert sum(report.suggested_weights.values()) <= 3.5
    assert report.curve_sizes[-1] <= 120 and len(report.curve_test) == 4


def test_binary_outcome_reports_auc():
    t, qa = _hires()
    stayed = (qa > np.median(qa)).astype(int)
    report = validity_study(t, stayed, TRAITS, WEIGHTS, binary=True)
    assert report.metric == "AUC" and 0.8 < report.model.value <= 1.0
    assert 0.0 <= report.model.ci_low < report.model.value < report.model.ci_high <= 1.0


def test_deterministic_and_guarded():
    t, qa = _hires()
    assert validity_study(t, qa, TRAITS, WEIGHTS) == validity_study(t, qa, TRAITS, WEIGHTS)
    with pytest.raises(ValueError, match="at least 10"):
        validity_study(t[:5], qa[:5], TRAITS, WEIGHTS)
    with pytest.raises(ValueError, match="each class"):
        validity_study(t, np.r_[1, np.zeros(119)], TRAITS, WEIGHTS, binary=True)


def test_small_samples_get_no_suggested_weights_and_a_reason():
    t, qa = _hires(n=25)
    report = validity_study(t, qa, TRAITS, WEIGHTS)
    assert report.suggested_weights == {}
    assert "25 hires cannot support weights for 3 traits" in report.weights_note
    noise = np.random.default_rng(5).normal(size=120)
    report = validity_study(_hires()[0], noise, TRAITS, WEIGHTS)
    assert report.suggested_weights == {} and "includes chance" in report.weights_note
