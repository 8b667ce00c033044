"""Background jobs started from the simulation lab."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.orm import utcnow

ACTIVE = ("queued", "running")


class SimulationJob(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="queued")
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=1)
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)

    def visible_to(self, user: Any) -> bool:
        return self.user_id == user.id

    @property
    def percent(self) -> int:
        return round(100 * self.done / max(self.total, 1))


def count_active_jobs(user_id: int) -> int:
    return db.session.scalar(
        select(func.count(SimulationJob.id)).where(
            SimulationJob.user_id == user_id, SimulationJob.status.in_(ACTIVE)
        )
    ) or 0


def select_recent_jobs(user_id: int):
    return (
        select(SimulationJob).where(SimulationJob.user_id == user_id)
        .order_by(SimulationJob.created_at.desc()).limit(10)
    )
