"""Overdue reminders by e-mail (queued through app.mail, sent after the commit) and
recertification of expired certificates. Run daily by `flask training remind`, or from
the cohorts page."""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.mail import MailError, queue_templated
from app.training.courses import get_course
from app.training.models import Certificate, Enrollment
from app.web import external_url

RECERTIFY_REASON = "Recertification"


def overdue_enrollments(today: date, user_ids: list[int] | None = None) -> list[Enrollment]:
    stmt = select(Enrollment).where(
        Enrollment.status == "active", Enrollment.due_date < today
    ).order_by(Enrollment.user_id, Enrollment.id)
    if user_ids is not None:
        stmt = stmt.where(Enrollment.user_id.in_(user_ids))
    return list(db.session.scalars(stmt))


def send_overdue_reminders(today: date | None = None, user_ids: list[int] | None = None) -> int:
    """E-mail each learner once a day about their overdue courses; returns mails queued."""
    today = today or date.today()
    by_user: dict[int, list[Enrollment]] = {}
    for e in overdue_enrollments(today, user_ids):
        if e.reminded_on != today and not e.user.disabled:
            by_user.setdefault(e.user_id, []).append(e)
    for items in by_user.values():
        user = items[0].user
        lines = []
        for e in items:
            course = get_course(e.course_uuid)
            reason = f" ({e.due_reason})" if e.due_reason else ""
            lines.append(f"{course.title if course else 'A course'}: due {e.due_date}{reason}")
            e.reminded_on = today
        link = _my_learning_link()
        try:
            queue_templated("training_reminder", user.email,
                            "Training overdue: please continue your courses",
                            ref=f"user:{user.id}", to_name=user.name, user=user,
                            lines=lines, link=link)
        except MailError as exc:
            current_app.logger.warning("training reminder for user %s not queued: %s",
                                       user.id, exc)
    db.session.flush()
    return len(by_user)


def renew_expired_certificates(today: date | None = None) -> list[Enrollment]:
    """Re-enroll learners whose certificate expired, due on the expiry date."""
    today = today or date.today()
    renewed = []
    certs = db.session.scalars(
        select(Certificate).where(Certificate.expires_on < today + timedelta(days=1))
        .order_by(Certificate.issued_on, Certificate.id)
    ).all()
    latest = {(c.user_id, c.course_uuid): c for c in certs if c.is_expired(today)}
    for (user_id, course_uuid), cert in latest.items():
        newer = _has_newer_enrollment(user_id, course_uuid, cert)
        if newer or get_course(course_uuid) is None:
            continue
        enrollment = Enrollment(user_id=user_id, course_uuid=course_uuid, status="active",
                                due_date=cert.expires_on, due_reason=RECERTIFY_REASON)
        db.session.add(enrollment)
        renewed.append(enrollment)
    db.session.flush()
    return renewed


def _has_newer_enrollment(user_id: int, course_uuid: str, cert: Certificate) -> bool:
    newest = db.session.scalar(
        select(Enrollment.id).where(
            Enrollment.user_id == user_id, Enrollment.course_uuid == course_uuid
        ).order_by(Enrollment.id.desc())
    )
    return newest is not None and newest != cert.enrollment_id


def _my_learning_link() -> str:
    return external_url("training.my_learning")
