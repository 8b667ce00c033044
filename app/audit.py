"""Audit trail: who viewed what sensitive record, and every denied access attempt."""

from __future__ import annotations

from datetime import datetime

from flask import request
from flask_login import current_user
from sqlalchemy import DateTime, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.orm import utcnow, write_transactions


class AuditEvent(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(200))
    path: Mapped[str] = mapped_column(String(300))


def record(action: str, subject: str, commit: bool = False) -> None:
    """Add an audit row. Denials commit at once, because the request is about to fail
    and would otherwise roll the row back; so do views on a GET, which otherwise only
    reads: the row is then written in a transaction of its own, begun to write (see
    app.orm.writing)."""
    user_id = current_user.id if current_user and current_user.is_authenticated else None
    event = AuditEvent(user_id=user_id, action=action, subject=subject[:200],
                       path=request.path[:300])
    if not commit:
        db.session.add(event)
        return
    db.session.commit()
    with write_transactions():
        db.session.add(event)
        db.session.commit()


def select_events(action: str | None = None):
    stmt = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    return stmt if action is None else stmt.where(AuditEvent.action == action)
