"""Practice data. Every table here lives in the `practice` bind (its own database or
schema), so a reporting role for live monitoring can be given no access to it at all.
User ids are plain integers: there is no foreign key across the wall."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.identity.models import Cohort, CohortMember
from app.orm import utcnow


class PracticeShift(db.Model):
    __bind_key__ = "practice"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, index=True)
    profile: Mapped[str] = mapped_column(String(60))
    seed: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="running")
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    sim_state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    responses: Mapped[list[PracticeResponse]] = relationship(
        back_populates="shift", cascade="all, delete-orphan", order_by="PracticeResponse.id"
    )

    def visible_to(self, user: Any) -> bool:
        """The learner, and the trainer of a cohort the learner belongs to (coaching)."""
        return self.user_id == user.id or (
            user.has_role("trainer") and coaches(user.id, self.user_id))


class PracticeResponse(db.Model):
    __bind_key__ = "practice"

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("practice_shift.id", ondelete="CASCADE"))
    contact_id: Mapped[str] = mapped_column(String(120))
    sim_contact_id: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text, default="")
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    transcript: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    rubric: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    model_grade: Mapped[float | None] = mapped_column(Float)
    model_version: Mapped[str | None] = mapped_column(String(40))
    feedback: Mapped[list[Any]] = mapped_column(JSON, default=list)
    handle_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    waited_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    in_order: Mapped[bool] = mapped_column(default=True)
    #: False when a fact decision sat near the scorer's threshold: a trainer should read it
    confident: Mapped[bool | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    shift: Mapped[PracticeShift] = relationship(back_populates="responses")

    def visible_to(self, user: Any) -> bool:
        return self.shift.visible_to(user)


class RatedExample(db.Model):
    """A trainer's rating of a written reply, on the criteria of the reply scorer."""

    __bind_key__ = "practice"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    ratings: Mapped[dict[str, int]] = mapped_column(JSON)
    overall: Mapped[int] = mapped_column(Integer)
    rater_id: Mapped[int | None] = mapped_column(Integer)
    #: the learner's reply this rating reviews (from the "not sure" queue), if any
    source_response_id: Mapped[int | None] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ScorerRefit(db.Model):
    """One refit of the overall grade from trainer ratings; the newest one in use applies."""

    __bind_key__ = "practice"

    id: Mapped[int] = mapped_column(primary_key=True)
    trained_by: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    n_examples: Mapped[int] = mapped_column(Integer)
    in_use: Mapped[bool] = mapped_column(default=False)
    params: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


def coaches(trainer_id: int, learner_id: int) -> bool:
    """Whether ``trainer_id`` leads a cohort that ``learner_id`` belongs to."""
    return db.session.scalar(
        select(CohortMember.user_id)
        .join(Cohort, Cohort.id == CohortMember.cohort_id)
        .where(Cohort.trainer_id == trainer_id, CohortMember.user_id == learner_id)
        .limit(1)
    ) is not None


def select_learner_ids(trainer_id: int):
    """Ids of the learners in the cohorts ``trainer_id`` leads."""
    return (
        select(CohortMember.user_id)
        .join(Cohort, Cohort.id == CohortMember.cohort_id)
        .where(Cohort.trainer_id == trainer_id)
        .distinct()
    )


def select_rated_examples():
    return select(RatedExample).order_by(RatedExample.id)


def select_shifts_for(user_id: int):
    return (
        select(PracticeShift)
        .where(PracticeShift.user_id == user_id)
        .order_by(PracticeShift.started_at.desc())
    )
