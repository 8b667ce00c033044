"""Learning events as xAPI statements: stored locally, optionally forwarded to an LRS.

Forwarding goes through a forwarder callable `forward(statements: list[dict]) -> None`
(raise on failure). Tests inject one with `app.config["XAPI_FORWARDER"]`; otherwise,
when XAPI_LRS_URL is set, statements are POSTed there with basic auth
(XAPI_LRS_USER / XAPI_LRS_PASSWORD). Private statements (practice, check answers and
results) are never forwarded anywhere.
"""

from __future__ import annotations

import base64
import json
import urllib.request
import uuid as uuidlib
from collections.abc import Callable
from typing import Any

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.identity.models import User
from app.orm import utcnow
from app.training.models import XapiStatement

VERBS = {
    "launched": "http://adlnet.gov/expapi/verbs/launched",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "answered": "http://adlnet.gov/expapi/verbs/answered",
}
# Check results are private to the learner; practice is always private.
PRIVATE_VERBS = frozenset({"answered", "passed", "failed"})
ACTIVITY_BASE = "https://serviceacademy.test/xapi/activities/"
Forwarder = Callable[[list[dict[str, Any]]], None]


def record_statement(
    user: User,
    verb: str,
    object_id: str,
    name: str,
    result: dict[str, Any] | None = None,
    private: bool | None = None,
) -> XapiStatement:
    """Store one statement (flush only). `object_id` is e.g. "<course-uuid>/lesson:x"."""
    if verb not in VERBS:
        raise ValueError(f"unknown xAPI verb {verb!r}")
    statement = XapiStatement(
        id=str(uuidlib.uuid4()),
        user_id=user.id,
        actor={"objectType": "Agent", "name": user.name, "mbox": f"mailto:{user.email}"},
        verb=verb,
        object={
            "objectType": "Activity",
            "id": ACTIVITY_BASE + object_id,
            "definition": {"name": {"en-US": name}},
        },
        result=result,
        timestamp=utcnow(),
        private=verb in PRIVATE_VERBS if private is None else private,
    )
    db.session.add(statement)
    db.session.flush()
    return statement


def record_practice_statement(
    user: User, verb: str, object_id: str, name: str, result: dict[str, Any] | None = None
) -> XapiStatement:
    """For the practice slice: a practice statement is always private, never forwarded."""
    return record_statement(user, verb, "practice/" + object_id, name, result, private=True)


def as_xapi(statement: XapiStatement) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": statement.id,
        "actor": statement.actor,
        "verb": {"id": VERBS[statement.verb], "display": {"en-US": statement.verb}},
        "object": statement.object,
        "timestamp": statement.timestamp.isoformat() + "Z",
    }
    if statement.result is not None:
        out["result"] = statement.result
    return out


def http_forwarder(url: str, user: str, password: str) -> Forwarder:
    def forward(statements: list[dict[str, Any]]) -> None:
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        request = urllib.request.Request(  # noqa: S310 - URL comes from configuration
            url.rstrip("/") + "/statements",
            data=json.dumps(statements).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json",
                "X-Experience-API-Version": "1.0.3",
                "Authorization": f"Basic {token}",
            },
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            if response.status >= 300:
                raise OSError(f"LRS answered {response.status}")

    return forward


def configured_forwarder() -> Forwarder | None:
    injected = current_app.config.get("XAPI_FORWARDER")
    if injected is not None:
        return injected
    url = current_app.config.get("XAPI_LRS_URL")
    if not url:
        return None
    return http_forwarder(
        url, current_app.config.get("XAPI_LRS_USER", ""),
        current_app.config.get("XAPI_LRS_PASSWORD", ""),
    )


def forward_pending(limit: int = 200) -> int:
    """Send unforwarded, non-private statements; returns how many went (flush only)."""
    forward = configured_forwarder()
    if forward is None:
        return 0
    pending = db.session.scalars(
        select(XapiStatement)
        .where(XapiStatement.forwarded_at.is_(None), XapiStatement.private.is_(False))
        .order_by(XapiStatement.timestamp)
        .limit(limit)
    ).all()
    if not pending:
        return 0
    try:
        forward([as_xapi(s) for s in pending])
    except Exception as exc:  # noqa: BLE001 - any LRS failure leaves them pending
        current_app.logger.warning("xAPI forwarding failed: %s", exc)
        for s in pending:
            s.forward_attempts += 1
        db.session.flush()
        return 0
    now = utcnow()
    for s in pending:
        s.forwarded_at = now
    db.session.flush()
    return len(pending)


def select_statements(user_id: int):
    return (
        select(XapiStatement)
        .where(XapiStatement.user_id == user_id)
        .order_by(XapiStatement.timestamp.desc())
    )
