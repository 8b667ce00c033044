"""Domain events through an outbox: each event leaves exactly once.

A slice calls `emit(name, payload)` inside the transaction that makes the change; that
adds one `outbox_event` row to the same transaction (flush only), so the event exists if
and only if the change committed. Right after the commit, `dispatch` hands the event to
every subscriber registered with `subscribe` (in the slices' `init_app`). A subscriber
only writes rows (a webhook delivery, a queued e-mail, an enrollment); the dispatcher marks
the event dispatched with a conditional UPDATE in the *same* transaction as those writes,
so the handlers' effects and the mark commit together or not at all, and a second
dispatcher racing for the same event updates no row and does nothing. If the process dies
before or during dispatch, the row stays undispatched and `dispatch_stale` (CLI
`flask events dispatch`, on the minute timer) picks it up later.

The event's id and JSON body are fixed when it is emitted; subscribers copy them into
what they send, so a retried delivery carries the same id and bytes.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import click
from flask import Flask, current_app, has_app_context
from flask.cli import AppGroup
from sqlalchemy import DateTime, Integer, String, Text, select, update
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.extensions import after_commit_hooks, db
from app.orm import utcnow

EVENTS = (
    "invitation.created",
    "invitation.link_requested",
    "attempt.submitted",
    "attempt.scored",
    "decision.confirmed",
    "candidate.hired",
    "employee.created",
    "training.completed",
    "handin.completed",
)
MAX_ATTEMPTS = 10
STALE_AFTER = timedelta(seconds=30)
_EMITTED = "events_emitted"
_COMMITTED = "events_committed"
_DISPATCHING = "events_dispatching"

Handler = Callable[["Event"], None]


class OutboxEvent(db.Model):
    __tablename__ = "outbox_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


@dataclass(frozen=True)
class Event:
    """What a subscriber receives: the stable id, the name, the payload as emitted."""

    id: str
    name: str
    payload: dict[str, Any]
    created_at: datetime


def emit(name: str, payload: dict[str, Any]) -> OutboxEvent:
    """Record `name` in the current transaction (flush only); it is dispatched after
    the caller commits."""
    if name not in EVENTS:
        raise ValueError(f"unknown event {name!r}")
    row = OutboxEvent(uuid=str(uuid.uuid4()), name=name,
                      body=json.dumps(payload, sort_keys=True, default=str), created_at=utcnow())
    db.session.add(row)
    db.session.flush()
    db.session.info.setdefault(_EMITTED, []).append(row.id)
    return row


def subscribe(app: Flask, name: str, handler: Handler) -> None:
    """Call `handler(event)` for every committed `name` event (from a slice's init_app)."""
    if name not in EVENTS:
        raise ValueError(f"unknown event {name!r}")
    handlers = app.extensions.setdefault("event_handlers", {}).setdefault(name, [])
    if handler not in handlers:
        handlers.append(handler)


def handlers_for(name: str) -> list[Handler]:
    return list(current_app.extensions.get("event_handlers", {}).get(name, ()))


def dispatch(event_id: int) -> bool:
    """Deliver one event to its subscribers; True when this call dispatched it.

    Commits (or rolls back) the session: call it outside a caller's transaction."""
    session = db.session
    claimed = session.execute(
        update(OutboxEvent)
        .where(OutboxEvent.id == event_id, OutboxEvent.dispatched_at.is_(None))
        .values(dispatched_at=utcnow(), attempts=OutboxEvent.attempts + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        session.rollback()
        return False
    row = session.get(OutboxEvent, event_id, populate_existing=True)
    event = Event(row.uuid, row.name, json.loads(row.body), row.created_at)
    try:
        for handler in handlers_for(event.name):
            handler(event)
        session.commit()
    except Exception as exc:  # noqa: BLE001 - a failing subscriber must not lose the event
        session.rollback()
        current_app.logger.warning("event %s (%s) left for re-dispatch", event_id, event.name,
                                   exc_info=True)
        session.execute(
            update(OutboxEvent).where(OutboxEvent.id == event_id)
            .values(attempts=OutboxEvent.attempts + 1, last_error=repr(exc)[:1000])
            .execution_options(synchronize_session=False)
        )
        session.commit()
        return False
    return True


def dispatch_stale(older_than: timedelta = STALE_AFTER, limit: int = 500) -> int:
    """Dispatch events left undispatched (a crash, a failing subscriber); returns how
    many were dispatched now."""
    ids = list(db.session.scalars(
        select(OutboxEvent.id)
        .where(OutboxEvent.dispatched_at.is_(None), OutboxEvent.attempts < MAX_ATTEMPTS,
               OutboxEvent.created_at <= utcnow() - older_than)
        .order_by(OutboxEvent.id).limit(limit)
    ))
    db.session.rollback()
    return sum(_dispatch_guarded(db.session, [i]) for i in ids)


def _dispatch_guarded(session: Session, ids: list[int]) -> int:
    """Dispatch `ids` and whatever their handlers emit, without re-entering from the
    commits dispatching makes."""
    if session.info.get(_DISPATCHING):
        return 0
    session.info[_DISPATCHING] = True
    done = 0
    try:
        queue = list(ids)
        while queue:
            done += dispatch(queue.pop(0))
            queue.extend(session.info.pop(_COMMITTED, []))
    finally:
        session.info[_DISPATCHING] = False
    return done


def _on_commit(session: Session) -> None:
    emitted = session.info.pop(_EMITTED, None)
    if emitted:
        session.info.setdefault(_COMMITTED, []).extend(emitted)


def _on_rollback(session: Session, previous_transaction: Any) -> None:
    if not previous_transaction.nested:  # ids of rolled-back rows would update nothing anyway
        session.info.pop(_EMITTED, None)


def _after_commit(session: Session) -> None:
    """Runs after Session.commit returned (see app.extensions.Session)."""
    if session.info.get(_DISPATCHING) or not has_app_context():
        return
    ids = session.info.pop(_COMMITTED, None)
    if ids:
        _dispatch_guarded(session, ids)


events_cli = AppGroup("events", help="Domain events (outbox).")


@events_cli.command("dispatch")
@click.option("--older-than", default=int(STALE_AFTER.total_seconds()), show_default=True,
              help="Seconds an event must have waited.")
def dispatch_command(older_than: int) -> None:
    """Dispatch events that were committed but not dispatched (run every minute)."""
    done = dispatch_stale(timedelta(seconds=older_than))
    click.echo(f"{done} event(s) dispatched.")


def init_app(app: Flask) -> None:
    if not sa_event.contains(Session, "after_commit", _on_commit):
        sa_event.listen(Session, "after_commit", _on_commit)
        sa_event.listen(Session, "after_soft_rollback", _on_rollback)
    if _after_commit not in after_commit_hooks:
        after_commit_hooks.append(_after_commit)
    app.cli.add_command(events_cli)
