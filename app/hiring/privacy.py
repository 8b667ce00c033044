"""Candidate self-service over their own data: a copy (JSON) and erasure on request.

Erasure withdraws the candidate's open applications at once and leaves the deletion to
the retention purge (`flask measurement purge`), which treats a request like an expired
retention period: personal data go, the anonymous selection record stays.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.hiring.models import Invitation
from app.hiring.tryout.services import tryout_export
from app.identity.models import User
from app.orm import utcnow


def candidate_data(user: User) -> dict[str, Any]:
    """Everything the test holds about `user`, in plain fields."""
    invitations = db.session.scalars(
        select(Invitation).where(Invitation.candidate_id == user.id).order_by(Invitation.id))
    return {
        "exported_at": utcnow().isoformat(timespec="seconds") + "Z",
        "account": {"name": user.name, "email": user.email},
        "applications": [_invitation(inv) for inv in invitations],
    }


def _invitation(inv: Invitation) -> dict[str, Any]:
    attempt = inv.attempt
    return {
        "opening": inv.opening.title,
        "invited_at": inv.created_at, "link_valid_until": inv.expires_at,
        "consent_given_at": inv.consent_at,
        "adjustment_requested": inv.accommodation_request,
        "time_allowed": inv.time_factor,
        "human_review_requested_at": inv.review_requested_at,
        "erasure_requested_at": inv.erasure_requested_at,
        "decision": inv.decision, "decided_at": inv.decided_at,
        "test": None if attempt is None else {
            "status": attempt.status, "started_at": attempt.started_at,
            "ended_at": attempt.ended_at,
            "answers": [{"item": r.item_id, "answer": r.value, "saved_at": r.saved_at}
                        for r in sorted(attempt.responses, key=lambda r: r.item_id)],
            "job_tryout": tryout_export(attempt),
        },
    }


def request_erasure(user: User) -> int:
    """Record the request on each of the candidate's invitations (once) and withdraw the
    open ones; returns how many invitations it newly covers."""
    now, count = utcnow(), 0
    for inv in db.session.scalars(select(Invitation).where(
            Invitation.candidate_id == user.id, Invitation.erasure_requested_at.is_(None))):
        inv.erasure_requested_at = now
        if inv.decision is None and inv.revoked_at is None:
            inv.revoked_at = now
        count += 1
    db.session.flush()
    return count
