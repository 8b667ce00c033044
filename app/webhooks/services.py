"""Webhook subscriptions and deliveries.

`fire(event, payload)` stores one delivery per matching subscription (flush only; the
caller commits). Once the transaction commits, each delivery is handed to the job queue.
A delivery POSTs the same JSON body every time, signed with HMAC-SHA256 of the body under
the subscription's secret (header `X-ServiceAcademy-Signature: sha256=<hex>`); a non-2xx
answer or a network error schedules a retry after 30 s, 60 s, 120 s, ... (doubling) up to
MAX_ATTEMPTS. `deliver_due()` (CLI `flask webhooks deliver-due`, run every minute) picks
up anything whose turn has come, so a killed worker or a lost timer leaves nothing stuck.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import event as sa_event
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.events import Event
from app.extensions import db
from app.hiring.models import Invitation, JobOpening
from app.identity.models import User
from app.orm import utcnow
from app.webhooks.models import (
    EVENTS,
    WebhookDelivery,
    WebhookSubscription,
    select_active_subscriptions,
    select_due_deliveries,
)
from app.webhooks.targets import TargetRefused, check_target, opener

SIGNATURE_HEADER = "X-ServiceAcademy-Signature"
MAX_ATTEMPTS = 8
BASE_DELAY_SECONDS = 30
TIMEOUT_SECONDS = 10
_PENDING_KEY = "webhook_deliveries_to_dispatch"


class WebhookError(ValueError):
    """A subscription request that cannot be accepted; names the field."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def sign(secret: str, body: bytes) -> str:
    """The signature header value: `sha256=` + hex HMAC-SHA256 of the raw body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str) -> bool:
    """What a receiver does: recompute and compare in constant time."""
    return hmac.compare_digest(sign(secret, body), header or "")


def backoff_seconds(attempts: int) -> int:
    """Delay before the next try after `attempts` failed ones: 30, 60, 120, ... s."""
    return BASE_DELAY_SECONDS * 2 ** max(attempts - 1, 0)


def subscribe(user_id: int, role: str, url: Any, events: Any) -> WebhookSubscription:
    """Create a subscription; its secret is generated here and shown to the owner once."""
    if not isinstance(url, str) or not url.strip():
        raise WebhookError("Give the URL that should receive the events.", "url")
    if len(url) > 500:
        raise WebhookError("The URL may have at most 500 characters.", "url")
    try:
        check_target(url.strip(), _allow_private(), must_resolve=False)
    except TargetRefused as exc:
        raise WebhookError(str(exc), "url") from None
    if (not isinstance(events, list) or not events
            or not all(isinstance(e, str) and e in EVENTS for e in events)):
        raise WebhookError(f"Choose one or more events from: {', '.join(EVENTS)}.", "events")
    sub = WebhookSubscription(user_id=user_id, role=role, url=url.strip(),
                              events=sorted(set(events)), secret=secrets.token_hex(32))
    db.session.add(sub)
    db.session.flush()
    return sub


def _allow_private() -> bool:
    return bool(current_app.config.get("WEBHOOK_ALLOW_PRIVATE_NETWORKS"))


def unsubscribe(sub: WebhookSubscription) -> None:
    sub.active = False


def fire(event: str, payload: dict[str, Any], event_id: str | None = None,
         created: datetime | None = None) -> list[WebhookDelivery]:
    """Queue a signed delivery of `event` to every active subscriber allowed to see it
    (flush only). "attempt.scored" payloads carry `opening_id`; "training.completed"
    payloads carry `user_id` (see `may_receive`). `event_id` is the domain event's id,
    the same in every delivery and retry of that event."""
    if event not in EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")
    created = created or utcnow()
    out = []
    for sub in db.session.scalars(select_active_subscriptions()):
        if event not in sub.events or not may_receive(sub, event, payload):
            continue
        body = json.dumps({"id": event_id, "event": event,
                           "created_at": created.isoformat() + "Z",
                           "data": payload}, sort_keys=True, default=str)
        delivery = WebhookDelivery(subscription=sub, event=event, body=body,
                                   next_attempt_at=created)
        db.session.add(delivery)
        out.append(delivery)
    if out:
        db.session.flush()
        db.session.info.setdefault(_PENDING_KEY, []).extend(d.id for d in out)
    return out


def may_receive(sub: WebhookSubscription, event: str, payload: dict[str, Any]) -> bool:
    """Subscribers get only what their role shows them on the site: an admin everything;
    a recruiter the scores of their own openings and the training completion of people
    they hired; a supervisor the training completion of their own team."""
    owner = sub.user
    if owner.disabled or not owner.has_role(sub.role):
        return False
    if sub.role == "admin":
        return True
    if event == "attempt.scored":
        opening = db.session.get(JobOpening, payload.get("opening_id"))
        return sub.role == "recruiter" and opening is not None and opening.recruiter_id == owner.id
    employee = db.session.get(User, payload.get("user_id"))
    if employee is None:
        return False
    if sub.role == "supervisor":
        return employee.team is not None and employee.team.supervisor_id == owner.id
    return sub.role == "recruiter" and db.session.scalar(
        select(Invitation.id).join(JobOpening).where(
            Invitation.candidate_id == employee.id, Invitation.decision == "hired",
            JobOpening.recruiter_id == owner.id)
    ) is not None


def attempt_delivery(delivery_id: int) -> str | None:
    """POST one delivery now if it is due; record the outcome (flush only).
    Returns the new status, or None when there was nothing to do."""
    query = db.select(WebhookDelivery).where(WebhookDelivery.id == delivery_id)
    if db.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=WebhookDelivery)  # one sender
    delivery = db.session.scalar(query)
    if delivery is None or delivery.status != "pending" or delivery.next_attempt_at > utcnow():
        return None
    sub = delivery.subscription
    body = delivery.body.encode()
    # the scheme is checked to be http(s) on subscribe
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "ServiceAcademy-Webhooks/1",
        "X-ServiceAcademy-Event": delivery.event,
        "X-ServiceAcademy-Delivery": str(delivery.id),
        SIGNATURE_HEADER: sign(sub.secret, body),
    }
    request = urllib.request.Request(sub.url, data=body, method="POST", headers=headers)  # noqa: S310
    delivery.attempts += 1
    try:
        check_target(sub.url, _allow_private())
        with opener.open(request, timeout=TIMEOUT_SECONDS) as answer:
            delivery.last_status_code, delivery.last_error = answer.status, None
    except urllib.error.HTTPError as exc:
        delivery.last_status_code, delivery.last_error = exc.code, f"HTTP {exc.code}"
        exc.close()
    except (urllib.error.URLError, OSError, ValueError) as exc:  # incl. TargetRefused
        delivery.last_status_code, delivery.last_error = None, str(exc)[:500]
    now = utcnow()
    if delivery.last_error is None:
        delivery.status, delivery.delivered_at = "delivered", now
    elif delivery.attempts >= MAX_ATTEMPTS or not sub.active:
        delivery.status = "failed"
    else:
        delivery.next_attempt_at = now + timedelta(seconds=backoff_seconds(delivery.attempts))
    db.session.flush()
    return delivery.status


def deliver_due(limit: int = 100) -> int:
    """Try every pending delivery whose time has come; returns how many were tried."""
    from app.webhooks.jobs import deliver_webhook

    ids = list(db.session.scalars(select_due_deliveries(utcnow(), limit)))
    for delivery_id in ids:
        deliver_webhook.run(delivery_id)
    return len(ids)


def schedule(delivery_id: int, countdown: float = 0) -> None:
    """Hand a committed delivery to the queue (Celery with Redis; a timer thread without;
    nothing under TESTING, where tests call `deliver_due`)."""
    from app.webhooks.jobs import deliver_webhook

    if current_app.config.get("REDIS_URL"):
        deliver_webhook.apply_async((delivery_id,), countdown=countdown)
    elif not current_app.testing:
        timer = threading.Timer(countdown, deliver_webhook.apply, kwargs={"args": (delivery_id,)})
        timer.daemon = True
        timer.start()


def _after_commit(session: Session) -> None:
    ids = session.info.pop(_PENDING_KEY, None)
    if ids and has_app_context():
        for delivery_id in ids:
            try:
                schedule(delivery_id)
            except Exception:  # noqa: BLE001 - broker down: the row waits for deliver_due
                current_app.logger.warning("webhook delivery %s left for deliver-due",
                                           delivery_id, exc_info=True)


def _after_rollback(session: Session, previous_transaction: object) -> None:
    session.info.pop(_PENDING_KEY, None)


def on_event(event: Event) -> None:
    """The event hub's subscriber: one delivery per allowed subscription."""
    fire(event.name, event.payload, event_id=event.id, created=event.created_at)


def init_dispatch() -> None:
    if not sa_event.contains(Session, "after_commit", _after_commit):
        sa_event.listen(Session, "after_commit", _after_commit)
        sa_event.listen(Session, "after_soft_rollback", _after_rollback)
