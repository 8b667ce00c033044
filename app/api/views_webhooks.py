"""Webhook subscriptions over the API: list, subscribe, unsubscribe."""

from __future__ import annotations

from flask import g, jsonify

from app.api import bp
from app.api.auth import token_required
from app.api.errors import ApiError
from app.api.views import body
from app.extensions import db
from app.security import get_or_404_for
from app.webhooks import services as webhooks
from app.webhooks.models import WebhookSubscription, select_user_subscriptions

ROLES = ("recruiter", "admin", "supervisor")


def subscription_json(sub: WebhookSubscription) -> dict[str, object]:
    return {"id": sub.id, "url": sub.url, "events": sub.events, "active": sub.active,
            "created_at": sub.created_at.isoformat() + "Z"}


@bp.get("/webhooks")
@token_required(*ROLES)
def list_webhooks():  # noqa: ANN201
    subs = db.session.scalars(select_user_subscriptions(g.api_user.id))
    return jsonify(webhooks=[subscription_json(s) for s in subs])


@bp.post("/webhooks")
@token_required(*ROLES)
def create_webhook():  # noqa: ANN201
    payload = body()
    try:
        sub = webhooks.subscribe(g.api_user.id, g.api_user.role, payload.get("url"),
                                 payload.get("events"))
    except webhooks.WebhookError as exc:
        raise ApiError(str(exc), exc.field, 422) from None
    db.session.commit()
    return jsonify(subscription_json(sub) | {"secret": sub.secret}), 201


@bp.delete("/webhooks/<int:webhook_id>")
@token_required(*ROLES)
def delete_webhook(webhook_id: int):  # noqa: ANN201
    webhooks.unsubscribe(get_or_404_for(g.api_user, WebhookSubscription, webhook_id))
    db.session.commit()
    return "", 204
