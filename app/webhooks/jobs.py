"""The delivery task: idempotent (a delivered or failed delivery is left alone)."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db
from app.jobs import celery
from app.webhooks import services
from app.webhooks.models import WebhookDelivery


@celery.task(name="webhooks.deliver", bind=True, max_retries=3, default_retry_delay=5)
def deliver_webhook(self, delivery_id: int) -> str | None:
    try:
        status = services.attempt_delivery(delivery_id)
        db.session.commit()
    except SQLAlchemyError as exc:
        db.session.rollback()
        raise self.retry(exc=exc) from exc
    if status == "pending":
        delivery = db.session.get(WebhookDelivery, delivery_id)
        services.schedule(delivery_id, countdown=services.backoff_seconds(delivery.attempts))
    return status
