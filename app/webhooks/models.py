"""Webhook subscriptions and their deliveries (one row per event per subscription)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.identity.models import User
from app.orm import utcnow

EVENTS = ("attempt.scored", "training.completed")


class WebhookSubscription(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    # The role of the token that subscribed: it decides which events the owner may receive.
    role: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(String(500))
    events: Mapped[list[str]] = mapped_column(JSON)
    # The HMAC key must be usable to sign, so it is stored as is (shown once to the owner).
    secret: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user: Mapped[User] = relationship()

    def visible_to(self, user: Any) -> bool:
        return self.user_id == user.id


class WebhookDelivery(db.Model):
    """status: pending -> delivered | failed. `body` is fixed at creation, so every
    retry sends the same bytes and the same signature."""

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_subscription.id", ondelete="CASCADE"), index=True
    )
    event: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime)

    subscription: Mapped[WebhookSubscription] = relationship(lazy="joined", innerjoin=True)


def select_active_subscriptions():
    return select(WebhookSubscription).where(WebhookSubscription.active.is_(True))


def select_due_deliveries(now: datetime, limit: int = 100):
    return (
        select(WebhookDelivery.id)
        .where(WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now)
        .order_by(WebhookDelivery.next_attempt_at)
        .limit(limit)
    )


def select_user_subscriptions(user_id: int):
    return (
        select(WebhookSubscription)
        .where(WebhookSubscription.user_id == user_id)
        .order_by(WebhookSubscription.id)
    )
