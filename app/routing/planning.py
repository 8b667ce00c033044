"""Staffing plan for a day of intervals, and a check of a given roster.

A forecast is CSV text with columns ``interval_start,channel,contacts`` (contacts per
interval). Each interval is sized as a stationary queue: the Erlang formula (C, or A when
a mean patience is given) and a simulation of the same queue in steady state, each giving
the fewest agents on the phones whose service level meets the target; ``scheduled`` is the
head count to roster once shrinkage (breaks, training, absence) is taken out:
``ceil(agents_sim / (1 - shrinkage))``. With a scenario, each interval's forecast replaces
the scenario's arrival rates and the whole blended center is scaled until every channel
meets its target. Times are seconds unless the name says otherwise.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.routing.erlang import erlang_a, erlang_c, staff_by_formula
from app.routing.runner import simulate
from app.routing.scenario import Scenario
from app.routing.schema import CHANNELS
from app.routing.staffing import mmc_scenario

PLAN_COLUMNS = ("interval_start", "channel", "contacts", "agents_formula", "agents_sim",
                "sl_formula", "sl_sim", "scheduled")
ROSTER_COLUMNS = ("interval_start", "channel", "contacts", "rostered", "on_phones",
                  "sl_formula", "sl_sim", "meets_target")


class ForecastError(ValueError):
    """A bad forecast or roster file; ``str()`` gives ``source: line N: field: message``."""

    def __init__(self, source: str, line: int, field: str, message: str) -> None:
        self.source, self.line, self.field, self.message = source, line, field, message
        super().__init__(f"{source}: line {line}: {field}: {message}")


@dataclass(frozen=True)
class ForecastRow:
    """Contacts expected on ``channel`` in the interval starting at ``label``."""

    label: str
    seconds: float
    channel: str
    contacts: float


@dataclass(frozen=True)
class Settings:
    """How to size an interval: minutes per interval, AHT and patience in seconds (no
    patience: Erlang C), service-level target and threshold, shrinkage share."""

    interval: int = 30
    aht: float = 180.0
    patience: float | None = None
    sl: float = 0.8
    threshold: float = 20.0
    shrinkage: float = 0.3
    seed: int = 1
    sim_contacts: int = 40_000


def _clock(text: str) -> float | None:
    """Seconds from midnight of ``HH:MM`` or an ISO date-time, or None."""
    for pattern in ("%H:%M", "%H:%M:%S"):
        try:
            moment = datetime.strptime(text, pattern)
            return moment.hour * 3600 + moment.minute * 60 + moment.second
        except ValueError:
            pass
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment.hour * 3600 + moment.minute * 60 + moment.second


def _rows(text: str, source: str, needed: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in needed if c not in header]
    if missing:
        raise ForecastError(source, 1, "header", f"missing column(s) {', '.join(missing)} "
                            f"(need {','.join(needed)})")
    reader.fieldnames = header
    rows = [(reader.line_num, {k: (v or "").strip() for k, v in row.items() if k})
            for row in reader]
    if not rows:
        raise ForecastError(source, 2, "(file)", "no data rows")
    return rows


def parse_forecast(text: str, source: str = "forecast.csv") -> list[ForecastRow]:
    """Validate forecast CSV text; every bad row is reported with its line number."""
    result, seen = [], set()
    for line, row in _rows(text, source, ("interval_start", "channel", "contacts")):
        seconds = _clock(row["interval_start"])
        if seconds is None:
            raise ForecastError(source, line, "interval_start",
                                f"{row['interval_start']!r} is not HH:MM or an ISO date-time")
        if row["channel"] not in CHANNELS:
            raise ForecastError(source, line, "channel", f"unknown channel {row['channel']!r} "
                                f"(known: {', '.join(CHANNELS)})")
        try:
            contacts = float(row["contacts"])
        except ValueError:
            contacts = math.nan
        if not math.isfinite(contacts) or contacts < 0:
            raise ForecastError(source, line, "contacts",
                                f"{row['contacts']!r} is not a non-negative number")
        key = (row["interval_start"], row["channel"])
        if key in seen:
            raise ForecastError(source, line, "interval_start",
                                f"{key[0]} {key[1]} appears twice")
        seen.add(key)
        contacts = int(contacts) if contacts.is_integer() else contacts
        result.append(ForecastRow(row["interval_start"], seconds, row["channel"], contacts))
    return result


def _per_hour(contacts: float, settings: Settings) -> float:
    return contacts * 60.0 / settings.interval


def formula(per_hour: float, agents: int, settings: Settings) -> float:
    """Service level of ``agents`` by Erlang C (or A with patience)."""
    if agents <= 0:
        return 0.0
    if settings.patience is None:
        return erlang_c(per_hour, settings.aht, agents, settings.threshold).service_level
    return erlang_a(per_hour, settings.aht, agents, settings.patience,
                    settings.threshold).service_level


def simulated(per_hour: float, agents: int, settings: Settings) -> float:
    """Steady-state simulated service level of ``agents`` on a stationary queue."""
    if agents <= 0:
        return 0.0
    hours = max(8.0, settings.sim_contacts / per_hour)
    scenario = mmc_scenario(per_hour, settings.aht, agents, settings.patience, hours=hours,
                            warmup=3600, sl_seconds=settings.threshold, sl_target=settings.sl)
    return simulate(scenario, settings.seed).metrics["overall"]["service_level"] or 0.0


def smallest(meets: Callable[[int], bool], start: int) -> int:
    """Fewest agents meeting the target, searching up or down from ``start``."""
    n = max(1, start)
    if meets(n):
        while n > 1 and meets(n - 1):
            n -= 1
        return n
    while not meets(n + 1):
        n += 1
    return n + 1


def size_interval(row: ForecastRow, settings: Settings) -> dict[str, Any]:
    """One output row of the plan (see ``PLAN_COLUMNS``)."""
    out: dict[str, Any] = {"interval_start": row.label, "channel": row.channel,
                           "contacts": row.contacts}
    if row.contacts <= 0:
        return out | {"agents_formula": 0, "agents_sim": 0, "sl_formula": None,
                      "sl_sim": None, "scheduled": 0}
    per_hour = _per_hour(row.contacts, settings)
    best = staff_by_formula(per_hour, settings.aht, settings.sl, settings.threshold,
                            settings.patience)
    cache: dict[int, float] = {}

    def meets(n: int) -> bool:
        if n not in cache:
            cache[n] = simulated(per_hour, n, settings)
        return cache[n] >= settings.sl

    agents_sim = smallest(meets, best.agents)
    return out | {"agents_formula": best.agents, "agents_sim": agents_sim,
                  "sl_formula": best.service_level, "sl_sim": cache[agents_sim],
                  "scheduled": math.ceil(agents_sim / (1 - settings.shrinkage) - 1e-9)}


def _interval_scenario(scenario: Scenario, rows: list[ForecastRow], settings: Settings,
                       total: int) -> Scenario:
    """``scenario`` run stationary at this interval's forecast with ``total`` agents split
    over the groups in the scenario's proportions."""
    by_channel = {r.channel: _per_hour(r.contacts, settings) for r in rows}
    weight: dict[str, float] = {}
    for s in scenario.streams:
        base = s.rate_per_hour if s.rate_per_hour is not None else (
            sum(s.rates_per_hour) / len(s.rates_per_hour))
        weight[s.channel] = weight.get(s.channel, 0.0) + base
    streams = []
    for s in scenario.streams:
        data = s.model_dump(mode="json", exclude_none=True)
        data.pop("rates_per_hour", None)
        base = s.rate_per_hour if s.rate_per_hour is not None else (
            sum(s.rates_per_hour) / len(s.rates_per_hour))
        share = base / weight[s.channel] if weight[s.channel] else 0.0
        data["rate_per_hour"] = by_channel.get(s.channel, 0.0) * share
        streams.append(data)
    counts = [g.count for g in scenario.agents]
    scale = total / max(1, sum(counts))
    agent_counts = {g.group: max(0, round(g.count * scale)) for g in scenario.agents}
    horizon = 8 * 3600.0
    return scenario.with_changes(agent_counts=agent_counts, streams=streams,
                                 horizon=horizon, warmup=3600.0, interval=horizon,
                                 max_contacts=None, shrinkage=0.0)


def size_by_scenario(rows: list[ForecastRow], scenario: Scenario,
                     settings: Settings) -> list[dict[str, Any]]:
    """Rows of one interval sized together: the fewest total agents (split like the
    scenario's groups) with every forecast channel at or above its target."""
    live = [r for r in rows if r.contacts > 0]
    cache: dict[int, dict[str, Any]] = {}

    def by_channel(total: int) -> dict[str, Any]:
        if total not in cache:
            run = simulate(_interval_scenario(scenario, rows, settings, total), settings.seed)
            cache[total] = run.metrics["by_channel"]
        return cache[total]

    def meets(total: int) -> bool:
        found = by_channel(total)
        return all((found.get(r.channel, {}).get("service_level") or 0.0)
                   >= scenario.target(r.channel) for r in live)

    guess = sum(staff_by_formula(_per_hour(r.contacts, settings), settings.aht, settings.sl,
                                 settings.threshold, settings.patience).agents for r in live)
    total = smallest(meets, guess) if live else 0
    out = []
    for r in rows:
        row = size_interval(r, settings)
        sl = by_channel(total).get(r.channel, {}).get("service_level") if total else None
        out.append(row | {"agents_sim": total, "sl_sim": sl, "scheduled": math.ceil(
            total / (1 - settings.shrinkage) - 1e-9)})
    return out


def plan(forecast: list[ForecastRow], settings: Settings, scenario: Scenario | None = None,
         progress: Callable[[int, int], None] | None = None) -> list[dict[str, Any]]:
    """The staffing plan, one row per interval and channel in forecast order."""
    if scenario is None:
        result = []
        for k, row in enumerate(forecast):
            result.append(size_interval(row, settings))
            if progress is not None:
                progress(k + 1, len(forecast))
        return result
    groups: dict[str, list[ForecastRow]] = {}
    for row in forecast:
        groups.setdefault(row.label, []).append(row)
    sized: dict[tuple[str, str], dict[str, Any]] = {}
    for k, (label, rows) in enumerate(groups.items()):
        for out in size_by_scenario(rows, scenario, settings):
            sized[(label, out["channel"])] = out
        if progress is not None:
            progress(k + 1, len(groups))
    return [sized[(r.label, r.channel)] for r in forecast]


@dataclass(frozen=True)
class RosterShift:
    """``agents`` on duty from ``start`` to ``end`` seconds after midnight on ``channel``
    (empty: every channel of a one-channel forecast)."""

    start: float
    end: float
    agents: int
    channel: str


def parse_roster(text: str, source: str = "roster.csv") -> list[RosterShift]:
    """Validate roster CSV text (``start,end,agents`` and optional ``channel``)."""
    result = []
    for line, row in _rows(text, source, ("start", "end", "agents")):
        start, end = _clock(row["start"]), _clock(row["end"])
        if start is None:
            raise ForecastError(source, line, "start", f"{row['start']!r} is not HH:MM")
        if end is None:
            raise ForecastError(source, line, "end", f"{row['end']!r} is not HH:MM")
        if end <= start:
            raise ForecastError(source, line, "end", "a shift must end after it starts")
        if not row["agents"].isdigit():
            raise ForecastError(source, line, "agents",
                                f"{row['agents']!r} is not a whole number")
        channel = row.get("channel", "")
        if channel and channel not in CHANNELS:
            raise ForecastError(source, line, "channel", f"unknown channel {channel!r}")
        result.append(RosterShift(start, end, int(row["agents"]), channel))
    return result


def check_roster(forecast: list[ForecastRow], shifts: list[RosterShift],
                 settings: Settings) -> list[dict[str, Any]]:
    """Service level per interval and channel with the agents the roster puts on duty
    for the whole interval, less shrinkage (see ``ROSTER_COLUMNS``)."""
    channels = {r.channel for r in forecast}
    if len(channels) > 1 and any(not s.channel for s in shifts):
        raise ForecastError("roster", 1, "channel",
                            "needed on every shift when the forecast has several channels")
    length = settings.interval * 60
    result = []
    for row in forecast:
        rostered = sum(s.agents for s in shifts
                       if s.start <= row.seconds and s.end >= row.seconds + length
                       and s.channel in ("", row.channel))
        on = math.floor(rostered * (1 - settings.shrinkage) + 1e-9)
        out = {"interval_start": row.label, "channel": row.channel,
               "contacts": row.contacts, "rostered": rostered, "on_phones": on}
        if row.contacts <= 0:
            result.append(out | {"sl_formula": None, "sl_sim": None, "meets_target": True})
            continue
        per_hour = _per_hour(row.contacts, settings)
        sl_f, sl_s = formula(per_hour, on, settings), simulated(per_hour, on, settings)
        result.append(out | {"sl_formula": sl_f, "sl_sim": sl_s,
                             "meets_target": sl_s >= settings.sl})
    return result
