"""Customer-service rotation planner: a pure function, plain data in and out (no DB).

Every employee, whatever their department, spends one rotation (a working week,
`rotation_days` long, starting on the Monday of a planning week) with a
customer-service team. Constraints:

- each team takes at most `seats_per_week` rotating employees per week;
- no employee is planned twice in one plan, and nobody gets a further rotation before
  everyone placeable has had as many: only employees of the lowest `past_rotations`
  round that can still be placed are eligible in a week;
- a rotation never covers one of the employee's blocked dates;
- optionally, at most `max_per_department` employees of one department rotate in the
  same week, so no department is emptied.

Greedy, week by week, most-constrained employee first (fewest remaining feasible
weeks), ties by id: deterministic.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Employee:
    id: int
    department: str
    blocked: frozenset[date] = frozenset()
    past_rotations: int = 0


@dataclass(frozen=True)
class TeamSeats:
    team_id: int
    seats_per_week: int


@dataclass(frozen=True)
class Assignment:
    employee_id: int
    team_id: int
    start: date
    end: date  # inclusive


@dataclass(frozen=True)
class Plan:
    assignments: tuple[Assignment, ...]
    unplaced: tuple[int, ...]
    week_starts: tuple[date, ...]
    weeks_used: int = field(default=0)

    def by_week(self) -> dict[date, list[Assignment]]:
        out: dict[date, list[Assignment]] = {w: [] for w in self.week_starts}
        for a in self.assignments:
            out[a.start].append(a)
        return out


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _window(week_start: date, rotation_days: int) -> tuple[date, date]:
    return week_start, week_start + timedelta(days=rotation_days - 1)


def _feasible(emp: Employee, start: date, end: date) -> bool:
    return not any(start <= d <= end for d in emp.blocked)


def plan_rotations(
    employees: list[Employee],
    teams: list[TeamSeats],
    start: date,
    weeks: int,
    rotation_days: int = 5,
    max_per_department: int | None = None,
) -> Plan:
    """Plan one rotation per employee within `weeks` weeks from the Monday of `start`.

    Returns the assignments (sorted by start, team, employee) and the ids of employees
    who could not be placed within the horizon.
    """
    if weeks < 1:
        raise ValueError("the planning horizon needs at least one week")
    if not 1 <= rotation_days <= 7:
        raise ValueError("a rotation lasts 1 to 7 days")
    if any(t.seats_per_week < 0 for t in teams):
        raise ValueError("seats per week cannot be negative")
    if max_per_department is not None and max_per_department < 1:
        raise ValueError("the per-department limit must be at least 1")
    if len({e.id for e in employees}) != len(employees):
        raise ValueError("an employee is listed twice")
    first = monday_of(start)
    week_starts = tuple(first + timedelta(weeks=w) for w in range(weeks))
    windows = [_window(w, rotation_days) for w in week_starts]
    feasible_weeks = {
        e.id: [i for i, (a, b) in enumerate(windows) if _feasible(e, a, b)] for e in employees
    }
    unplaced = {e.id: e for e in employees}
    assignments: list[Assignment] = []
    weeks_used = 0
    for wi, (a, b) in enumerate(windows):
        placeable = [e for e in unplaced.values() if any(w >= wi for w in feasible_weeks[e.id])]
        if not placeable:
            break
        round_ = min(e.past_rotations for e in placeable)
        candidates = sorted(
            (e for e in placeable if e.past_rotations == round_ and wi in feasible_weeks[e.id]),
            key=lambda e: (sum(1 for w in feasible_weeks[e.id] if w >= wi), e.id),
        )
        seats = {t.team_id: t.seats_per_week for t in teams}
        per_dept: Counter[str] = Counter()
        for emp in candidates:
            if not any(seats.values()):
                break
            if max_per_department is not None and per_dept[emp.department] >= max_per_department:
                continue
            team_id = max(seats, key=lambda t: (seats[t], -t))
            seats[team_id] -= 1
            per_dept[emp.department] += 1
            assignments.append(Assignment(emp.id, team_id, a, b))
            del unplaced[emp.id]
            weeks_used = wi + 1
    assignments.sort(key=lambda x: (x.start, x.team_id, x.employee_id))
    return Plan(tuple(assignments), tuple(sorted(unplaced)), week_starts, weeks_used)


def minimum_weeks(n_employees: int, teams: list[TeamSeats]) -> int | None:
    """The fewest weeks the seats allow for everyone once (None without seats)."""
    seats = sum(t.seats_per_week for t in teams)
    return None if seats == 0 else -(-n_employees // seats)
