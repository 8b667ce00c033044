"""Agent metrics: CSV import (all rows valid or nothing saved) and team dashboards."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from app.csv_io import to_csv
from app.extensions import db
from app.identity.models import Team, User
from app.monitoring.models import AgentDayMetric, select_metrics, select_team_agents
from app.monitoring.services import qa_means, team_agents
from app.orm import utcnow
from app.reports.charts import line_chart

COLUMNS = ("email", "date", "handled", "aht_seconds", "fcr_pct", "csat_pct", "adherence_pct")
OPTIONAL = {"fcr_pct", "csat_pct", "adherence_pct"}
MAX_ROWS = 20_000


@dataclass(frozen=True)
class RowError:
    row: int  # line number in the file (header is line 1)
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.row}: {self.column}: {self.message}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _number(raw: str, low: float, high: float, whole: bool = False) -> float:
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise ValueError(f"{raw!r} is not {kind}") from None
    if not low <= value <= high or value != value:
        raise ValueError(f"{raw} is outside {low:g}–{high:g}")
    return value


def _parse_row(raw: dict[str, str], agents: dict[str, User], today: date) -> dict[str, Any]:
    """One CSV row to column values; raises _RowErrors naming every bad column."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    email = (raw.get("email") or "").strip().lower()
    if email not in agents:
        errors["email"] = f"no agent with the e-mail {email!r} in a team you supervise"
    else:
        values["user_id"] = agents[email].id
    try:
        day = date.fromisoformat((raw.get("date") or "").strip())
        if day > today:
            raise ValueError(f"{day} is in the future")
        values["day"] = day
    except ValueError as exc:
        errors["date"] = str(exc) if "future" in str(exc) else "expected a date as YYYY-MM-DD"
    limits = {"handled": (0, 10_000), "aht_seconds": (0, 86_400), "fcr_pct": (0, 100),
              "csat_pct": (0, 100), "adherence_pct": (0, 100)}
    for column, (low, high) in limits.items():
        text = (raw.get(column) or "").strip()
        if not text:
            if column in OPTIONAL:
                values[column] = None
            else:
                errors[column] = "is required"
            continue
        try:
            values[column] = _number(text, low, high, whole=column == "handled")
        except ValueError as exc:
            errors[column] = str(exc)
    if not errors and values["handled"] > 0 and values["aht_seconds"] == 0:
        errors["aht_seconds"] = "must be above 0 when contacts were handled"
    if errors:
        raise _RowErrors(errors)
    return values


class _RowErrors(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors


def import_metrics_csv(supervisor: User, text: str) -> ImportReport:
    """Validate every row; if all are valid, upsert one metric per agent and day."""
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        report.errors.append(RowError(1, ", ".join(missing), "missing column(s); expected "
                                      + ",".join(COLUMNS)))
        return report
    reader.fieldnames = header
    agents = {a.email.lower(): a for a in team_agents(supervisor)}
    today = utcnow().date()
    parsed: list[dict[str, Any]] = []
    seen: dict[tuple[int, date], int] = {}
    for number, raw in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            report.errors.append(RowError(number, "(file)", f"more than {MAX_ROWS} rows"))
            break
        try:
            values = _parse_row(raw, agents, today)
        except _RowErrors as exc:
            report.errors.extend(RowError(number, c, m) for c, m in exc.errors.items())
            continue
        key = (values["user_id"], values["day"])
        if key in seen:
            report.errors.append(RowError(number, "email, date", f"same agent and day as line "
                                                                 f"{seen[key]}"))
            continue
        seen[key] = number
        parsed.append(values)
    if not parsed and not report.errors:
        report.errors.append(RowError(2, "(file)", "no data rows"))
    if report.errors:
        return report
    _upsert(parsed, report)
    return report


def _upsert(rows: list[dict[str, Any]], report: ImportReport) -> None:
    existing = {
        (m.user_id, m.day): m
        for m in db.session.scalars(select(AgentDayMetric).where(
            AgentDayMetric.user_id.in_({r["user_id"] for r in rows}),
            AgentDayMetric.day.in_({r["day"] for r in rows})))
    }
    for values in rows:
        metric = existing.get((values["user_id"], values["day"]))
        if metric is None:
            db.session.add(AgentDayMetric(**values))
            report.created += 1
        else:
            for key, value in values.items():
                setattr(metric, key, value)
            metric.imported_at = utcnow()
            report.updated += 1
    db.session.flush()


def _weighted(pairs: list[tuple[float | None, int]]) -> float | None:
    used = [(v, w) for v, w in pairs if v is not None and w > 0]
    total = sum(w for _, w in used)
    return round(sum(v * w for v, w in used) / total, 1) if total else None


def _mean(values: list[float | None]) -> float | None:
    used = [v for v in values if v is not None]
    return round(sum(used) / len(used), 1) if used else None


def _summary(metrics: list[AgentDayMetric]) -> dict[str, Any]:
    return {
        "handled": sum(m.handled for m in metrics),
        "aht_seconds": _weighted([(m.aht_seconds, m.handled) for m in metrics]),
        "fcr_pct": _weighted([(m.fcr_pct, m.handled) for m in metrics]),
        "csat_pct": _mean([m.csat_pct for m in metrics]),
        "adherence_pct": _mean([m.adherence_pct for m in metrics]),
    }


def dashboard_period(team_id: int, days: int) -> tuple[date, date]:
    """The last `days` days ending on the team's latest metric day (or today)."""
    latest = db.session.scalar(
        select(func.max(AgentDayMetric.day)).join(User, User.id == AgentDayMetric.user_id)
        .where(User.team_id == team_id))
    end = min(latest or utcnow().date(), utcnow().date())
    return end - timedelta(days=days - 1), end


def team_dashboard(team: Team, days: int = 30) -> dict[str, Any]:
    """Per-day team trends and per-agent totals for the period: live data only."""
    start, end = dashboard_period(team.id, days)
    agents = [a for a in db.session.scalars(select_team_agents(team.id))
              if a.id != team.supervisor_id and a.has_role("employee")]
    ids = [a.id for a in agents]
    metrics = db.session.scalars(select_metrics(ids, start, end)).all() if ids else []
    by_day: dict[date, list[AgentDayMetric]] = {}
    by_agent: dict[int, list[AgentDayMetric]] = {}
    for m in metrics:
        by_day.setdefault(m.day, []).append(m)
        by_agent.setdefault(m.user_id, []).append(m)
    day_list = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    daily = [_summary(by_day.get(d, [])) for d in day_list]
    qa = qa_means(ids, start, end)
    rows = [{"agent_id": a.id, "agent": a.name, **_summary(by_agent.get(a.id, [])),
             "qa_mean": qa.get(a.id, (None, 0))[0], "evaluations": qa.get(a.id, (None, 0))[1]}
            for a in agents]
    return {"team": team.name, "team_id": team.id, "start": start, "end": end,
            "days": day_list, "daily": daily, "agents": rows, "total": _summary(metrics)}


def dashboard_charts(data: dict[str, Any]) -> dict[str, Any]:
    labels = [f"{d:%d %b}" for d in data["days"]]
    return {
        "aht": line_chart(labels, {"AHT (s)": [r["aht_seconds"] for r in data["daily"]]},
                          title=f"Average handling time, {data['team']}"),
        "rates": line_chart(
            labels,
            {"FCR %": [r["fcr_pct"] for r in data["daily"]],
             "CSAT %": [r["csat_pct"] for r in data["daily"]],
             "Adherence %": [r["adherence_pct"] for r in data["daily"]]},
            title=f"First-contact resolution, CSAT and adherence, {data['team']}", y_max=100,
        ),
        "volume": line_chart(labels, {"Handled": [r["handled"] or None for r in data["daily"]]},
                             title=f"Handled contacts per day, {data['team']}"),
    }


def dashboard_csv(data: dict[str, Any]) -> str:
    """Per-agent totals as CSV; cells are escaped against formula injection."""
    return to_csv(
        ["agent", "handled", "aht_seconds", "fcr_pct", "csat_pct", "adherence_pct", "qa_mean",
         "evaluations", "from", "to"],
        [[r["agent"], r["handled"], r["aht_seconds"], r["fcr_pct"], r["csat_pct"],
          r["adherence_pct"], r["qa_mean"], r["evaluations"], data["start"], data["end"]]
         for r in data["agents"]],
    )
