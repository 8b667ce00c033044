"""Exploratory factor analysis recovers a known three-trait structure."""

import numpy as np
import pytest

from app.psychometrics.structure import factor_structure


def _three_traits(n: int = 400, seed: int = 3) -> tuple[np.ndarray, list[str], list[str]]:
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=(n, 3))
    columns, ids, keys = [], [], []
    for t, trait in enumerate(("calm", "warm", "quick")):
        for k in range(4):
            columns.append(0.8 * latent[:, t] + 0.6 * rng.normal(size=n))
            ids.append(f"{trait}-{k}")
            keys.append(trait)
    return np.column_stack(columns), ids, keys


def test_every_item_loads_on_its_own_trait():
    scores, ids, keys = _three_traits()
    report = factor_structure(scores, ids, keys)
    assert report.factor_traits == ("calm", "warm", "quick")
    assert report.fits == (True,) * 12 and report.fit_share == 1.0
    # the population loading is 0.8 / sqrt(0.8² + 0.6²) = 0.8
    assert all(abs(report.own_loading(i) - 0.8) < 0.1 for i in range(12))


def test_a_miskeyed_item_is_shown_against_the_wrong_trait():
    scores, ids, keys = _three_traits()
    keys[0] = "warm"  # a calm item keyed to warm
    report = factor_structure(scores, ids, keys)
    assert report.fits[0] is False and sum(report.fits) == 11
    assert report.factor_traits[report.primary[0]] == "calm"


def test_same_input_same_loadings():
    scores, ids, keys = _three_traits()
    a = factor_structure(scores, ids, keys).loadings
    b = factor_structure(scores, ids, keys).loadings
    assert np.array_equal(a, b)


def test_too_few_rows_and_constant_items_are_refused():
    scores, ids, keys = _three_traits(n=10)
    with pytest.raises(ValueError, match="at least 20"):
        factor_structure(scores, ids, keys)
    scores, ids, keys = _three_traits()
    scores[:, 2] = 3.0
    with pytest.raises(ValueError, match="calm-2"):
        factor_structure(scores, ids, keys)


def test_skipped_answers_use_pairwise_correlations_not_listwise_deletion():
    scores, ids, keys = _three_traits(n=600)
    rng = np.random.default_rng(9)
    scores[rng.random(scores.shape) < 0.06] = np.nan  # ~52 % of rows miss something
    complete_rows = int((~np.isnan(scores).any(axis=1)).sum())
    report = factor_structure(scores, ids, keys)
    assert complete_rows < 330 and report.n_respondents == 600
    assert 480 < report.min_pair_n < 600
    assert report.fit_share == 1.0
    assert all(abs(report.own_loading(i) - 0.8) < 0.1 for i in range(12))
