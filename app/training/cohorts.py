"""Trainer views of cohorts: progress per learner (percent and done/due/overdue), never
check answers, scores or attempts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.identity.models import Cohort, User, select_cohort_members
from app.training.courses import get_course
from app.training.models import Enrollment
from app.training.services import done_keys


@dataclass(frozen=True)
class LearnerRow:
    user: User
    course_title: str
    percent: int
    status: str  # done | due | overdue
    due_date: date | None
    due_reason: str | None


def cohorts_for(user: User) -> list[Cohort]:
    stmt = select(Cohort).order_by(Cohort.name)
    if not user.has_role("admin"):
        stmt = stmt.where(Cohort.trainer_id == user.id)
    return list(db.session.scalars(stmt))


def cohort_progress(cohort: Cohort, today: date | None = None) -> list[LearnerRow]:
    today = today or date.today()
    rows = []
    for member in db.session.scalars(select_cohort_members(cohort.id)):
        enrollments = db.session.scalars(
            select(Enrollment).where(Enrollment.user_id == member.id,
                                     Enrollment.status != "withdrawn").order_by(Enrollment.id)
        ).all()
        latest = {e.course_uuid: e for e in enrollments}
        if not latest:
            rows.append(LearnerRow(member, "", 0, "none", None, None))
        for e in latest.values():
            course = get_course(e.course_uuid)
            if course is None:
                continue
            total = len(course.steps)
            done = len(done_keys(e) & {s.key for s in course.steps})
            status = "done" if e.is_completed else "overdue" if e.is_overdue(today) else "due"
            percent = 100 if e.is_completed else round(100 * done / total) if total else 0
            rows.append(LearnerRow(member, course.title, percent, status, e.due_date,
                                   e.due_reason))
    return rows


def cohort_member_ids(cohort: Cohort) -> list[int]:
    return [u.id for u in db.session.scalars(select_cohort_members(cohort.id))]


def people_for_completion(user: User) -> list[User]:
    """Whose completion `user` may see: HR and admins all employees, a supervisor the
    employees of the teams they supervise."""
    from app.identity.models import Team
    from app.training.rotations import select_employees

    stmt = select_employees()
    if not user.has_role("admin", "recruiter"):
        team_ids = select(Team.id).where(Team.supervisor_id == user.id)
        stmt = stmt.where(User.team_id.in_(team_ids))
    return list(db.session.scalars(stmt))
