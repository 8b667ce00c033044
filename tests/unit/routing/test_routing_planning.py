"""Staffing plan per interval: Erlang formula, simulation, shrinkage, roster check."""

import csv
import io

import pytest
from click.testing import CliRunner

from app.routing import erlang_a, erlang_c, load_scenario
from app.routing.cli import routing_cli
from app.routing.planning import (
    PLAN_COLUMNS,
    ForecastError,
    Settings,
    check_roster,
    parse_forecast,
    parse_roster,
    plan,
)

FORECAST = """interval_start,channel,contacts
08:00,phone,120
08:30,phone,450
09:00,phone,0
"""


def smallest_by_formula(per_hour, aht, target, seconds, patience):
    n = 1
    while True:
        m = (erlang_c(per_hour, aht, n, seconds) if patience is None
             else erlang_a(per_hour, aht, n, patience, seconds))
        if m.service_level >= target:
            return n
        n += 1


@pytest.mark.parametrize("patience", [None, 120.0])
def test_stationary_intervals_formula_and_simulation_agree(patience):
    settings = Settings(interval=30, aht=240, patience=patience, sl=0.8, threshold=20,
                        shrinkage=0.3)
    rows = plan(parse_forecast(FORECAST), settings)
    assert [r["interval_start"] for r in rows] == ["08:00", "08:30", "09:00"]
    for row, contacts in zip(rows[:2], (120, 450), strict=True):
        expected = smallest_by_formula(contacts * 2, 240, 0.8, 20, patience)
        assert row["agents_formula"] == expected
        assert abs(row["agents_sim"] - expected) <= 1
        assert row["sl_sim"] >= 0.8 and row["sl_formula"] >= 0.8
        assert row["scheduled"] == -(-row["agents_sim"] * 10 // 7)
    assert rows[2]["agents_formula"] == rows[2]["agents_sim"] == rows[2]["scheduled"] == 0


@pytest.mark.parametrize("text, message", [
    ("interval_start,channel\n08:00,phone\n", "f.csv: line 1: header: missing column(s) "
                                              "contacts"),
    ("interval_start,channel,contacts\n08:00,phone,3\n08:30,pigeon,4\n",
     "f.csv: line 3: channel: unknown channel 'pigeon'"),
    ("interval_start,channel,contacts\n08:00,phone,3\n08:30,phone,-1\n",
     "f.csv: line 3: contacts: '-1' is not a non-negative number"),
    ("interval_start,channel,contacts\n08:00,phone,3\n\n8 o'clock,phone,4\n",
     "f.csv: line 4: interval_start: \"8 o'clock\" is not HH:MM"),
    ("interval_start,channel,contacts\n08:00,phone,3\n08:00,phone,4\n",
     "f.csv: line 3: interval_start: 08:00 phone appears twice"),
    ("interval_start,channel,contacts\n", "f.csv: line 2: (file): no data rows"),
])
def test_bad_forecast_rows_name_their_line(text, message):
    with pytest.raises(ForecastError) as caught:
        parse_forecast(text, "f.csv")
    assert str(caught.value).startswith(message)


def test_plan_command_prints_the_documented_columns(tmp_path):
    path = tmp_path / "forecast.csv"
    path.write_text(FORECAST + "08:00,chat,40\n")
    result = CliRunner().invoke(routing_cli, [
        "plan", str(path), "--interval", "30", "--aht", "240", "--patience", "120",
        "--sl", "0.8", "--threshold", "20", "--shrinkage", "0.25", "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == PLAN_COLUMNS
    assert [(r["interval_start"], r["channel"]) for r in rows] == [
        ("08:00", "phone"), ("08:30", "phone"), ("09:00", "phone"), ("08:00", "chat")]
    assert int(rows[1]["scheduled"]) == -(-int(rows[1]["agents_sim"]) * 4 // 3)


def test_plan_command_reports_a_bad_file(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("interval_start,channel,contacts\n08:00,phone,many\n")
    result = CliRunner().invoke(routing_cli, ["plan", str(path)])
    assert result.exit_code == 1
    assert f"{path}: line 2: contacts: 'many' is not a non-negative number" in result.output


def test_roster_check_shows_service_level_per_interval():
    forecast = parse_forecast(FORECAST)
    settings = Settings(aht=240, shrinkage=0.2)
    roster = parse_roster("start,end,agents\n08:00,09:00,30\n08:30,12:00,70\n")
    rows = check_roster(forecast, roster, settings)
    assert [r["rostered"] for r in rows] == [30, 100, 70]
    assert [r["on_phones"] for r in rows] == [24, 80, 56]
    assert rows[0]["meets_target"] and rows[1]["meets_target"]
    thin = check_roster(forecast, parse_roster("start,end,agents\n08:00,12:00,20\n"),
                        settings)
    assert not thin[1]["meets_target"] and thin[1]["sl_sim"] < rows[1]["sl_sim"]
    with pytest.raises(ForecastError, match="r.csv: line 2: end: a shift must end after"):
        parse_roster("start,end,agents\n09:00,08:00,3\n", "r.csv")


def test_plan_by_scenario_sizes_the_blended_center():
    scenario = load_scenario("helpdesk")
    forecast = parse_forecast("interval_start,channel,contacts\n"
                              "08:00,phone,20\n08:00,chat,15\n08:00,email,5\n")
    rows = plan(forecast, Settings(aht=300, shrinkage=0.3), scenario)
    totals = {r["agents_sim"] for r in rows}
    assert len(totals) == 1 and totals.pop() > 0
    for row in rows:
        assert row["sl_sim"] >= scenario.target(row["channel"])
