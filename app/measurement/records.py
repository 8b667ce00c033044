"""Scored hiring attempts as plain records for the analyses, and who may see which profile.

Only hiring data are read here (attempts, responses, decisions); nothing from practice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.hiring.catalog import current_catalog
from app.hiring.models import Attempt, Invitation, JobOpening
from app.hiring.work_sample import with_stored_overall
from app.identity.models import User
from app.measurement.models import (
    PurgedInvitation,
    SelfIdentification,
    select_self_identifications,
)


@dataclass(frozen=True)
class ScoredRecord:
    """One scored attempt: its stored score, answers and the recruiter's decision."""

    invitation_id: int
    attempt_id: int
    candidate_id: int
    profile_id: str
    scored_at: datetime
    score: dict[str, Any]
    answers: dict[str, Any]
    decision: str | None
    decided_at: datetime | None
    purged: bool

    @property
    def composite(self) -> Fraction | None:
        """The exact composite as stored by the scorer (None when incomplete). Model-scored
        (Thurstonian) attempts store no exact fraction; their composite, rounded to two
        decimals as stored, is used."""
        hurdle = self.score["hurdle"]
        exact = hurdle.get("composite_exact")
        if exact is not None:
            return Fraction(exact)
        if (self.score.get("scoring") == "thurstonian" and hurdle["decision"] != "incomplete"
                and hurdle.get("composite") is not None):
            return Fraction(str(hurdle["composite"]))
        return None

    @property
    def minimums_met(self) -> bool:
        return not self.score["hurdle"]["failed_minimums"]

    def passes(self, cut: Fraction) -> bool:
        """Whether the hurdle is passed at ``cut`` (same rule as the scorer)."""
        composite = self.composite
        return composite is not None and composite >= cut and self.minimums_met

    def t_scores(self) -> dict[str, float | None]:
        return {t["id"]: t["t_score"] for t in self.score["traits"]}


def visible_profiles(user: User) -> list[str]:
    """Job profiles whose statistics `user` may see: all for admins, otherwise the
    profiles of the recruiter's own openings."""
    loaded = sorted(current_catalog().job_profiles)
    if user.has_role("admin"):
        return loaded
    mine = set(db.session.scalars(
        select(JobOpening.job_profile).where(JobOpening.recruiter_id == user.id)))
    return [p for p in loaded if p in mine]


def scored_records(profile_ids: list[str], start: date | None = None,
                   end: date | None = None) -> list[ScoredRecord]:
    """Every scored attempt of openings using one of `profile_ids`, oldest first;
    `start`/`end` (inclusive days) filter on the scoring date."""
    stmt = (
        select(Attempt).join(Invitation, Attempt.invitation_id == Invitation.id)
        .join(JobOpening, Invitation.opening_id == JobOpening.id)
        .where(Attempt.status == "scored", JobOpening.job_profile.in_(profile_ids))
        .options(selectinload(Attempt.responses), selectinload(Attempt.invitation)
                 .selectinload(Invitation.opening))
        .order_by(Attempt.scored_at, Attempt.id)
    )
    if start is not None:
        stmt = stmt.where(Attempt.scored_at >= datetime.combine(start, datetime.min.time()))
    if end is not None:
        stmt = stmt.where(Attempt.scored_at <= datetime.combine(end, datetime.max.time()))
    attempts = db.session.scalars(stmt).all()
    purged = set(db.session.scalars(select(PurgedInvitation.invitation_id).where(
        PurgedInvitation.invitation_id.in_([a.invitation_id for a in attempts]))))
    return [
        ScoredRecord(
            invitation_id=a.invitation_id, attempt_id=a.id,
            candidate_id=a.invitation.candidate_id, profile_id=a.invitation.opening.job_profile,
            scored_at=a.scored_at, score=a.score,
            answers=with_stored_overall(a.score, {r.item_id: r.value for r in a.responses}),
            decision=a.invitation.decision, decided_at=a.invitation.decided_at,
            purged=a.invitation_id in purged,
        )
        for a in attempts if a.score
    ]


def self_identifications(records: list[ScoredRecord]) -> dict[int, SelfIdentification]:
    """Self-identification by invitation id, for aggregate tables only."""
    ids = [r.invitation_id for r in records]
    if not ids:
        return {}
    return {s.invitation_id: s for s in db.session.scalars(select_self_identifications(ids))}
