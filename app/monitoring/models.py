"""Live evaluations, calibration sessions and daily agent metrics.

Nothing here refers to practice or training data: monitoring holds live work only.
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
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.identity.models import Team, User
from app.orm import utcnow

STATUSES = ("recorded", "acknowledged", "disputed", "resolved")


def supervises(user: Any, team_id: int | None) -> bool:
    """True when `user` is a supervisor and leads the team `team_id`."""
    if team_id is None or not user.has_role("supervisor"):
        return False
    return db.session.scalar(select(Team.supervisor_id).where(Team.id == team_id)) == user.id


class Evaluation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    evaluator_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("team.id", ondelete="SET NULL"), index=True
    )
    contact_ref: Mapped[str] = mapped_column(String(80))
    channel: Mapped[str] = mapped_column(String(10))
    contact_date: Mapped[date] = mapped_column(Date, index=True)
    scorecard_id: Mapped[str] = mapped_column(String(60))
    scorecard: Mapped[dict[str, Any]] = mapped_column(JSON)  # snapshot as scored
    answers: Mapped[dict[str, str]] = mapped_column(JSON)
    notes: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # per criterion
    comment: Mapped[str] = mapped_column(Text, default="")
    score: Mapped[float | None] = mapped_column(Float)
    auto_failed: Mapped[bool] = mapped_column(Boolean, default=False)
    section_scores: Mapped[dict[str, float | None]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="recorded")
    agent_reply: Mapped[str] = mapped_column(Text, default="")
    replied_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolution: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    agent: Mapped[User] = relationship(foreign_keys=[agent_id])
    evaluator: Mapped[User | None] = relationship(foreign_keys=[evaluator_id])
    team: Mapped[Team | None] = relationship()

    def visible_to(self, user: Any) -> bool:
        """The agent evaluated, and the supervisor of the team it was recorded in."""
        return user.id == self.agent_id or supervises(user, self.team_id)

    @property
    def passed(self) -> bool:
        return self.score is not None and self.score >= self.scorecard.get("pass_mark", 0)


class CalibrationSession(db.Model):
    """Several supervisors score the same contact; nobody is evaluated by it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    contact_ref: Mapped[str] = mapped_column(String(80))
    channel: Mapped[str] = mapped_column(String(10))
    contact_date: Mapped[date] = mapped_column(Date)
    scorecard_id: Mapped[str] = mapped_column(String(60))
    scorecard: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    created_by: Mapped[User | None] = relationship()
    ratings: Mapped[list[CalibrationRating]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="CalibrationRating.id"
    )

    def rating_of(self, user_id: int) -> CalibrationRating | None:
        return next((r for r in self.ratings if r.rater_id == user_id), None)

    def visible_to(self, user: Any) -> bool:
        return user.has_role("supervisor") and self.rating_of(user.id) is not None


class CalibrationRating(db.Model):
    """A participant of a calibration session; answers are empty until submitted."""

    __table_args__ = (UniqueConstraint("session_id", "rater_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("calibration_session.id", ondelete="CASCADE"), index=True
    )
    rater_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    answers: Mapped[dict[str, str] | None] = mapped_column(JSON)
    score: Mapped[float | None] = mapped_column(Float)
    auto_failed: Mapped[bool] = mapped_column(Boolean, default=False)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)

    session: Mapped[CalibrationSession] = relationship(back_populates="ratings")
    rater: Mapped[User] = relationship()


class AgentDayMetric(db.Model):
    """Operational figures of one agent on one day, imported from the telephony/CRM."""

    __table_args__ = (UniqueConstraint("user_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    handled: Mapped[int] = mapped_column(Integer)
    aht_seconds: Mapped[float] = mapped_column(Float)
    fcr_pct: Mapped[float | None] = mapped_column(Float)
    csat_pct: Mapped[float | None] = mapped_column(Float)
    adherence_pct: Mapped[float | None] = mapped_column(Float)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


def select_team_agents(team_id: int):
    return select(User).where(User.team_id == team_id, User.disabled.is_(False)).order_by(User.name)


def select_supervised_teams(user_id: int):
    return select(Team).where(Team.supervisor_id == user_id).order_by(Team.name)


def select_evaluations_for(agent_id: int):
    return (
        select(Evaluation)
        .where(Evaluation.agent_id == agent_id)
        .order_by(Evaluation.contact_date.desc(), Evaluation.id.desc())
    )


def select_team_evaluations(team_id: int):
    return (
        select(Evaluation)
        .where(Evaluation.team_id == team_id)
        .order_by(Evaluation.contact_date.desc(), Evaluation.id.desc())
    )


def select_metrics(user_ids: list[int], start: date, end: date):
    return (
        select(AgentDayMetric)
        .where(AgentDayMetric.user_id.in_(user_ids), AgentDayMetric.day.between(start, end))
        .order_by(AgentDayMetric.day, AgentDayMetric.user_id)
    )


def select_calibrations_for(user_id: int):
    return (
        select(CalibrationSession)
        .join(CalibrationRating)
        .where(CalibrationRating.rater_id == user_id)
        .order_by(CalibrationSession.created_at.desc())
    )
