"""Demo training data: the demo employee is enrolled in onboarding with the first
lesson done, has a customer-service rotation (and so a training period) planned three
weeks ahead, and is enrolled in any skills course due before a product launch.
No training period covers today, so the monitoring demo may record live evaluations.
Idempotent; flush only."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.extensions import db
from app.identity.models import User
from app.training import services
from app.training.courses import list_courses
from app.training.models import Rotation
from app.training.planner import Assignment, Plan, monday_of
from app.training.rotations import save_plan


def seed(users: dict[str, User]) -> list[tuple[str, str, str]]:
    employee = users.get("employee")
    if employee is None:
        return []
    due = date.today() + timedelta(weeks=2)
    enrollments = [services.enroll(employee, course, due, "Onboarding")
                   for course in list_courses("onboarding")]
    for enrollment in enrollments:
        course = services.require_course(enrollment.course_uuid)
        first = course.steps[0]
        if first.kind != "check" and first.key not in services.done_keys(enrollment):
            services.open_step(employee, enrollment, course, first.key)
            services.complete_step(employee, enrollment, course, first.key)
    launch = monday_of(date.today()) + timedelta(weeks=6)
    for course in list_courses("skills"):
        services.enroll(employee, course, launch, "Before the spring product launch",
                        users.get("trainer"))
    has_rotation = db.session.scalar(select(Rotation.id).where(Rotation.user_id == employee.id))
    if not has_rotation and employee.team_id is not None:
        start = monday_of(date.today()) + timedelta(weeks=3)
        save_plan(Plan((Assignment(employee.id, employee.team_id, start,
                                   start + timedelta(days=4)),), (), (start,), 1))
    db.session.flush()
    return []
