"""Rotation planning against the database: gather employees, run the pure planner,
save the plan as rotations plus training periods, and export it as CSV."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.identity.models import Team, User, UserRole
from app.training.courses import list_courses
from app.training.models import BlockedDate, Rotation, TrainingPeriod, select_rotations
from app.training.planner import Employee, Plan, TeamSeats, monday_of, plan_rotations

ROTATION_REASON = "Customer-service rotation"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class PlanRequest:
    start: date
    weeks: int
    seats_per_week: int
    team_ids: tuple[int, ...]
    max_per_department: int | None = None


def select_employees():
    return (
        select(User)
        .join(UserRole)
        .where(UserRole.role == "employee", User.disabled.is_(False))
        .order_by(User.name)
    )


def planner_employees(start: date) -> list[Employee]:
    """Active employees who are due a rotation: not those with a rotation planned or
    under way, nor those whose last rotation is still valid (the rotation course's
    certificate validity; without one, a rotation counts for good)."""
    scheduled = select(Rotation.user_id)
    valid_days = next((c.valid_days for c in list_courses("rotation") if c.valid_days), None)
    if valid_days:
        scheduled = scheduled.where(Rotation.end >= start - timedelta(days=valid_days))
    users = db.session.scalars(select_employees().where(User.id.not_in(scheduled))).all()
    blocked: dict[int, set[date]] = {}
    for row in db.session.scalars(select(BlockedDate)):
        blocked.setdefault(row.user_id, set()).add(row.day)
    counts = select(Rotation.user_id, func.count()).group_by(Rotation.user_id)
    past = Counter(dict(db.session.execute(counts).all()))
    return [
        Employee(u.id, u.department or "Unassigned", frozenset(blocked.get(u.id, ())), past[u.id])
        for u in users
    ]


class PlanError(ValueError):
    """Plan settings that cannot work; the message is fit to show."""


def make_plan(request: PlanRequest, today: date | None = None) -> Plan:
    """Plan from the database. The window may not start in a week already past."""
    if monday_of(request.start) < monday_of(today or date.today()):
        raise PlanError("The first week of the plan is in the past; choose a later date.")
    teams = [TeamSeats(t, request.seats_per_week) for t in request.team_ids]
    return plan_rotations(
        planner_employees(monday_of(request.start)), teams, request.start, request.weeks,
        max_per_department=request.max_per_department,
    )


def save_plan(plan: Plan) -> list[Rotation]:
    """Store each assignment as a rotation and a training period (flush only)."""
    rotations = []
    for a in plan.assignments:
        rotation = Rotation(user_id=a.employee_id, team_id=a.team_id, start=a.start, end=a.end)
        db.session.add(rotation)
        db.session.flush()
        db.session.add(TrainingPeriod(
            user_id=a.employee_id, start=a.start, end=a.end, reason=ROTATION_REASON,
            source="rotation", rotation_id=rotation.id,
        ))
        rotations.append(rotation)
    db.session.flush()
    return rotations


@dataclass(frozen=True)
class CalendarWeek:
    start: date
    cells: dict[int | None, list[Rotation]]


def calendar(start: date, weeks: int) -> tuple[list[Team], list[CalendarWeek]]:
    """Saved rotations as a weeks x teams grid from the Monday of `start`."""
    first = monday_of(start)
    last = first + timedelta(weeks=weeks) - timedelta(days=1)
    rows = db.session.scalars(select_rotations(first, last)).all()
    teams = db.session.scalars(select(Team).order_by(Team.name)).all()
    out = []
    for w in range(weeks):
        week = first + timedelta(weeks=w)
        cells: dict[int | None, list[Rotation]] = {t.id: [] for t in teams}
        for r in rows:
            if monday_of(r.start) == week:
                cells.setdefault(r.team_id, []).append(r)
        out.append(CalendarWeek(week, cells))
    return teams, out


def csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def rotations_csv(start: date | None = None, end: date | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["employee", "email", "department", "team", "start", "end"])
    for r in db.session.scalars(select_rotations(start, end)):
        writer.writerow([csv_cell(v) for v in (
            r.user.name, r.user.email, r.user.department, r.team.name if r.team else "",
            r.start.isoformat(), r.end.isoformat(),
        )])
    return buffer.getvalue()
