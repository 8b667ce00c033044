"""Per-user API tokens (hashed at rest, scoped to one role) and PDF report batches."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Text, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.identity.models import User
from app.orm import utcnow

ACTIVE = ("queued", "running")


class ApiToken(db.Model):
    """A bearer token acting for one user with the rights of one of the user's roles.
    Only the SHA-256 digest is stored; the raw token is shown once, at creation."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)

    user: Mapped[User] = relationship(lazy="joined")

    def visible_to(self, user: Any) -> bool:
        return self.user_id == user.id

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class ReportBatch(db.Model):
    """A background job that renders the PDF report of every finished candidate of an
    opening into one ZIP archive."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    # No foreign key: job_opening belongs to the hiring migration branch.
    opening_id: Mapped[int] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(20), default="queued")
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    archive: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)

    def visible_to(self, user: Any) -> bool:
        return self.user_id == user.id


def select_tokens(user_id: int):
    return select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.created_at.desc())


def count_active_batches(user_id: int) -> int:
    return db.session.scalar(
        select(func.count(ReportBatch.id)).where(
            ReportBatch.user_id == user_id, ReportBatch.status.in_(ACTIVE)
        )
    ) or 0
