"""Recruiter decisions: human review of every recommendation, and hiring."""

from __future__ import annotations

from app.events import emit
from app.extensions import db
from app.hiring.models import Invitation
from app.hiring.services import HiringError
from app.identity.models import User
from app.orm import transition, utcnow

DECISIONS = {"interview": "Invite to interview", "not_progressed": "Do not progress"}


def decide(invitation: Invitation, recruiter: User, decision: str, reason: str) -> None:
    """Record the recruiter's decision. The hurdle only recommends: a person confirms
    every outcome, with a reason, and may depart from the recommendation."""
    attempt = invitation.attempt
    if attempt is None or attempt.status != "scored":
        raise HiringError("Decide after the candidate has completed the test.")
    if decision not in DECISIONS:
        raise HiringError("Choose interview or do not progress.")
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise HiringError("Record a reason of at least a few words; it is kept for review.")
    if not transition(db.session, invitation, {"decision": (None, *DECISIONS)},
                      decision=decision, decision_reason=reason[:2000],
                      decided_by_id=recruiter.id, decided_at=utcnow()):
        raise HiringError("This candidate has been hired; the decision is final.")
    emit("decision.confirmed", {"invitation_id": invitation.id,
                                "opening_id": invitation.opening_id, "decision": decision})


def hire(invitation: Invitation, recruiter: User) -> User:
    """The candidate becomes an employee; training enrolls them in onboarding when the
    `candidate.hired` event is dispatched after the commit."""
    if invitation.decision != "interview":
        raise HiringError("Only candidates invited to interview can be hired.")
    if not transition(db.session, invitation, {"decision": "interview"},
                      decision="hired", decided_by_id=recruiter.id, decided_at=utcnow()):
        raise HiringError("This candidate has already been hired.")
    user = invitation.candidate
    user.set_roles((user.roles - {"candidate"}) | {"employee"})
    emit("candidate.hired", {"user_id": user.id, "invitation_id": invitation.id,
                             "opening_id": invitation.opening_id})
    emit("employee.created", {"user_id": user.id, "source": "hire"})
    return user
