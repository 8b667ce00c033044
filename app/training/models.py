"""Training records: enrollments, step progress, check attempts, certificates,
rotations, training periods, blocked dates and xAPI statements.

Courses are referenced by the content document `uuid` (stable across renames) and
steps by a key `"<kind>:<ref>"` such as `"lesson:greeting"`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.identity.models import Team, User
from app.orm import utcnow

ENROLLMENT_STATUSES = ("active", "completed", "withdrawn")


class Enrollment(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    course_uuid: Mapped[str] = mapped_column(String(36), index=True)
    due_date: Mapped[date | None] = mapped_column(Date)
    due_reason: Mapped[str | None] = mapped_column(String(200))
    enrolled_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), default="active")
    enrolled_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime)
    reminded_on: Mapped[date | None] = mapped_column(Date)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    progress: Mapped[list[StepProgress]] = relationship(
        back_populates="enrollment", cascade="all, delete-orphan", lazy="selectin"
    )

    def visible_to(self, user: User) -> bool:
        """Only the learner opens an enrollment's steps; answers and scores are theirs."""
        return user.id == self.user_id

    @property
    def is_completed(self) -> bool:
        return self.status == "completed"

    def is_overdue(self, today: date) -> bool:
        return not self.is_completed and self.due_date is not None and self.due_date < today


class StepProgress(db.Model):
    __table_args__ = (UniqueConstraint("enrollment_id", "step_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(
        ForeignKey("enrollment.id", ondelete="CASCADE"), index=True
    )
    step_key: Mapped[str] = mapped_column(String(100))
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    enrollment: Mapped[Enrollment] = relationship(back_populates="progress")


class CheckAttempt(db.Model):
    """One submission of a knowledge check. Private to the learner."""

    id: Mapped[int] = mapped_column(primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(
        ForeignKey("enrollment.id", ondelete="CASCADE"), index=True
    )
    check_id: Mapped[str] = mapped_column(String(100))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    score: Mapped[float] = mapped_column(Float)
    passed: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    enrollment: Mapped[Enrollment] = relationship()

    def visible_to(self, user: User) -> bool:
        return user.id == self.enrollment.user_id


class Certificate(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    enrollment_id: Mapped[int | None] = mapped_column(
        ForeignKey("enrollment.id", ondelete="SET NULL")
    )
    course_uuid: Mapped[str] = mapped_column(String(36))
    course_title: Mapped[str] = mapped_column(String(300))
    issued_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)

    user: Mapped[User] = relationship()

    def visible_to(self, user: User) -> bool:
        return user.id == self.user_id

    def is_expired(self, today: date) -> bool:
        return self.expires_on is not None and self.expires_on < today


class Rotation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user: Mapped[User] = relationship()
    team: Mapped[Team | None] = relationship()


class TrainingPeriod(db.Model):
    """A span (inclusive) in which the employee is training, not working."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(120))
    source: Mapped[str] = mapped_column(String(20))
    rotation_id: Mapped[int | None] = mapped_column(
        ForeignKey("rotation.id", ondelete="CASCADE")
    )


class BlockedDate(db.Model):
    __table_args__ = (UniqueConstraint("user_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)


class XapiStatement(db.Model):
    """A learning event as an xAPI statement. `private` ones are never forwarded."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    actor: Mapped[dict[str, Any]] = mapped_column(JSON)
    verb: Mapped[str] = mapped_column(String(40))
    object: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    timestamp: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    forwarded_at: Mapped[datetime | None] = mapped_column(DateTime)
    forward_attempts: Mapped[int] = mapped_column(Integer, default=0)
    private: Mapped[bool] = mapped_column(Boolean, default=False)


def select_enrollments(user_id: int | None = None, course_uuid: str | None = None):
    stmt = select(Enrollment).order_by(Enrollment.enrolled_at, Enrollment.id)
    if user_id is not None:
        stmt = stmt.where(Enrollment.user_id == user_id)
    if course_uuid is not None:
        stmt = stmt.where(Enrollment.course_uuid == course_uuid)
    return stmt.where(Enrollment.status != "withdrawn")


def select_attempts(enrollment_id: int, check_id: str):
    return (
        select(CheckAttempt)
        .where(CheckAttempt.enrollment_id == enrollment_id, CheckAttempt.check_id == check_id)
        .order_by(CheckAttempt.created_at.desc(), CheckAttempt.id.desc())
    )


def select_periods(user_id: int):
    return select(TrainingPeriod).where(TrainingPeriod.user_id == user_id).order_by(
        TrainingPeriod.start
    )


def select_rotations(start: date | None = None, end: date | None = None):
    stmt = select(Rotation).order_by(Rotation.start, Rotation.team_id, Rotation.user_id)
    if start is not None:
        stmt = stmt.where(Rotation.end >= start)
    if end is not None:
        stmt = stmt.where(Rotation.start <= end)
    return stmt


def select_certificates(user_id: int):
    return select(Certificate).where(Certificate.user_id == user_id).order_by(
        Certificate.issued_on.desc(), Certificate.id.desc()
    )
