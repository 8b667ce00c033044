"""Command line: ``python -m app.routing run|compare|staff|list`` (also ``flask routing``).

A SCENARIO argument is a YAML path or the name of a shipped scenario (e.g. ``helpdesk``).
Progress goes to stderr; tables, JSON and CSV go to stdout.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from app.routing.erlang import staff_by_formula
from app.routing.policies import POLICIES
from app.routing.runner import compare, replicate
from app.routing.scenario import Scenario, ScenarioError, list_shipped_scenarios, load_scenario
from app.routing.staffing import mmc_scenario, staff_by_simulation

COLUMNS = ("offered", "answered", "abandoned", "service_level", "asa", "wait_p90",
           "abandon_rate", "aht")


def _scenario(value: str) -> Scenario:
    try:
        return load_scenario(value)
    except ScenarioError as exc:
        raise click.ClickException(str(exc)) from None


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[int, int], None]]:
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        seen = [0]

        def update(done: int, _total: int) -> None:
            bar.update(done - seen[0])
            seen[0] = done

        yield update


def _value(cell: Any) -> Any:
    return cell["mean"] if isinstance(cell, dict) and "mean" in cell else cell


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def _table(header: list[str], rows: list[list[Any]]) -> str:
    cells = [header] + [[_fmt(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = ["  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in
                       enumerate(zip(row, widths, strict=True))) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _breakdown_rows(summary: dict[str, Any]) -> list[list[Any]]:
    rows = [["overall"] + [_value(summary["overall"].get(c)) for c in COLUMNS]]
    for section in ("by_channel", "by_skill", "by_tier"):
        for name, block in summary[section].items():
            rows.append([f"{section[3:]}:{name}"] + [_value(block.get(c)) for c in COLUMNS])
    return rows


@click.group(name="routing")
def routing_cli() -> None:
    """Contact-center routing simulator."""


@routing_cli.command("list")
def list_command() -> None:
    """List the shipped example scenarios."""
    for name in list_shipped_scenarios():
        scenario = load_scenario(name)
        click.echo(f"{name:<16} {scenario.total_agents:>4} agents  {scenario.name}")


@routing_cli.command("run")
@click.argument("scenario")
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--replications", "-r", default=1, show_default=True, type=click.IntRange(1))
@click.option("--policy", type=click.Choice(sorted(POLICIES)), help="override the scenario's")
@click.option("--json", "as_json", is_flag=True, help="print the full summary as JSON")
@click.option("--csv", "as_csv", is_flag=True, help="print one CSV row per breakdown")
def run_command(scenario: str, seed: int, replications: int, policy: str | None,
                as_json: bool, as_csv: bool) -> None:
    """Simulate SCENARIO and print service level, ASA, abandonment and more."""
    loaded = _scenario(scenario)
    with _progress(replications, "simulating") as progress:
        summary = replicate(loaded, seed, replications, policy, progress).to_dict()
    if as_json:
        click.echo(json.dumps(summary, indent=2))
        return
    rows = _breakdown_rows(summary)
    if as_csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(["breakdown", *COLUMNS])
        writer.writerows(rows)
        return
    click.echo(f"{loaded.id}: policy {summary['policy']}, seed {seed}, "
               f"{replications} replication(s); means shown")
    click.echo(_table(["breakdown", *COLUMNS], rows))
    for name, group in summary["by_group"].items():
        click.echo(f"occupancy {name}: {_fmt(_value(group['occupancy']))}")
    email = summary["overall"].get("email")
    if email:
        click.echo(f"e-mail promises kept: {_fmt(_value(email['promises_kept']))}")


@routing_cli.command("compare")
@click.argument("scenario")
@click.option("--policies", default=",".join(POLICIES), show_default=True,
              help="comma-separated policy names")
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--replications", "-r", default=3, show_default=True, type=click.IntRange(1))
@click.option("--json", "as_json", is_flag=True)
def compare_command(scenario: str, policies: str, seed: int, replications: int,
                    as_json: bool) -> None:
    """Run several policies on the same arrivals and show them side by side."""
    names = [p.strip() for p in policies.split(",") if p.strip()]
    unknown = [p for p in names if p not in POLICIES]
    if unknown:
        raise click.BadParameter(f"unknown policy {unknown}", param_hint="--policies")
    loaded = _scenario(scenario)
    with _progress(len(names) * replications, "simulating") as progress:
        result = compare(loaded, names, seed, replications, progress)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    rows = []
    for metric in COLUMNS:
        rows.append([metric] + [_value(result["policies"][p]["overall"].get(metric))
                                for p in names])
    for tier in ("premium", "enhanced", "basic"):
        rows.append([f"SL {tier}"] + [
            _value(result["policies"][p]["by_tier"].get(tier, {}).get("service_level"))
            for p in names])
    click.echo(_table(["metric", *names], rows))


@routing_cli.command("staff")
@click.argument("scenario", required=False)
@click.option("--calls-per-hour", type=float, default=900, show_default=True)
@click.option("--aht", type=float, default=180, show_default=True, help="seconds")
@click.option("--patience", type=float, help="mean patience in seconds (Erlang A)")
@click.option("--target", type=float, default=0.8, show_default=True)
@click.option("--seconds", type=float, default=20, show_default=True, help="answer within")
@click.option("--group", help="agent group to staff (scenario mode)")
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--replications", "-r", default=3, show_default=True, type=click.IntRange(1))
@click.option("--json", "as_json", is_flag=True)
def staff_command(scenario: str | None, calls_per_hour: float, aht: float,
                  patience: float | None, target: float, seconds: float, group: str | None,
                  seed: int, replications: int, as_json: bool) -> None:
    """How many agents for TARGET answered within SECONDS? Formula and simulation.

    Without SCENARIO, a single queue with Poisson arrivals and exponential handle times."""
    result: dict[str, Any] = {"target": target, "seconds": seconds}
    if scenario is None:
        formula = staff_by_formula(calls_per_hour, aht, target, seconds, patience)
        result["formula"] = formula.to_dict()
        loaded = mmc_scenario(calls_per_hour, aht, formula.agents, patience, hours=48,
                              sl_seconds=seconds, sl_target=target)
    else:
        loaded = _scenario(scenario).with_changes(
            service_level={"seconds": seconds, "target": target})
    try:
        result["simulation"] = staff_by_simulation(loaded, seed, group, target, replications)
    except ScenarioError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    if "formula" in result:
        f = result["formula"]
        model = "Erlang A" if patience else "Erlang C"
        click.echo(f"{model}: {f['agents']} agents (SL {f['service_level']:.3f}, "
                   f"ASA {f['asa']:.1f} s, abandon {f['abandon']:.3f})")
    s = result["simulation"]
    click.echo(f"simulation: {s['agents']} agents in {s['group']} "
               f"(SL {s['service_level']:.3f}, ASA {s['asa']:.1f} s, "
               f"abandon {s['abandon_rate']:.3f}; {replications} replications)")


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read()
    except OSError as exc:
        raise click.ClickException(f"{path}: (file): {exc.strerror}") from None


@routing_cli.command("plan")
@click.argument("forecast", type=click.Path(dir_okay=False))
@click.option("--interval", "minutes", default=30, show_default=True,
              type=click.IntRange(1, 1440), help="minutes per forecast interval")
@click.option("--aht", type=click.FloatRange(min=0, min_open=True), default=180,
              show_default=True, help="mean handle time, seconds")
@click.option("--patience", type=click.FloatRange(min=0, min_open=True),
              help="mean patience, seconds (omit for Erlang C)")
@click.option("--sl", type=click.FloatRange(0, 1, min_open=True), default=0.8,
              show_default=True, help="service-level target")
@click.option("--threshold", type=click.FloatRange(min=0, min_open=True), default=20,
              show_default=True, help="answer within, seconds")
@click.option("--shrinkage", type=click.FloatRange(0, 1, max_open=True), default=0.3,
              show_default=True, help="share of scheduled time off the phones")
@click.option("--scenario", help="size a blended, multi-skill center by simulating it")
@click.option("--roster", type=click.Path(dir_okay=False),
              help="shifts CSV (start,end,agents[,channel]): check it instead")
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--csv", "as_csv", is_flag=True, help="print CSV")
def plan_command(forecast: str, minutes: int, aht: float, patience: float | None, sl: float,
                 threshold: float, shrinkage: float, scenario: str | None,
                 roster: str | None, seed: int, as_csv: bool) -> None:
    """Agents needed per interval and channel for FORECAST.csv
    (interval_start,channel,contacts), by Erlang formula and by simulation."""
    from app.routing import planning

    settings = planning.Settings(minutes, aht, patience, sl, threshold, shrinkage, seed)
    try:
        rows = planning.parse_forecast(_read(forecast), forecast)
        loaded = _scenario(scenario) if scenario else None
        if roster:
            shifts = planning.parse_roster(_read(roster), roster)
            columns = planning.ROSTER_COLUMNS
            with _progress(1, "checking") as progress:
                result = planning.check_roster(rows, shifts, settings)
                progress(1, 1)
        else:
            columns = planning.PLAN_COLUMNS
            with _progress(len(rows), "sizing") as progress:
                result = planning.plan(rows, settings, loaded, progress)
    except planning.ForecastError as exc:
        raise click.ClickException(str(exc)) from None
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_csv(r[c]) for c in columns] for r in result])
        return
    click.echo(_table(list(columns), [[r[c] for c in columns] for r in result]))


def _csv(value: Any) -> Any:
    if value is None:
        return ""
    return round(value, 4) if isinstance(value, float) else value
