import json

import pytest

from app.routing import (
    ScenarioError,
    list_shipped_scenarios,
    load_scenario,
    parse_scenario,
    simulate,
)


def test_shipped_scenarios_load_and_run():
    assert {"helpdesk", "blended_center", "daily_profile"} <= set(list_shipped_scenarios())
    for name in list_shipped_scenarios():
        scenario = load_scenario(name)
        result = simulate(scenario, 1)
        data = json.loads(json.dumps(result.to_dict()))
        assert data["overall"]["offered"] > 0
        assert len(data["intervals"]) == scenario.n_intervals


def test_blended_center_shape():
    scenario = load_scenario("blended_center")
    assert scenario.total_agents == 60
    assert len(scenario.skills) == 3
    assert {s.channel for s in scenario.streams} == {"phone", "chat", "email", "fax"}


def write(tmp_path, text, name="x.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


BASE = """
id: x
horizon: 3600
skills: [general]
streams:
  - {name: calls, channel: phone, skill: general, rate_per_hour: 10,
     handle: {dist: exponential, mean: 100}}
agents:
  - {group: a, count: 1, skills: {general: 1.0}}
  - {group: b, count: 1, skills: {general: 1.0}}
"""


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("rate_per_hour: 10", "rate_per_hour: -5", "streams[0].rate_per_hour", "greater than"),
        ("skill: general, rate", "skill: billing, rate", "streams[0].skill", "unknown skill"),
        ("{group: b, count: 1, skills: {general: 1.0}}", "{group: b, count: 1, skills: {}}",
         "agents[1].skills", "an agent needs at least one skill"),
        ("{group: b, count: 1, skills: {general: 1.0}}", "{group: b, skills: {billing: 1}}",
         "agents[1].skills.billing", "unknown skill"),
        ("horizon: 3600", "horizon: 3600\npolicy: fastest_first", "policy", "unknown policy"),
        ("mean: 100", "sd: 100", "streams[0].handle", "needs 'mean'"),
        ("horizon: 3600", "horizon: [3600", "line", "malformed YAML"),
    ],
)
def test_bad_scenarios_name_file_and_field(tmp_path, old, new, field, words):
    path = write(tmp_path, BASE.replace(old, new))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    error = caught.value
    assert error.source == str(path)
    assert error.field.startswith(field)
    assert words in error.message
    assert str(error) == f"{path}: {error.field}: {error.message}"


def test_example_message_from_the_issue():
    data = {"id": "x", "horizon": 10, "skills": ["s"], "agents": [
        {"group": "a", "skills": {"s": 1}}, {"group": "b", "skills": {"s": 1}},
        {"group": "c", "skills": {}}]}
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(data, "scenarios/x.yaml")
    expected = "scenarios/x.yaml: agents[2].skills: an agent needs at least one skill"
    assert str(caught.value) == expected


def test_missing_file_and_rate_profile_length(tmp_path):
    with pytest.raises(ScenarioError, match="no such file"):
        load_scenario(tmp_path / "nope.yaml")
    path = write(tmp_path, BASE.replace("rate_per_hour: 10", "rates_per_hour: [1, 2, 3]"))
    with pytest.raises(ScenarioError, match="one rate per interval"):
        load_scenario(path)


def test_with_changes_returns_a_new_validated_scenario():
    scenario = load_scenario("blended_center")
    bigger = scenario.with_changes(agents_scale=1.5, policy="channel_priority")
    assert bigger.total_agents == sum(round(g.count * 1.5) for g in scenario.agents)
    assert bigger.policy == "channel_priority" and scenario.policy == "blended_fifo"
    fewer = scenario.with_changes(agent_counts={"tech": 3})
    assert [g.count for g in fewer.agents if g.group == "tech"] == [3]
    with pytest.raises(ScenarioError, match="no agent group"):
        scenario.with_changes(agent_counts={"nobody": 3})
    with pytest.raises(ScenarioError, match="unknown policy"):
        scenario.with_changes(policy="random")
    assert parse_scenario(scenario.to_dict(), "copy") == scenario
