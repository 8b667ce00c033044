"""Hiring records: openings, invitations, attempts and saved answers.

Attempt lifecycle (owned by the server): invited -> in_progress -> submitted | expired
-> scored. Terminal states never go back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship
from sqlalchemy.orm.attributes import set_committed_value

from app.extensions import db
from app.identity.models import User
from app.orm import TimestampMixin, utcnow

STAGES = ("invited", "expired", "started", "completed", "passed", "interview", "not_progressed",
          "hired")
STAGE_LABELS = {
    "invited": "Invited",
    "expired": "Expired",
    "started": "Started",
    "completed": "Completed",
    "passed": "Passed hurdle",
    "interview": "Interview",
    "not_progressed": "Not progressed",
    "hired": "Hired",
    "revoked": "Revoked",
}


class JobOpening(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(160))
    job_profile: Mapped[str] = mapped_column(String(120))
    recruiter_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="open")
    # The invitation e-mail's subject and opening paragraph; None means the default text.
    mail_subject: Mapped[str | None] = mapped_column(String(200))
    mail_intro: Mapped[str | None] = mapped_column(Text)

    recruiter: Mapped[User] = relationship()

    def visible_to(self, user: User) -> bool:
        return user.has_role("admin") or (
            user.has_role("recruiter") and self.recruiter_id == user.id
        )


class Invitation(TimestampMixin, db.Model):
    __table_args__ = (UniqueConstraint("opening_id", "candidate_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    opening_id: Mapped[int] = mapped_column(ForeignKey("job_opening.id"), index=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), index=True
    )
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Extra time as an exact fraction "num/den" (e.g. "3/2"); applied without rounding down.
    time_factor: Mapped[str] = mapped_column(String(12), default="1")
    accommodation_request: Mapped[str | None] = mapped_column(Text)
    consent_at: Mapped[datetime | None] = mapped_column(DateTime)
    review_requested_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision: Mapped[str | None] = mapped_column(String(20))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime)
    erasure_requested_at: Mapped[datetime | None] = mapped_column(DateTime)

    opening: Mapped[JobOpening] = relationship()
    candidate: Mapped[User] = relationship(foreign_keys=[candidate_id])
    attempt: Mapped[Attempt | None] = relationship(back_populates="invitation", uselist=False)

    def visible_to(self, user: User) -> bool:
        return self.opening.visible_to(user)

    @property
    def stage(self) -> str:
        if self.decision:
            return self.decision
        if self.revoked_at:
            return "revoked"
        attempt = self.attempt
        if attempt is None or attempt.status == "invited":
            return "expired" if self.expires_at <= utcnow() else "invited"
        if attempt.status == "in_progress":
            return "started"
        if attempt.status == "scored" and attempt.recommendation == "pass":
            return "passed"
        return "completed"


    @property
    def extra_time_pending(self) -> bool:
        """The candidate asked for an adjustment and the test has not started yet."""
        return bool(self.accommodation_request) and self.attempt is None and not self.revoked_at

    @property
    def is_open(self) -> bool:
        """Revoke, extend and grant time make sense only for a live invitation."""
        return not self.revoked_at and not self.decision


class Attempt(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(ForeignKey("invitation.id"), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="in_progress")
    end_reason: Mapped[str | None] = mapped_column(String(20))
    seed: Mapped[int] = mapped_column(Integer)
    allowed_seconds: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deadline_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    scored_at: Mapped[datetime | None] = mapped_column(DateTime)
    composite: Mapped[float | None] = mapped_column(Float)
    recommendation: Mapped[str | None] = mapped_column(String(20))
    score: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    flags: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)

    invitation: Mapped[Invitation] = relationship(back_populates="attempt")
    responses: Mapped[list[Response]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan"
    )
    work_ratings: Mapped[list[WorkSampleRating]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan", order_by="WorkSampleRating.id"
    )


class Response(db.Model):
    __table_args__ = (UniqueConstraint("attempt_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(80))
    value: Mapped[Any] = mapped_column(JSON)
    client_seq: Mapped[int] = mapped_column(Integer)
    elapsed_ms: Mapped[int | None] = mapped_column(Integer)
    saved_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    attempt: Mapped[Attempt] = relationship(back_populates="responses")


class WorkSampleRating(db.Model):
    """A recruiter's 1-5 rating of a work-sample reply. The latest one per item replaces
    the automatic score in the composite; earlier ones stay as the record."""

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempt.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[str] = mapped_column(String(80))
    overall: Mapped[int] = mapped_column(Integer)
    automatic: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    rated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    rated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    attempt: Mapped[Attempt] = relationship(back_populates="work_ratings")
    rated_by: Mapped[User | None] = relationship()


def select_invitations_for(user: User):
    stmt = select(Invitation).join(JobOpening).order_by(Invitation.created_at.desc())
    if not user.has_role("admin"):
        stmt = stmt.where(JobOpening.recruiter_id == user.id)
    return stmt


def select_openings_for(user: User):
    stmt = select(JobOpening).order_by(JobOpening.created_at.desc())
    if not user.has_role("admin"):
        stmt = stmt.where(JobOpening.recruiter_id == user.id)
    return stmt


def get_candidate_invitation(user: User) -> Invitation | None:
    """The candidate's current invitation (the newest one), with its attempt and opening
    loaded in the same query (this runs on every autosave)."""
    invitation = db.session.scalar(
        select(Invitation)
        .options(joinedload(Invitation.attempt), joinedload(Invitation.opening))
        .where(Invitation.candidate_id == user.id)
        .order_by(Invitation.created_at.desc())
        .limit(1)
    )
    if invitation is not None and invitation.attempt is not None:
        set_committed_value(invitation.attempt, "invitation", invitation)
    return invitation
