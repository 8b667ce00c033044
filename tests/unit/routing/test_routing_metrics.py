import math

import numpy as np
import pytest

from app.routing import load_scenario, replicate, simulate
from app.routing.runner import make_table, run_table

CALLS = [
    {"at": 0, "channel": "phone", "skill": "general", "handle": 100},
    {"at": 10, "channel": "phone", "skill": "general", "handle": 50, "patience": 200},
    {"at": 20, "channel": "phone", "skill": "general", "handle": 50, "patience": 30},
    {"at": 30, "channel": "email", "skill": "general", "handle": 40},
    {"at": 700, "channel": "chat", "skill": "general", "handle": 60, "patience": 5},
]


def test_hand_computed_metrics(script):
    scenario = script(CALLS, service_level={"seconds": 20}, email_promise=200)
    result = simulate(scenario, 1)
    rec = result.records
    # call 2 waits 90 s, call 3 gives up at 50 s, the e-mail waits until 150 s
    assert rec.start.tolist()[:2] == [0, 100]
    assert math.isnan(rec.start[2]) and rec.abandoned.tolist() == [False, False, True, False,
                                                                   False]
    assert rec.start[3] == 150 and rec.end[3] == 190
    overall = result.metrics["overall"]
    assert overall["offered"] == 5 and overall["answered"] == 4 and overall["abandoned"] == 1
    assert overall["service_level"] == pytest.approx(2 / 4)
    assert overall["asa"] == pytest.approx(90 / 3)
    assert overall["abandon_rate"] == pytest.approx(1 / 4)
    assert overall["aht"] == pytest.approx((100 + 50 + 40 + 60) / 4)
    assert overall["email"] == {"offered": 1, "acknowledged": 1, "replied": 1,
                                "response_mean": 160.0, "response_p90": 160.0,
                                "promises_kept": 1.0}
    first = result.metrics["intervals"][0]
    assert (first["offered"], first["answered"], first["abandoned"]) == (4, 3, 1)
    # live waiting: call 2 over [10, 100], call 3 over [20, 50] within the 600 s interval
    assert first["avg_queue"] == pytest.approx((90 + 30) / 600)
    assert first["max_queue"] == 2
    assert result.metrics["by_channel"]["email"]["offered"] == 1
    occupancy = result.metrics["by_group"]["desk"]["occupancy"]
    assert occupancy == pytest.approx((190 + 60) / 3600)


def test_warmup_contacts_are_dropped(script):
    scenario = script(CALLS, warmup=600)
    overall = simulate(scenario, 1).metrics["overall"]
    assert overall["offered"] == 1 and overall["answered"] == 1


def test_email_promise_broken_when_late(script):
    scenario = script(CALLS, email_promise=100)
    assert simulate(scenario, 1).metrics["overall"]["email"]["promises_kept"] == 0.0


def test_same_seed_same_records_different_seed_different():
    scenario = load_scenario("blended_center")
    first, again = simulate(scenario, 7), simulate(scenario, 7)
    assert first.records.same_as(again.records)
    assert first.to_dict() == again.to_dict()
    assert not first.records.same_as(simulate(scenario, 8).records)


def test_policies_see_the_same_arrivals():
    scenario = load_scenario("helpdesk")
    a = simulate(scenario, 3, "blended_fifo").records
    b = simulate(scenario, 3, "channel_priority").records
    assert np.array_equal(a.arrival, b.arrival)


@pytest.mark.parametrize("patience", [None, 120.0])
def test_fast_path_matches_event_engine(patience):
    from app.routing import mmc_scenario

    scenario = mmc_scenario(900, 180, 50, patience=patience, hours=6)
    table = make_table(scenario, 11)
    events, used_events = run_table(scenario, table, scenario.policy, "events")
    fast, used_fast = run_table(scenario, table, scenario.policy, "auto")
    assert (used_events, used_fast) == ("events", "fifo")
    assert events.same_as(fast)
    assert np.allclose(events.busy, fast.busy)


def test_proficiency_scales_handle_time(script):
    scenario = script(CALLS[:1], agents=1).with_changes(
        agents=[{"group": "slow", "count": 1, "skills": {"general": 0.5}}])
    assert simulate(scenario, 1).records.end.tolist() == [200.0]
    flat = scenario.with_changes(proficiency_scales_handle=False)
    assert simulate(flat, 1).records.end.tolist() == [100.0]


def test_chat_concurrency_two_at_once(script):
    chats = [{"at": t, "channel": "chat", "skill": "general", "handle": 100} for t in (0, 1, 2)]
    rec = simulate(script(chats, agents=1), 1).records
    assert rec.start.tolist() == [0, 100, 200]
    single = script(chats, agents=1).with_changes(
        agents=[{"group": "d", "skills": {"general": 1.0}, "channels": {"chat": 2}}])
    assert simulate(single, 1).records.start.tolist() == [0, 1, 100]


def test_breaks_and_shifts(script):
    calls = [{"at": t, "channel": "phone", "skill": "general", "handle": 50} for t in (0, 100)]
    scenario = script(calls).with_changes(agents=[{
        "group": "d", "skills": {"general": 1.0}, "shift": {"start": 20, "end": 3000},
        "breaks": [{"start": 90, "duration": 60}]}])
    rec = simulate(scenario, 1).records
    assert rec.start.tolist() == [20, 150]
    assert simulate(scenario, 1).metrics["by_group"]["d"]["occupancy"] == pytest.approx(
        100 / (2980 - 60))


def test_replicate_gives_confidence_intervals():
    scenario = load_scenario("helpdesk")
    calls = []
    summary = replicate(scenario, 5, 4, progress=lambda d, t: calls.append((d, t)))
    data = summary.to_dict()
    assert calls[-1] == (4, 4) and data["replications"] == 4
    sl = data["overall"]["service_level"]
    assert 0 < sl["mean"] < 1 and sl["ci95"] > 0
    assert len(data["intervals"]) == scenario.n_intervals
    assert set(data["intervals"][0]) >= {"start", "offered", "service_level", "avg_queue"}
