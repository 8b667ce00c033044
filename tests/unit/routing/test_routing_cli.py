import json

from click.testing import CliRunner

from app.routing.cli import routing_cli


def invoke(*args):
    result = CliRunner().invoke(routing_cli, list(args))
    return result


def test_run_prints_a_table_and_json():
    table = invoke("run", "helpdesk", "--seed", "2")
    assert table.exit_code == 0, table.output
    assert "service_level" in table.output and "channel:phone" in table.output
    data = json.loads(invoke("run", "helpdesk", "--seed", "2", "-r", "2", "--json").stdout)
    assert data["replications"] == 2 and "ci95" in data["overall"]["service_level"]


def test_run_csv_and_policy_override():
    result = invoke("run", "helpdesk", "--csv", "--policy", "channel_priority")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("breakdown,offered")


def test_compare_uses_the_same_arrivals():
    result = invoke("compare", "helpdesk", "--policies", "blended_fifo,channel_priority",
                    "-r", "2", "--json")
    data = json.loads(result.stdout)
    offered = {p: v["overall"]["offered"]["mean"] for p, v in data["policies"].items()}
    assert offered["blended_fifo"] == offered["channel_priority"]


def test_staff_formula_and_simulation():
    result = invoke("staff", "--calls-per-hour", "200", "--aht", "180", "--json")
    data = json.loads(result.stdout)
    assert data["formula"]["agents"] == 14
    assert abs(data["simulation"]["agents"] - 14) <= 1


def test_bad_scenario_gives_a_clear_error(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("id: x\nhorizon: 10\nskills: [a]\nagents: [{group: g, skills: {}}]\n")
    result = invoke("run", str(path))
    assert result.exit_code != 0
    assert f"{path}: agents[0].skills: an agent needs at least one skill" in result.output


def test_list_shows_shipped_scenarios():
    assert "blended_center" in invoke("list").output
