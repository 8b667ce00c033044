"""The rotation planner on a company of 500 employees in 12 departments."""

import random
from collections import Counter
from datetime import date, timedelta

import pytest

from app.training.planner import (
    Employee,
    TeamSeats,
    minimum_weeks,
    monday_of,
    plan_rotations,
)

START = date(2027, 1, 6)  # a Wednesday: planning starts on that week's Monday
DEPARTMENTS = [f"Dept {i:02d}" for i in range(12)]
TEAMS = [TeamSeats(team_id=t, seats_per_week=4) for t in (1, 2, 3)]  # 12 seats a week


def company(seed: int = 7, n: int = 500, blocked_share: float = 0.3) -> list[Employee]:
    rng = random.Random(seed)
    first = monday_of(START)
    people = []
    for i in range(n):
        blocked = set()
        if rng.random() < blocked_share:  # holidays: one or two spans of 3-10 days
            for _ in range(rng.randint(1, 2)):
                day = first + timedelta(days=rng.randint(0, 330))
                blocked.update(day + timedelta(days=d) for d in range(rng.randint(3, 10)))
        people.append(Employee(i + 1, DEPARTMENTS[i % 12], frozenset(blocked)))
    return people


def check_constraints(plan, employees, teams, max_per_department=None):
    by_id = {e.id: e for e in employees}
    ids = [a.employee_id for a in plan.assignments]
    assert len(ids) == len(set(ids)), "someone rotates twice in one plan"
    assert set(ids) | set(plan.unplaced) == set(by_id)
    seats = {t.team_id: t.seats_per_week for t in teams}
    per_team_week = Counter((a.team_id, a.start) for a in plan.assignments)
    assert all(n <= seats[team] for (team, _), n in per_team_week.items())
    for a in plan.assignments:
        assert a.start.weekday() == 0 and (a.end - a.start).days == 4
        assert a.start in plan.week_starts
        assert not any(a.start <= d <= a.end for d in by_id[a.employee_id].blocked)
    if max_per_department is not None:
        per_dept = Counter((by_id[a.employee_id].department, a.start) for a in plan.assignments)
        assert max(per_dept.values()) <= max_per_department


def test_everyone_rotates_within_the_horizon_and_every_constraint_holds():
    employees = company()
    needed = minimum_weeks(len(employees), TEAMS)
    assert needed == 42
    horizon = 52
    plan = plan_rotations(employees, TEAMS, START, horizon, max_per_department=2)
    check_constraints(plan, employees, TEAMS, max_per_department=2)
    assert plan.unplaced == ()
    assert len(plan.assignments) == 500
    print(f"\n500 employees, 12 departments, 12 seats/week: horizon needed "
          f"{plan.weeks_used} weeks (lower bound {needed}), window {horizon}")
    assert needed <= plan.weeks_used <= horizon


def test_without_blocked_dates_the_plan_needs_exactly_the_lower_bound():
    employees = company(blocked_share=0.0)
    plan = plan_rotations(employees, TEAMS, START, 60)
    check_constraints(plan, employees, TEAMS)
    assert plan.weeks_used == minimum_weeks(500, TEAMS) and not plan.unplaced


def test_too_short_a_window_reports_who_is_left():
    employees = company()
    plan = plan_rotations(employees, TEAMS, START, 10)
    check_constraints(plan, employees, TEAMS)
    assert len(plan.assignments) == 120 and len(plan.unplaced) == 380


def test_no_one_twice_before_everyone_once():
    fresh = [Employee(i, "Sales") for i in range(1, 6)]
    veterans = [Employee(i, "Sales", past_rotations=1) for i in range(6, 11)]
    blocked_first_week = Employee(11, "IT", frozenset({monday_of(START)}))
    employees = veterans + fresh + [blocked_first_week]
    plan = plan_rotations(employees, [TeamSeats(1, 3)], START, 6)
    check_constraints(plan, employees, [TeamSeats(1, 3)])
    week = {a.employee_id: plan.week_starts.index(a.start) for a in plan.assignments}
    last_fresh = max(week[e.id] for e in fresh + [blocked_first_week])
    assert all(week[v.id] >= last_fresh for v in veterans if v.id in week)
    # in week 0 a seat stays empty rather than go to a veteran while #11 still waits
    assert sum(1 for w in week.values() if w == 0) == 3
    assert week[11] >= 1


def test_an_employee_blocked_every_week_is_reported_not_placed():
    always = Employee(1, "Sales", frozenset(monday_of(START) + timedelta(days=d)
                                            for d in range(0, 28)))
    plan = plan_rotations([always, Employee(2, "IT")], [TeamSeats(1, 1)], START, 4)
    assert plan.unplaced == (1,) and [a.employee_id for a in plan.assignments] == [2]


def test_the_plan_is_deterministic():
    employees = company(seed=3)
    assert plan_rotations(employees, TEAMS, START, 52) == plan_rotations(
        list(reversed(employees)), TEAMS, START, 52)


@pytest.mark.parametrize("kwargs, message", [
    ({"weeks": 0}, "at least one week"),
    ({"rotation_days": 9}, "1 to 7 days"),
    ({"max_per_department": 0}, "at least 1"),
])
def test_bad_settings_are_refused_with_a_clear_message(kwargs, message):
    args = {"employees": [Employee(1, "A")], "teams": TEAMS, "start": START, "weeks": 4}
    with pytest.raises(ValueError, match=message):
        plan_rotations(**(args | kwargs))


def test_duplicate_employees_are_refused():
    with pytest.raises(ValueError, match="listed twice"):
        plan_rotations([Employee(1, "A"), Employee(1, "B")], TEAMS, START, 4)
