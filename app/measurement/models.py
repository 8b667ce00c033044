"""Measurement records: voluntary self-identification, logged decisions, purge marks.

Self-identification is keyed by invitation id only and holds no score; it is read only
in aggregate (selection-rate tables), never shown per person. The invitation id is a
plain indexed integer (the invitation table belongs to the hiring slice's migration).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.identity.models import User
from app.orm import TimestampMixin, utcnow

PREFER_NOT = "prefer_not"
DIMENSIONS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "sex": ("Sex", (("female", "Female"), ("male", "Male"), ("another", "Another sex"))),
    "race_ethnicity": ("Race / ethnicity", (
        ("hispanic_latino", "Hispanic or Latino"), ("white", "White"),
        ("black", "Black or African American"), ("asian", "Asian"),
        ("pacific_islander", "Native Hawaiian or Pacific Islander"),
        ("american_indian", "American Indian or Alaska Native"),
        ("two_or_more", "Two or more races"))),
    "age_band": ("Age band", (("under_25", "Under 25"), ("25_39", "25–39"),
                              ("40_54", "40–54"), ("55_plus", "55 and over"))),
    "disability": ("Disability", (("yes", "Has a disability"), ("no", "No disability"))),
}


class SelfIdentification(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(Integer, unique=True)
    sex: Mapped[str | None] = mapped_column(String(30))
    race_ethnicity: Mapped[str | None] = mapped_column(String(30))
    age_band: Mapped[str | None] = mapped_column(String(30))
    disability: Mapped[str | None] = mapped_column(String(30))
    research_consent: Mapped[bool] = mapped_column(Boolean, default=False)

    def group(self, dimension: str) -> str | None:
        """The answered group, or None for unanswered and 'prefer not to say'."""
        value = getattr(self, dimension)
        return None if value in (None, "", PREFER_NOT) else value


class MeasurementDecision(db.Model):
    """A logged what-if that someone chose to keep: a cut score, weights or norm change,
    with the YAML for authors to commit to assessments/ and the impact seen first."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(120))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    summary: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    filename: Mapped[str] = mapped_column(String(160))
    yaml_text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user: Mapped[User | None] = relationship()

    def visible_to(self, user: User) -> bool:
        return user.has_role("admin") or self.user_id == user.id


class PurgedInvitation(db.Model):
    """Marks an invitation whose candidate data were deleted under the retention rule."""

    invitation_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    purged_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


def get_self_identification(invitation_id: int) -> SelfIdentification | None:
    return db.session.scalar(
        select(SelfIdentification).where(SelfIdentification.invitation_id == invitation_id)
    )


def select_self_identifications(invitation_ids: list[int]):
    return select(SelfIdentification).where(SelfIdentification.invitation_id.in_(invitation_ids))


def select_decisions_for(user: User):
    stmt = select(MeasurementDecision).order_by(MeasurementDecision.created_at.desc())
    if not user.has_role("admin"):
        stmt = stmt.where(MeasurementDecision.user_id == user.id)
    return stmt
