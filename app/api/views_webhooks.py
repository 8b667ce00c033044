"""Webhook subscriptions over the API: list, subscribe, unsubscribe.

A token sees and removes only the subscriptions made under its own role: a supervisor
token of someone who is also a recruiter never lists that person's hiring hooks. A
supervisor may subscribe at all because `training.completed` of their own team is theirs
to receive; `attempt.scored` never reaches a supervisor, so it is refused to them."""

from __future__ import annotations

from flask import abort, g

from app.api import bp, schemas
from app.api.errors import ApiError
from app.api.openapi import operation
from app.extensions import db
from app.security import get_or_404_for
from app.webhooks import services as webhooks
from app.webhooks.models import WebhookSubscription, select_user_subscriptions

ROLES = ("recruiter", "admin", "supervisor")
HIRING_EVENTS = ("attempt.scored",)


@bp.get("/webhooks")
@operation(*ROLES, ok=schemas.Webhooks)
def list_webhooks():
    """Your webhook subscriptions (those made with this token's role)"""
    subs = db.session.scalars(select_user_subscriptions(g.api_user.id).where(
        WebhookSubscription.role == g.api_user.role))
    return schemas.Webhooks(webhooks=[schemas.Webhook.model_validate(s) for s in subs])


@bp.post("/webhooks")
@operation(*ROLES, ok=schemas.CreatedWebhook, status=201, json=schemas.NewWebhook)
def create_webhook(json: schemas.NewWebhook):
    """Subscribe a URL to events"""
    if g.api_user.role == "supervisor" and set(json.events) & set(HIRING_EVENTS):
        raise ApiError("A supervisor token may subscribe to training.completed only.",
                       "events", 422)
    try:
        sub = webhooks.subscribe(g.api_user.id, g.api_user.role, json.url, list(json.events))
    except webhooks.WebhookError as exc:
        raise ApiError(str(exc), exc.field, 422) from None
    db.session.commit()
    return schemas.CreatedWebhook.model_validate(sub), 201


@bp.delete("/webhooks/<int:webhook_id>")
@operation(*ROLES, ok=None, status=204)
def delete_webhook(webhook_id: int):
    """Unsubscribe"""
    sub = get_or_404_for(g.api_user, WebhookSubscription, webhook_id)
    if sub.role != g.api_user.role:
        abort(404)
    webhooks.unsubscribe(sub)
    db.session.commit()
    return "", 204
