import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.routing import POLICIES, ContactKind, simulate
from app.routing.policies import make_policy
from app.routing.runner import make_table, run_table

FIVE = [
    {"at": 0, "channel": "phone", "skill": "general", "handle": 100},
    {"at": 10, "channel": "phone", "skill": "general", "handle": 60, "payload": {"n": "call1"}},
    {"at": 20, "channel": "phone", "skill": "general", "handle": 60, "payload": {"n": "call2"}},
    {"at": 30, "channel": "email", "skill": "general", "handle": 60, "payload": {"n": "email"}},
    {"at": 40, "channel": "phone", "skill": "general", "handle": 60, "payload": {"n": "call3"}},
    {"at": 50, "channel": "fax", "skill": "general", "handle": 60, "payload": {"n": "fax"}},
]
CHANNEL_NAMES = ["phone", "chat", "email", "fax"]


def answer_order(scenario, engine="auto"):
    records, _ = run_table(scenario, make_table(scenario, 1), scenario.policy, engine)
    order = np.argsort(records.start, kind="stable")
    return [CHANNEL_NAMES[records.channel[i]] for i in order[1:]], records


@pytest.mark.parametrize("engine", ["events", "auto"])
def test_blended_fifo_answers_in_order_received(script, engine):
    order, records = answer_order(script(FIVE, "blended_fifo"), engine)
    assert order == ["phone", "phone", "email", "phone", "fax"]
    assert records.start.tolist() == [0, 100, 160, 220, 280, 340]


def test_channel_priority_answers_calls_first(script):
    order, records = answer_order(script(FIVE, "channel_priority"))
    assert order == ["phone", "phone", "phone", "email", "fax"]
    assert records.start.tolist() == [0, 100, 160, 280, 220, 340]


def test_registry_names_match_classes():
    assert set(POLICIES) == {"blended_fifo", "channel_priority", "tier_priority"}
    for name, cls in POLICIES.items():
        assert cls.name == name


def test_tier_priority_ranks():
    policy = make_policy("tier_priority")
    sales = [policy.rank(ContactKind("phone", "sales", t, "g"))
             for t in ("premium", "enhanced", "basic")]
    assert sales == sorted(sales) and len(set(sales)) == 3
    care = {policy.rank(ContactKind("phone", k, t, "g"))
            for k in ("complaint", "problem") for t in ("basic", "enhanced", "premium")}
    assert care == {sales[0]}


contact = st.fixed_dictionaries({
    "at": st.integers(0, 600),
    "type": st.sampled_from(["sales", "inquiry", "complaint", "problem"]),
    "tier": st.sampled_from(["basic", "enhanced", "premium"]),
    "handle": st.integers(5, 200),
    "patience": st.one_of(st.none(), st.integers(10, 400)),
})


@settings(max_examples=60, deadline=None)
@given(st.lists(contact, min_size=2, max_size=25), st.integers(1, 3))
def test_tier_priority_never_delays_a_complaint_behind_a_later_sales_contact(
        script, contacts, agents):
    scripted = [{**c, "channel": "phone", "skill": "general"} for c in contacts]
    scenario = script(scripted, "tier_priority", agents=agents)
    result = simulate(scenario, 3)
    rec = result.records
    types = [rec.types[k] for k in rec.ctype]
    for c in range(len(types)):
        if types[c] not in ("complaint", "problem"):
            continue
        left_queue = rec.start[c] if not np.isnan(rec.start[c]) else rec.give_up[c]
        for s in range(len(types)):
            if types[s] == "sales" and rec.arrival[s] > rec.arrival[c]:
                assert not rec.start[s] < left_queue, (c, s)


def test_most_proficient_selection_takes_the_expert(script):
    data = [{"at": 5, "channel": "phone", "skill": "general", "handle": 100}]
    base = script(data)
    scenario = base.with_changes(
        agent_selection="most_proficient",
        agents=[{"group": "novice", "count": 2, "skills": {"general": 0.5}},
                {"group": "expert", "count": 1, "skills": {"general": 2.0}}],
    )
    rec = simulate(scenario, 1, engine="events").records
    assert rec.agent.tolist() == [2] and rec.end.tolist() == [55.0]
    longest = scenario.with_changes(agent_selection="longest_idle")
    assert simulate(longest, 1, engine="events").records.agent.tolist() == [0]
