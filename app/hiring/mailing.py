"""Candidate e-mail for hiring, rendered from app/templates/mail.

Every message is queued in the caller's transaction (`app.mail.queue_templated`) and
sent after the commit, so a message exists exactly when the change that caused it does.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from app.events import Event
from app.extensions import db
from app.hiring import services
from app.hiring.catalog import CatalogError, setup_for
from app.hiring.models import Invitation, JobOpening
from app.hiring.services import TERMINAL
from app.identity.models import User
from app.mail import MailError, MailMessage, organization, queue_templated, render_message
from app.orm import transition, utcnow
from app.web import external_url

DEFAULT_SUBJECT = "{organization}: your aptitude test for {opening}"
DEFAULT_INTRO = ("{organization} invites you to take the aptitude test for the opening "
                 "\"{opening}\". It asks how you would handle everyday situations with "
                 "customers; there are no trick questions.")


def invitation_ref(invitation: Invitation) -> str:
    return f"invitation:{invitation.id}"


def link_for(raw: str) -> str:
    return external_url("identity.redeem_invitation", token=raw)


def _fill(template: str, opening: JobOpening) -> str:
    return template.replace("{organization}", organization()).replace("{opening}",
                                                                      opening.title)


def invitation_subject(opening: JobOpening) -> str:
    return _fill(opening.mail_subject or DEFAULT_SUBJECT, opening)


def invitation_intro(opening: JobOpening) -> list[str]:
    text = _fill(opening.mail_intro or DEFAULT_INTRO, opening).replace("\r\n", "\n")
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _minutes(opening: JobOpening) -> int:
    try:
        return round(setup_for(opening.job_profile).instrument.time_limit_seconds / 60)
    except CatalogError:
        return 30


def _invitation_context(opening: JobOpening, candidate: User, link: str,
                        expires_at: datetime) -> dict:
    return {"opening": opening, "candidate": candidate, "link": link,
            "expires_at": expires_at, "intro": invitation_intro(opening),
            "minutes": _minutes(opening),
            "fresh_url": external_url("hiring.request_link")}


def queue_invitation(invitation: Invitation, link: str) -> MailMessage:
    """Queue the invitation e-mail; MailError on a bad address or a line break in a
    header (the subject is the opening's, so a recruiter's edit is checked too)."""
    db.session.flush()
    return queue_templated(
        "invitation", invitation.candidate.email, invitation_subject(invitation.opening),
        ref=invitation_ref(invitation), to_name=invitation.candidate.name,
        **_invitation_context(invitation.opening, invitation.candidate, link,
                              invitation.expires_at))


def preview_invitation(opening: JobOpening, subject: str | None,
                       intro: str | None) -> tuple[str, str, str]:
    """(subject, text, html) of the invitation as a sample candidate would get it."""
    draft = JobOpening(title=opening.title, job_profile=opening.job_profile,
                       mail_subject=subject or None, mail_intro=intro or None)
    sample = User(name="Alex Sample", email="alex.sample@example.com")
    context = _invitation_context(draft, sample, link_for("sample-link"),
                                  utcnow() + timedelta(days=7))
    subject_line = invitation_subject(draft)
    return (subject_line, *render_message("invitation", subject_line, **context))


def open_invitations_for(email: str) -> list[Invitation]:
    """Invitations to which a fresh link makes sense: live, unexpired, not finished."""
    now = utcnow()
    rows = db.session.scalars(
        select(Invitation).join(User, User.id == Invitation.candidate_id)
        .where(User.email == email, User.disabled.is_(False),
               Invitation.revoked_at.is_(None), Invitation.decision.is_(None),
               Invitation.expires_at > now)
        .order_by(Invitation.id)).all()
    return [inv for inv in rows
            if inv.attempt is None or inv.attempt.status not in TERMINAL]


def send_fresh_links(email: str) -> int:
    """A new link for each open invitation of `email` (earlier links stop working);
    returns how many. The caller answers the same whatever the count."""
    invitations = open_invitations_for(email)
    for invitation in invitations:
        link = link_for(services.resend_invitation(invitation))
        queue_templated(
            "fresh_link", invitation.candidate.email,
            f"{organization()}: your new link for {invitation.opening.title}",
            ref=invitation_ref(invitation), to_name=invitation.candidate.name,
            opening=invitation.opening, candidate=invitation.candidate, link=link,
            expires_at=invitation.expires_at, started=invitation.attempt is not None)
    return len(invitations)


def send_reminders(within: timedelta) -> int:
    """Remind, once, every candidate whose open invitation expires within `within` and
    who has not submitted; each reminder carries a fresh link. Returns how many."""
    now = utcnow()
    due = db.session.scalars(
        select(Invitation).where(Invitation.reminded_at.is_(None),
                                 Invitation.revoked_at.is_(None),
                                 Invitation.decision.is_(None),
                                 Invitation.expires_at > now,
                                 Invitation.expires_at <= now + within)
        .order_by(Invitation.id)).all()
    sent = 0
    for invitation in due:
        if invitation.attempt is not None and invitation.attempt.status in TERMINAL:
            continue
        if invitation.candidate.disabled:
            continue
        if not transition(db.session, invitation, {"reminded_at": None}, reminded_at=now):
            continue  # another run reminded this candidate just now
        link = link_for(services.resend_invitation(invitation, keep_expiry=True))
        queue_templated(
            "reminder", invitation.candidate.email,
            f"Reminder: your aptitude test for {invitation.opening.title} closes soon",
            ref=invitation_ref(invitation), to_name=invitation.candidate.name,
            opening=invitation.opening, candidate=invitation.candidate, link=link,
            expires_at=invitation.expires_at, started=invitation.attempt is not None)
        sent += 1
    return sent


def queue_outcome(invitation: Invitation) -> MailMessage:
    """The confirmed decision, told to the candidate; only after a recruiter confirmed."""
    return queue_templated(
        "outcome", invitation.candidate.email,
        f"{organization()}: your application for {invitation.opening.title}",
        ref=invitation_ref(invitation), to_name=invitation.candidate.name,
        opening=invitation.opening, candidate=invitation.candidate,
        decision=invitation.decision, review_url=_review_link(invitation))


def _review_link(invitation: Invitation) -> str | None:
    """A sign-in link to the candidate's own page (human review, data download,
    erasure): candidates have no password, and their test link is spent."""
    if invitation.decision != "not_progressed" or invitation.review_requested_at:
        return None
    return link_for(services.issue_access_token_for(invitation.candidate,
                                                    services.OUTCOME_LINK_VALID))


def on_decision_confirmed(event: Event) -> None:
    """Tell the candidate the outcome once a recruiter confirmed it (never the hurdle's
    recommendation alone)."""
    invitation = db.session.get(Invitation, event.payload["invitation_id"])
    if invitation is None or invitation.decision != event.payload["decision"]:
        return  # changed again since: that change sends its own message
    if invitation.candidate.disabled or invitation.erasure_requested_at:
        return
    try:
        queue_outcome(invitation)
    except MailError as exc:
        current_app.logger.warning("outcome e-mail for invitation %s not queued: %s",
                                   invitation.id, exc)
