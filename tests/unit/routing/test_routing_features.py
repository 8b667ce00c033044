"""Model features: per-channel service levels, channel order, wrap-up, overflow,
transfers, callbacks, patience on e-mail, shrinkage, stop after N contacts, warm-up."""

import math

import numpy as np
import pytest

from app.routing import ScenarioError, parse_scenario, simulate
from app.routing.stats import mser


def phone(at, handle, skill="general", **extra):
    return {"at": at, "channel": "phone", "skill": skill, "handle": handle, **extra}


def test_each_channel_has_its_own_threshold_and_asa(script):
    contacts = [phone(0, 100), {"at": 10, "channel": "chat", "skill": "general",
                                "handle": 10}, {"at": 20, "channel": "email",
                                                "skill": "general", "handle": 10}]
    scenario = script(contacts, service_level={"seconds": 20,
                                               "channels": {"chat": {"seconds": 120}}},
                      email_promise=100)
    by = simulate(scenario, 1).metrics["by_channel"]
    assert by["chat"]["asa"] == 90 and by["chat"]["service_level"] == 1.0
    assert by["email"]["asa"] == 90 and by["email"]["service_level"] == 1.0
    strict = scenario.with_changes(service_level={"seconds": 20})
    by = simulate(strict, 1).metrics["by_channel"]
    assert by["chat"]["service_level"] == 0.0
    assert by["email"]["service_level"] == 1.0
    assert simulate(strict.with_changes(email_promise=50), 1).metrics["by_channel"][
        "email"]["service_level"] == 0.0


def test_channel_order_is_configurable(script):
    contacts = [phone(0, 100), {"at": 1, "channel": "chat", "skill": "general",
                                "handle": 10}, phone(2, 10),
                {"at": 3, "channel": "email", "skill": "general", "handle": 10}]
    default = simulate(script(contacts, policy="channel_priority"), 1).records
    assert default.start.tolist() == [0, 110, 100, 120]
    order = script(contacts, policy="channel_priority", channel_order=["email", "chat"])
    assert simulate(order, 1).records.start.tolist() == [0, 110, 120, 100]


def test_wrapup_keeps_the_agent_busy(script):
    result = simulate(script([phone(0, 100, wrapup=30), phone(1, 10)]), 1)
    assert result.records.start.tolist() == [0, 130]
    assert result.records.end.tolist() == [100, 140]
    assert result.metrics["by_group"]["desk"]["occupancy"] == pytest.approx(140 / 3600)


def overflow_scenario(after):
    return parse_scenario({
        "id": "ov", "horizon": 3600, "skills": ["billing", "general"],
        "scripted": [phone(0, 100, "billing"), phone(1, 100, "billing")],
        "agents": [{"group": "billing", "skills": {"billing": 1.0}},
                   {"group": "general", "skills": {"general": 1.0}}],
        "overflow": [{"skill": "billing", "after": after, "group": "general"}],
    }, source="test")


def test_overflow_to_another_group_after_a_delay():
    rec = simulate(overflow_scenario(30), 1).records
    assert rec.start.tolist() == [0, 31]
    assert rec.agent.tolist() == [0, 1]
    rec = simulate(overflow_scenario(500), 1).records
    assert rec.start.tolist() == [0, 100] and rec.agent.tolist() == [0, 0]


def stream_scenario(**stream):
    data = {"name": "s", "channel": "phone", "skill": "general", "rate_per_hour": 60,
            "handle": {"dist": "exponential", "mean": 120}, **stream}
    return {"id": "st", "horizon": 7200, "interval": 3600, "skills": ["general", "tech"],
            "streams": [data],
            "agents": [{"group": "desk", "count": 3, "skills": {"general": 1.0}},
                       {"group": "techs", "count": 1, "skills": {"tech": 1.0}}]}


def test_transfers_need_a_second_skill():
    data = stream_scenario(transfer={"share": 0.5, "skill": "tech",
                                     "handle": {"dist": "deterministic", "mean": 60}})
    result = simulate(parse_scenario(data, source="test"), 3)
    rec = result.records
    legs = rec.origin == 1
    first = rec.origin == 0
    assert 0.3 < legs.sum() / first.sum() < 0.7
    assert set(rec.agent_group[rec.agent[legs & (rec.agent >= 0)]].tolist()) == {1}
    assert np.allclose(rec.end[legs] - rec.start[legs], 60)
    handled_ends = set(np.round(rec.end[first], 6).tolist())
    assert set(np.round(rec.arrival[legs], 6).tolist()) <= handled_ends
    assert result.metrics["overall"]["offered"] == int(first.sum())
    assert result.metrics["overall"]["transfers"]["offered"] == int(legs.sum())
    again = simulate(parse_scenario(data, source="test"), 3).records
    assert again.same_as(rec)


def test_abandoned_customers_call_back():
    data = stream_scenario(patience={"dist": "deterministic", "mean": 10},
                           callback={"probability": 1.0,
                                     "delay": {"dist": "deterministic", "mean": 60}})
    data["agents"] = [{"group": "desk", "count": 0, "skills": {"general": 1.0}}]
    result = simulate(parse_scenario(data, source="test"), 5)
    rec = result.records
    first, calls = rec.origin == 0, rec.origin == 2
    assert rec.abandoned.all() and calls.sum() == first.sum()
    assert np.allclose(np.sort(rec.arrival[calls]), np.sort(rec.arrival[first]) + 70)
    assert result.metrics["overall"]["callbacks"] == int(
        (rec.arrival[calls] < 7200).sum())
    data["streams"][0]["callback"]["probability"] = 0.3
    rec = simulate(parse_scenario(data, source="test"), 5).records
    assert 0.15 < (rec.origin == 2).sum() / (rec.origin == 0).sum() < 0.45


def test_email_and_chat_patience():
    data = stream_scenario(channel="email", patience={"dist": "deterministic", "mean": 5})
    data["agents"][0]["count"] = 1
    data["agents"][0]["channels"] = {"email": 1}
    by = simulate(parse_scenario(data, source="test"), 2).metrics["by_channel"]["email"]
    assert by["abandoned"] > 0
    with pytest.raises(ScenarioError, match=r"streams\[0\]: Value error|patience applies"):
        parse_scenario(stream_scenario(channel="fax", patience={"dist": "exponential",
                                                                 "mean": 5}), source="test")


def test_shrinkage_takes_agents_off_the_phones():
    data = stream_scenario() | {"shrinkage": 0.34}
    groups = simulate(parse_scenario(data, source="test"), 1).metrics["by_group"]
    assert groups["desk"]["agents"] == 2 and groups["techs"]["agents"] == 1
    data["agents"][1]["shrinkage"] = 0.0
    data["agents"][0]["shrinkage"] = 0.5
    groups = simulate(parse_scenario(data, source="test"), 1).metrics["by_group"]
    assert groups["desk"]["agents"] == 2 and groups["techs"]["agents"] == 1


def test_stop_after_n_contacts():
    data = stream_scenario() | {"max_contacts": 25}
    result = simulate(parse_scenario(data, source="test"), 1)
    assert len(result.records.arrival) == 25
    assert result.metrics["overall"]["offered"] == 25


def test_mser_drops_an_initial_transient():
    rng = np.random.default_rng(4)
    series = np.concatenate([np.linspace(60, 0, 200), rng.exponential(1.0, 2000)])
    cut = mser(series)
    assert 150 <= cut <= 260
    assert mser(rng.exponential(1.0, 2000)) < 200


def test_warmup_detection_reports_confidence_intervals():
    data = stream_scenario(rate_per_hour=80) | {"warmup_detection": "mser5",
                                                "horizon": 36000}
    metrics = simulate(parse_scenario(data, source="test"), 1).metrics
    found = metrics["warmup"]
    assert found["method"] == "mser5" and 0 <= found["seconds"] < 18000
    sl = found["ci95"]["service_level"]
    assert 0 < sl["mean"] <= 1 and sl["ci95"] > 0


@pytest.mark.parametrize("change, where", [
    ({"overflow": [{"skill": "general", "after": 5, "group": "nobody"}]}, "overflow[0].group"),
    ({"overflow": [{"skill": "nope", "after": 5, "group": "desk"}]}, "overflow[0].skill"),
    ({"channel_order": ["phone", "phone"]}, "channel_order"),
    ({"shrinkage": 1.0}, "shrinkage"),
    ({"warmup_detection": "magic"}, "warmup_detection"),
])
def test_new_fields_are_validated(change, where):
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(stream_scenario() | change, source="file.yaml")
    assert str(caught.value).startswith(f"file.yaml: {where}: ")


def test_callback_needs_patience():
    data = stream_scenario(callback={"probability": 0.5,
                                     "delay": {"dist": "deterministic", "mean": 1}})
    with pytest.raises(ScenarioError, match="streams\\[0\\]: a callback needs"):
        parse_scenario(data, source="x")
    assert math.isfinite(1.0)


@pytest.mark.parametrize("policy", ["blended_fifo", "channel_priority", "tier_priority"])
@pytest.mark.parametrize("selection", ["longest_idle", "most_proficient"])
def test_batch_loop_matches_the_kernel_engine(policy, selection):
    from app.routing import load_scenario
    from app.routing.runner import make_table, run_table

    scenario = load_scenario("blended_center").with_changes(agent_selection=selection,
                                                             agents_scale=0.9)
    data = scenario.to_dict()
    data["streams"][0]["wrapup"] = {"dist": "exponential", "mean": 30}
    data["agents"][1]["breaks"] = [{"start": 7200, "duration": 900}]
    data["agents"][2]["shift"] = {"start": 1800, "end": 20000}
    scenario = parse_scenario(data, source="test")
    table = make_table(scenario, 7)
    fast, _ = run_table(scenario, table, policy, "events")
    slow, _ = run_table(scenario, table, policy, "kernel")
    assert fast.same_as(slow)
    assert np.allclose(fast.busy, slow.busy)


@pytest.mark.parametrize("selection", ["longest_idle", "most_proficient"])
@pytest.mark.parametrize("variant", ["mixed_channels", "ties"])
def test_batch_loop_matches_the_kernel_engine_on_ties_and_mixed_channels(selection, variant):
    """Agents that work chat two at a time and e-mail too keep a stamp per channel; equal
    event times (deterministic chats started together) keep the kernel's order."""
    from app.routing import load_scenario
    from app.routing.runner import make_table, run_table

    scenario = load_scenario("blended_center").with_changes(agent_selection=selection)
    data = scenario.to_dict()
    if variant == "mixed_channels":
        data["agents"][3]["channels"] = {"chat": 2, "email": 1}
        data["agents"][3]["breaks"] = [{"start": 9000, "duration": 600}]
    else:
        for stream in data["streams"][3:5]:
            stream["handle"] = {"dist": "deterministic", "mean": 400}
        data["agents"][3]["count"] = 4
        data["agents"][3]["breaks"] = [{"start": 9000, "duration": 600}]
    scenario = parse_scenario(data, source="test")
    table = make_table(scenario, 3)
    fast, _ = run_table(scenario, table, "blended_fifo", "events")
    slow, _ = run_table(scenario, table, "blended_fifo", "kernel")
    assert fast.same_as(slow)
    assert np.allclose(fast.busy, slow.busy)
    if variant == "ties":
        ends = fast.end[~np.isnan(fast.end)]
        assert len(np.unique(ends)) < len(ends)


@pytest.mark.parametrize("selection", ["longest_idle", "most_proficient"])
@pytest.mark.parametrize("variant", ["one_line_per_kind", "mixed_channels"])
def test_batch_loop_matches_the_kernel_engine_with_no_one_ever_off_duty(selection, variant):
    """No shifts or breaks: the batch loop's shortcuts for agents never off duty (simple
    agents keep only their stamp and line entry) give the kernel's records, with wrap-up."""
    from app.routing import load_scenario
    from app.routing.runner import make_table, run_table

    scenario = load_scenario("blended_center").with_changes(agent_selection=selection,
                                                             agents_scale=0.9)
    data = scenario.to_dict()
    data["streams"][1]["wrapup"] = {"dist": "exponential", "mean": 20}
    if variant == "mixed_channels":
        data["agents"][3]["channels"] = {"chat": 2, "email": 1}
    scenario = parse_scenario(data, source="test")
    table = make_table(scenario, 5)
    fast, _ = run_table(scenario, table, "blended_fifo", "events")
    slow, _ = run_table(scenario, table, "blended_fifo", "kernel")
    assert fast.same_as(slow)
    assert np.allclose(fast.busy, slow.busy)
