"""The tryout of one attempt, stored with the hiring data (never in the practice bind).

``state`` holds the seed, the simulator's inputs and action log, the conversations and
the replies (``app.hiring.tryout.shift``); ``version`` moves by one per accepted action,
through one conditional update, so two tabs or a retried request cannot both apply.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.hiring.models import Attempt
from app.orm import utcnow


class TryoutRun(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempt.id", ondelete="CASCADE"), unique=True)
    section_id: Mapped[str] = mapped_column(String(80))
    form_id: Mapped[str] = mapped_column(String(80))
    seed: Mapped[int] = mapped_column(Integer)
    time_factor: Mapped[str] = mapped_column(String(12), default="1")
    version: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    wall_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    attempt: Mapped[Attempt] = relationship()


def run_of(attempt: Attempt) -> TryoutRun | None:
    return db.session.scalar(select(TryoutRun).where(TryoutRun.attempt_id == attempt.id))
