import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.routing import load_scenario, parse_scenario, simulate
from app.routing.arrivals import poisson_times
from app.routing.distributions import sample
from app.routing.schema import CHANNELS


def test_interval_rates_give_the_expected_volumes():
    rates = [0, 3600, 7200, 1800]  # per hour, 30-minute intervals
    rng = np.random.default_rng(5)
    times = poisson_times(rates, 1800, 7200, rng)
    counts = np.histogram(times, bins=4, range=(0, 7200))[0]
    expected = np.asarray(rates) / 2
    assert counts[0] == 0
    assert np.all(np.abs(counts - expected) <= 5 * np.sqrt(expected))
    assert np.all(np.diff(times) >= 0)


def test_short_last_interval_and_zero_rate():
    rng = np.random.default_rng(1)
    assert len(poisson_times([0, 0], 1800, 3600, rng)) == 0
    times = poisson_times([3600, 3600], 1800, 2700, rng)
    assert times.max() < 2700


@pytest.mark.parametrize(
    ("spec", "mean", "sd"),
    [
        ({"dist": "exponential", "mean": 180}, 180, 180),
        ({"dist": "lognormal", "mean": 240, "sd": 120}, 240, 120),
        ({"dist": "deterministic", "mean": 300}, 300, 0),
        ({"dist": "empirical", "values": [60, 120, 420]}, 200, np.std([60, 120, 420])),
    ],
)
def test_distributions_have_the_stated_moments(spec, mean, sd):
    values = sample(spec, np.random.default_rng(3), 200_000)
    assert values.mean() == pytest.approx(mean, rel=0.01)
    assert values.std() == pytest.approx(sd, rel=0.02, abs=1e-9)


def test_arrivals_do_not_depend_on_staffing():
    scenario = load_scenario("blended_center")
    a = simulate(scenario, 4).records
    b = simulate(scenario.with_changes(agents_scale=0.5), 4).records
    assert np.array_equal(a.arrival, b.arrival) and np.array_equal(a.channel, b.channel)


groups = st.lists(
    st.fixed_dictionaries({
        "count": st.integers(0, 3),
        "skills": st.dictionaries(st.sampled_from(["a", "b"]), st.sampled_from([0.5, 1, 2]),
                                  min_size=1),
        "channels": st.dictionaries(st.sampled_from(CHANNELS), st.integers(1, 3), min_size=1),
        "breaks": st.lists(st.fixed_dictionaries({"start": st.integers(0, 3000),
                                                  "duration": st.integers(60, 900)}),
                           max_size=1),
    }),
    min_size=1, max_size=3,
)


@settings(max_examples=40, deadline=None)
@given(groups, st.sampled_from(["blended_fifo", "channel_priority", "tier_priority"]),
       st.sampled_from(["longest_idle", "most_proficient"]), st.integers(0, 10_000))
def test_engine_invariants(agent_groups, policy, selection, seed):
    streams = [
        {"name": f"{c}-{s}", "channel": c, "skill": s, "rate_per_hour": 20,
         "types": {"sales": 1, "complaint": 1}, "tiers": {"basic": 1, "premium": 1},
         "handle": {"dist": "exponential", "mean": 240},
         **({"patience": {"dist": "exponential", "mean": 120}} if c in ("phone", "chat")
            else {})}
        for c in CHANNELS for s in ("a", "b")
    ]
    scenario = parse_scenario({
        "id": "prop", "horizon": 3600, "skills": ["a", "b"], "policy": policy,
        "agent_selection": selection, "streams": streams,
        "agents": [{"group": f"g{i}", **g} for i, g in enumerate(agent_groups)],
    }, "prop")
    rec = simulate(scenario, seed).records
    served = ~np.isnan(rec.start)
    assert np.all(rec.start[served] >= rec.arrival[served])
    assert np.all(rec.start[served] <= rec.give_up[served])
    assert not np.any(rec.abandoned & served)
    assert np.all(rec.end[served] > rec.start[served])
    members = [g for g in scenario.agents for _ in range(g.count)]
    for agent, group in enumerate(members):
        mine = np.nonzero(rec.agent == agent)[0]
        for i in mine:
            assert scenario.skills[rec.skill[i]] in group.skills
            channel = CHANNELS[rec.channel[i]]
            overlapping = mine[(rec.start[mine] <= rec.start[i]) & (rec.end[mine] > rec.start[i])]
            assert len(overlapping) <= group.channels.get(channel, 0)
            assert all(rec.channel[j] == rec.channel[i] for j in overlapping)
            for pause in group.breaks:
                assert not pause.start < rec.start[i] < pause.start + pause.duration
