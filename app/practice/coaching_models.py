"""Coaching data behind the wall: trainers' comments on practice attempts, and the
hand-ins (text and an optional file) of a course's hand-in activities with the trainer's
feedback. Every table lives in the `practice` bind; user and enrollment ids are plain
integers (no foreign key across the wall)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.orm import utcnow
from app.practice.models import PracticeResponse, coaches

HANDIN_STATES = ("submitted", "feedback", "completed")


class PracticeComment(db.Model):
    """A trainer's coaching comment on one practice attempt; the learner and its author
    see it, nobody else."""

    __bind_key__ = "practice"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("practice_response.id", ondelete="CASCADE"), index=True)
    learner_id: Mapped[int] = mapped_column(Integer, index=True)
    author_id: Mapped[int] = mapped_column(Integer, index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    response: Mapped[PracticeResponse] = relationship()

    def visible_to(self, user: Any) -> bool:
        return user.id in (self.learner_id, self.author_id)


class HandIn(db.Model):
    """A learner's hand-in for one hand-in step of an enrollment:
    submitted → feedback (the learner may revise) → completed (by the trainer, final)."""

    __bind_key__ = "practice"
    __tablename__ = "practice_hand_in"
    __table_args__ = (UniqueConstraint("enrollment_id", "step_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(Integer, index=True)
    enrollment_id: Mapped[int] = mapped_column(Integer)
    course_uuid: Mapped[str] = mapped_column(String(36))
    step_key: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="submitted")
    submitted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    feedback: Mapped[str | None] = mapped_column(Text)
    trainer_id: Mapped[int | None] = mapped_column(Integer)
    feedback_at: Mapped[datetime | None] = mapped_column(DateTime)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime)

    file: Mapped[HandInFile | None] = relationship(
        back_populates="hand_in", cascade="all, delete-orphan", uselist=False)

    @property
    def completed(self) -> bool:
        return self.status == "completed"

    def visible_to(self, user: Any) -> bool:
        """The learner, and the trainer of a cohort the learner belongs to."""
        return self.learner_id == user.id or (
            user.has_role("trainer") and coaches(user.id, self.learner_id))


class HandInFile(db.Model):
    """The file attached to a hand-in, kept as a BLOB beside it (one per hand-in)."""

    __bind_key__ = "practice"
    __tablename__ = "practice_hand_in_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    hand_in_id: Mapped[int] = mapped_column(
        ForeignKey("practice_hand_in.id", ondelete="CASCADE"), unique=True)
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    hand_in: Mapped[HandIn] = relationship(back_populates="file")


def select_comments_for(learner_id: int):
    """Comments on the learner's attempts, newest first."""
    return (select(PracticeComment).where(PracticeComment.learner_id == learner_id)
            .order_by(PracticeComment.created_at.desc(), PracticeComment.id.desc()))


def select_comments_on(response_id: int, viewer_id: int):
    """Comments on one attempt that ``viewer_id`` may read (learner or author)."""
    return (select(PracticeComment)
            .where(PracticeComment.response_id == response_id,
                   (PracticeComment.learner_id == viewer_id)
                   | (PracticeComment.author_id == viewer_id))
            .order_by(PracticeComment.created_at, PracticeComment.id))


def select_handins_of(learner_ids: list[int]):
    """Hand-ins of these learners: waiting for feedback first, then the newest."""
    waiting = HandIn.status == "submitted"
    return (select(HandIn).where(HandIn.learner_id.in_(learner_ids))
            .order_by(waiting.desc(), HandIn.submitted_at.desc()))


def get_handin(enrollment_id: int, step_key: str) -> HandIn | None:
    return db.session.scalar(select(HandIn).where(HandIn.enrollment_id == enrollment_id,
                                                  HandIn.step_key == step_key))
