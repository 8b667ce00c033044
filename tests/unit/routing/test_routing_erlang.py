"""The simulator against the Erlang C and Erlang A formulas.

Each case is one long run; the measured span is cut into 20 batches by arrival time and
each batch's service level, ASA, P(wait) and abandonment share is one observation (batch
means). With about 3,000+ contacts per batch the batch means are close to independent and
normal, so the formula value must lie inside the batch-means t interval. We use a 99.9%
interval per check: with about 40 checks the chance of a false alarm in the whole file is
under 4%, while a modelling error of a few percent would still be caught.
"""

import math

import pytest

from app.routing import erlang_a, erlang_c, mmc_scenario, simulate, staff_by_formula
from app.routing import staff_by_simulation as staff_sim
from app.routing.stats import batch_means, t_quantile

CONFIDENCE = 0.999
BATCHES = 20

C_CASES = [(10, 170, 400), (50, 900, 80), (250, 4750, 100)]
A_CASES = [(10, 190, 120, 400), (50, 950, 180, 80), (250, 4800, 60, 60)]


def check(result, scenario, formula, names):
    estimates = batch_means(result.records, scenario.warmup, scenario.horizon, BATCHES,
                            scenario.service_level.seconds, CONFIDENCE)
    for name in names:
        mean, half = estimates[name]
        assert abs(mean - formula[name]) <= half, (name, mean, half, formula[name])


@pytest.mark.parametrize("engine", ["auto", "events"])
@pytest.mark.parametrize(("agents", "per_hour", "hours"), C_CASES)
def test_simulation_agrees_with_erlang_c(agents, per_hour, hours, engine):
    scenario = mmc_scenario(per_hour, 180, agents, hours=hours)
    formula = erlang_c(per_hour, 180, agents, 20).to_dict()
    formula["abandon_rate"] = 0.0
    result = simulate(scenario, 2024, engine=engine)
    check(result, scenario, formula, ("service_level", "asa", "p_wait"))


@pytest.mark.parametrize("engine", ["auto", "events"])
@pytest.mark.parametrize(("agents", "per_hour", "patience", "hours"), A_CASES)
def test_simulation_agrees_with_erlang_a(agents, per_hour, patience, hours, engine):
    scenario = mmc_scenario(per_hour, 180, agents, patience=patience, hours=hours)
    formula = erlang_a(per_hour, 180, agents, patience, 20).to_dict()
    formula["abandon_rate"] = formula["abandon"]
    result = simulate(scenario, 2024, engine=engine)
    check(result, scenario, formula, ("service_level", "asa", "p_wait", "abandon_rate"))


def test_erlang_c_textbook_example():
    # 200 calls an hour, 3-minute calls: 10 Erlangs; 80% in 20 s needs 14 agents
    result = erlang_c(200, 180, 14, 20)
    assert result.load == pytest.approx(10.0)
    assert result.service_level == pytest.approx(0.8883, abs=1e-4)
    assert erlang_c(200, 180, 13, 20).service_level < 0.8
    assert staff_by_formula(200, 180, 0.8, 20).agents == 14


def test_erlang_a_tends_to_erlang_c_for_patient_customers():
    a = erlang_a(900, 180, 50, 1e9, 20)
    c = erlang_c(900, 180, 50, 20)
    assert a.p_wait == pytest.approx(c.p_wait, rel=1e-5)
    assert a.asa == pytest.approx(c.asa, rel=1e-4)
    assert a.service_level == pytest.approx(c.service_level, rel=1e-5)


def test_erlang_a_flow_balance():
    # busy agents on average = served arrivals x handle time (both from the same chain,
    # but the abandonment share comes from the FIFO stage products, so this checks them)
    for per_hour, n, patience in [(950, 50, 180), (190, 10, 120), (4800, 250, 60)]:
        result = erlang_a(per_hour, 180, n, patience, 20)
        served = per_hour / 3600 * 180 * (1 - result.abandon)
        assert result.occupancy * n == pytest.approx(served, rel=1e-9)


def test_staffing_formula_is_the_smallest_sufficient_staff():
    for per_hour, aht, patience in [(100, 300, None), (600, 240, None), (300, 240, 120)]:
        best = staff_by_formula(per_hour, aht, 0.8, 20, patience)

        def sl(n, per_hour=per_hour, aht=aht, patience=patience):
            if patience is None:
                return erlang_c(per_hour, aht, n, 20).service_level
            return erlang_a(per_hour, aht, n, patience, 20).service_level

        assert sl(best.agents) >= 0.8 > sl(best.agents - 1)


@pytest.mark.parametrize(("per_hour", "aht", "patience"),
                         [(100, 300, None), (600, 240, None), (300, 240, 120)])
def test_staffing_by_simulation_agrees_with_formula(per_hour, aht, patience):
    # cases chosen so that the formula's service level is >= 2 points away from 80%
    # on both sides of the answer, well beyond the simulation's standard error
    formula = staff_by_formula(per_hour, aht, 0.8, 20, patience).agents
    scenario = mmc_scenario(per_hour, aht, formula, patience=patience, hours=200)
    found = staff_sim(scenario, seed=5, sl_target=0.8, replications=2)
    assert found["agents"] == formula


def test_t_quantiles():
    assert t_quantile(0.975, 1) == pytest.approx(12.706, abs=1e-3)
    assert t_quantile(0.975, 5) == pytest.approx(2.5706, abs=2e-3)
    assert t_quantile(0.975, 19) == pytest.approx(2.0930, abs=1e-3)
    assert t_quantile(0.9995, 19) == pytest.approx(3.8834, abs=5e-3)
    assert t_quantile(0.975, 10_000) == pytest.approx(1.95996, abs=1e-3)
    assert math.isclose(t_quantile(0.5, 7), 0.0, abs_tol=1e-12)
