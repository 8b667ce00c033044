"""What other slices may know about training: training periods and completion status.

Monitoring uses `in_training_period` to refuse live evaluations during training, and
`completion_status_for` is all supervisors and HR see: done / due / overdue, never
scores, attempts, timings, answers or counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy import select

from app.extensions import db
from app.training.courses import get_course
from app.training.models import Certificate, Enrollment, TrainingPeriod, select_periods

CompletionStatus = Literal["done", "due", "overdue"]


@dataclass(frozen=True)
class TrainingPeriodView:
    start: date
    end: date  # inclusive
    reason: str


@dataclass(frozen=True)
class CompletionView:
    course_title: str
    status: CompletionStatus
    due_date: date | None
    completed_on: date | None


def training_periods_for(user_id: int) -> list[TrainingPeriodView]:
    rows = db.session.scalars(select_periods(user_id))
    return [TrainingPeriodView(r.start, r.end, r.reason) for r in rows]


def in_training_period(user_id: int, day: date) -> TrainingPeriodView | None:
    """The training period covering `day` (first and last day included), or None."""
    row = db.session.scalar(
        select_periods(user_id).where(TrainingPeriod.start <= day, TrainingPeriod.end >= day)
    )
    return TrainingPeriodView(row.start, row.end, row.reason) if row is not None else None


def _today() -> date:
    return date.today()


def completion_view(enrollment: Enrollment, title: str, today: date,
                    certificate: Certificate | None = None) -> CompletionView:
    completed_on = enrollment.completed_at.date() if enrollment.completed_at else None
    if enrollment.is_completed:
        if certificate is not None and certificate.is_expired(today):
            return CompletionView(title, "overdue", certificate.expires_on, completed_on)
        return CompletionView(title, "done", enrollment.due_date, completed_on)
    status: CompletionStatus = "overdue" if enrollment.is_overdue(today) else "due"
    return CompletionView(title, status, enrollment.due_date, None)


def completion_status_for(
    user_ids: list[int], today: date | None = None
) -> dict[int, list[CompletionView]]:
    """Per user, one line per enrolled course: done / due / overdue (nothing else)."""
    today = today or _today()
    out: dict[int, list[CompletionView]] = {uid: [] for uid in user_ids}
    if not user_ids:
        return out
    enrollments = db.session.scalars(
        select(Enrollment)
        .where(Enrollment.user_id.in_(user_ids), Enrollment.status != "withdrawn")
        .order_by(Enrollment.enrolled_at, Enrollment.id)
    ).all()
    certificates = {
        (c.user_id, c.course_uuid): c
        for c in db.session.scalars(
            select(Certificate)
            .where(Certificate.user_id.in_(user_ids))
            .order_by(Certificate.issued_on, Certificate.id)
        )
    }
    latest = {(e.user_id, e.course_uuid): e for e in enrollments}  # recertification wins
    titles: dict[str, str] = {}
    for e in latest.values():
        if e.course_uuid not in titles:
            course = get_course(e.course_uuid)
            titles[e.course_uuid] = course.title if course else "Retired course"
        cert = certificates.get((e.user_id, e.course_uuid))
        out[e.user_id].append(completion_view(e, titles[e.course_uuid], today, cert))
    return out
