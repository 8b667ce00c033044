"""Hiring rules: openings, invitations, the timed attempt, scoring and decisions.

Services add and flush; the caller commits. Times are naive UTC (see app.orm.utcnow).
"""

from __future__ import annotations

import math
import random
import secrets
from datetime import datetime, timedelta
from fractions import Fraction
from typing import Any

from flask import current_app
from sqlalchemy import select

from app.events import emit
from app.extensions import db
from app.hiring.autosave import GRACE_SECONDS, overdue, seconds_left, upsert_answer, valid_seq
from app.hiring.catalog import setup_for
from app.hiring.models import Attempt, Invitation, JobOpening, Response
from app.hiring.scoring import score_and_store
from app.hiring.tryout import services as tryout
from app.identity import services as identity
from app.identity.models import User
from app.orm import transition, utcnow, write_transactions
from app.psychometrics import ITEM_KINDS

ALLOWED_FACTORS = {"1": "Standard time", "5/4": "25 % extra time", "3/2": "50 % extra time",
                   "2": "100 % extra time (double)"}
TERMINAL = {"submitted", "expired", "scored"}


class HiringError(ValueError):
    """A rule was broken; the message is fit to show the user."""


class AttemptClosed(HiringError):
    """The attempt no longer accepts answers."""


# --- openings and invitations -----------------------------------------------------------


def create_opening(recruiter: User, title: str, job_profile: str) -> JobOpening:
    setup_for(job_profile)  # raises CatalogError when the profile is not loaded
    opening = JobOpening(title=title.strip(), job_profile=job_profile, recruiter=recruiter)
    db.session.add(opening)
    db.session.flush()
    return opening


def invite_candidate(
    opening: JobOpening, name: str, email: str, time_factor: str = "1"
) -> tuple[Invitation, str]:
    """Invite a candidate (creating their password-less account); returns the raw
    token once, for the link."""
    if opening.status != "open":
        raise HiringError("This opening is closed to new invitations.")
    if time_factor not in ALLOWED_FACTORS:
        raise HiringError(f"Extra time must be one of {', '.join(ALLOWED_FACTORS)}.")
    email = identity.normalize_email(email)
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = identity.create_user(email, name, {"candidate"})
    elif not user.has_role("candidate"):
        raise HiringError(f"{email} belongs to a staff account and cannot be invited.")
    if db.session.scalar(
        select(Invitation.id).where(
            Invitation.opening_id == opening.id, Invitation.candidate_id == user.id
        )
    ):
        raise HiringError(f"{email} is already invited to this opening.")
    days = current_app.config["INVITATION_VALID_DAYS"]
    invitation = Invitation(
        opening=opening, candidate=user, time_factor=time_factor,
        expires_at=utcnow() + timedelta(days=days),
    )
    db.session.add(invitation)
    raw = identity.issue_access_token(user, timedelta(days=days))
    db.session.flush()
    emit("invitation.created", {"invitation_id": invitation.id, "opening_id": opening.id,
                                "candidate_id": user.id})
    return invitation, raw


def resend_invitation(invitation: Invitation, keep_expiry: bool = False) -> str:
    """Withdraw earlier links and issue a fresh one (e.g. the candidate lost theirs);
    the invitation's validity is renewed unless `keep_expiry` (a reminder)."""
    if invitation.attempt is not None and invitation.attempt.status in TERMINAL:
        raise HiringError("The candidate has already finished; there is nothing to resend.")
    identity.revoke_access_tokens(invitation.candidate)
    if not keep_expiry:
        days = current_app.config["INVITATION_VALID_DAYS"]
        invitation.expires_at = max(invitation.expires_at, utcnow() + timedelta(days=days))
    invitation.revoked_at = None
    return identity.issue_access_token(invitation.candidate, invitation.expires_at - utcnow())


def revoke_invitation(invitation: Invitation) -> None:
    if invitation.attempt is not None and invitation.attempt.status in TERMINAL:
        raise HiringError("A finished attempt cannot be revoked; record a decision instead.")
    invitation.revoked_at = utcnow()
    identity.revoke_access_tokens(invitation.candidate)


def extend_invitation(invitation: Invitation, days: int) -> None:
    if not 1 <= days <= 60:
        raise HiringError("Extend by 1 to 60 days.")
    invitation.expires_at = max(invitation.expires_at, utcnow()) + timedelta(days=days)
    identity.extend_access_tokens(invitation.candidate, invitation.expires_at)


def set_time_factor(invitation: Invitation, factor: str) -> None:
    if factor not in ALLOWED_FACTORS:
        raise HiringError(f"Extra time must be one of {', '.join(ALLOWED_FACTORS)}.")
    if invitation.attempt is not None:
        raise HiringError("The test has started; extra time must be granted before it starts.")
    invitation.time_factor = factor


def allowed_seconds(base_seconds: int, factor: str) -> int:
    """Exact extra time, never rounded down: 1500 s × 3/2 = 2250 s; 1501 × 5/4 → 1877."""
    return math.ceil(Fraction(base_seconds) * Fraction(factor))


# --- the candidate's attempt -----------------------------------------------------------


def record_consent(invitation: Invitation, accommodation_request: str | None) -> None:
    invitation.consent_at = invitation.consent_at or utcnow()
    if accommodation_request and accommodation_request.strip():
        invitation.accommodation_request = accommodation_request.strip()[:2000]


def start_attempt(invitation: Invitation) -> Attempt:
    """Start the clock (once). One attempt per invitation."""
    if invitation.revoked_at is not None:
        raise HiringError("This invitation has been withdrawn.")
    if invitation.attempt is not None:
        return invitation.attempt
    if invitation.consent_at is None:
        raise HiringError("Please read the privacy notice and give your consent first.")
    if utcnow() >= invitation.expires_at:
        raise HiringError("This invitation has expired. Ask the recruiter for a new link.")
    setup = setup_for(invitation.opening.job_profile)
    base = setup.instrument.time_limit_seconds + tryout.allowance_seconds(setup.profile.id)
    seconds = allowed_seconds(base, invitation.time_factor)
    now = utcnow()
    attempt = Attempt(
        invitation=invitation, seed=secrets.randbelow(2**31), allowed_seconds=seconds,
        started_at=now, deadline_at=now + timedelta(seconds=seconds), status="in_progress",
    )
    db.session.add(attempt)
    db.session.flush()
    return attempt


def ordered_sections(attempt: Attempt) -> list[tuple[Any, list[Any]]]:
    """Sections in order, items shuffled within each section by the attempt's seed."""
    setup = setup_for(attempt.invitation.opening.job_profile)
    rng = random.Random(attempt.seed)
    sections = []
    for section in setup.instrument.sections:
        items = list(section.items)
        rng.shuffle(items)
        sections.append((section, items))
    return sections


def remaining_seconds(attempt: Attempt, now: datetime | None = None) -> int:
    return seconds_left(attempt.deadline_at, now or utcnow())


def close_if_overdue(attempt: Attempt, now: datetime | None = None) -> bool:
    """Time out an attempt past its deadline plus grace: what was saved is submitted.
    True only for the one caller that closed it."""
    now = now or utcnow()
    if attempt.status == "in_progress" and overdue(attempt.deadline_at, now):
        return _finish(attempt, "expired", now)
    return False


def close_on_read(attempt: Attempt | None) -> bool:
    """The attempt's own pages close it when its time ran out. Such a page is a GET,
    which otherwise only reads: commit the read transaction, then close in a writing one
    (on SQLite, a transaction that read and then writes fails when another committed in
    between). Commits; True when this request closed it."""
    if attempt is None or attempt.status != "in_progress" or not overdue(
            attempt.deadline_at, utcnow()):
        return False
    db.session.commit()
    with write_transactions():
        closed = close_if_overdue(attempt)
        db.session.commit()
    return closed


def save_answer(
    attempt: Attempt, item_id: str, raw_value: Any, client_seq: Any, elapsed_ms: Any = None
) -> tuple[bool, int]:
    """Save one answer. Returns (applied, remaining seconds). A save whose sequence
    number is not newer than the stored one for the item is ignored (stale tab or a
    retried request), so each (item, value, seq) applies once."""
    now = utcnow()
    close_if_overdue(attempt, now)
    if attempt.status != "in_progress":  # submitted, or timed out just above
        if attempt.end_reason == "expired":
            raise AttemptClosed("Time is up; answers can no longer change.")
        raise AttemptClosed("Your test has been submitted; answers can no longer change.")
    if not valid_seq(client_seq):
        raise HiringError("Each save needs a whole sequence number from 1 to 2147483647.")
    setup = setup_for(attempt.invitation.opening.job_profile)
    try:
        item = setup.instrument.item(item_id)
    except KeyError:
        raise HiringError(f"Item '{item_id}' is not part of your test.") from None
    try:
        value = ITEM_KINDS[item.kind].validate(item, raw_value)
    except ValueError as exc:
        raise HiringError(str(exc)) from None
    elapsed = elapsed_ms if isinstance(elapsed_ms, int) and 0 <= elapsed_ms < 10**8 else None
    applied = upsert_answer(db.session.connection(), attempt.id, item_id, value, client_seq,
                            elapsed, now)
    _forget_loaded_answers(attempt, item_id)
    return applied, remaining_seconds(attempt, now)


def _forget_loaded_answers(attempt: Attempt, item_id: str) -> None:
    """The upsert bypassed the ORM: expire what the session holds of that answer."""
    db.session.expire(attempt, ["responses"])
    for obj in list(db.session.identity_map.values()):
        if isinstance(obj, Response) and obj.attempt_id == attempt.id and obj.item_id == item_id:
            db.session.expire(obj)


def submit_attempt(attempt: Attempt) -> Attempt:
    """Submit (idempotent: of several submits, racing or not, one finishes and scores
    the attempt; the others change nothing)."""
    if attempt.status == "in_progress" and not close_if_overdue(attempt):
        _finish(attempt, "expired" if remaining_seconds(attempt) == 0 else "submitted", utcnow())
    return attempt


def _finish(attempt: Attempt, reason: str, now: datetime) -> bool:
    """End and score the attempt, exactly once; False (nothing done) for the losers."""
    ended_at = min(now, attempt.deadline_at + timedelta(seconds=GRACE_SECONDS))
    if not transition(db.session, attempt, {"status": "in_progress"},
                      status=reason, end_reason=reason, ended_at=ended_at):
        return False
    tryout.end_on_submit(attempt, now)
    db.session.expire(attempt, ["responses"])  # score what is stored now, not a stale copy
    score_and_store(attempt, finishing=True)
    return True


def request_review(invitation: Invitation) -> None:
    """A candidate asks for a human to review the automated recommendation."""
    invitation.review_requested_at = invitation.review_requested_at or utcnow()


def close_overdue_attempts() -> int:
    """Time out every attempt past its deadline (the minute timer's job, `flask hiring
    close-expired`); each one through the same exactly-once close."""
    overdue = db.session.scalars(
        select(Attempt).where(Attempt.status == "in_progress", Attempt.deadline_at < utcnow())
    ).all()
    return sum(close_if_overdue(a) for a in overdue)


OUTCOME_LINK_VALID = timedelta(days=30)


def issue_access_token_for(user: User, valid_for: timedelta) -> str:
    return identity.issue_access_token(user, valid_for, purpose="invitation")
