"""Candidate e-mail for hiring: the invitation, rendered from app/templates/mail."""

from __future__ import annotations

from flask import current_app, render_template

from app.extensions import db
from app.hiring.models import Invitation
from app.mail import MailMessage, queue_mail


def invitation_ref(invitation: Invitation) -> str:
    return f"invitation:{invitation.id}"


def queue_invitation(invitation: Invitation, link: str) -> MailMessage:
    """Queue the invitation e-mail (sent after the caller commits); MailError on a bad
    address or a line break in a header."""
    db.session.flush()
    context = {
        "organization": current_app.config.get("ORGANIZATION_NAME", "Service Academy"),
        "opening": invitation.opening,
        "candidate": invitation.candidate,
        "link": link,
        "expires_at": invitation.expires_at,
    }
    subject = f"{context['organization']}: your aptitude test for {invitation.opening.title}"
    return queue_mail(
        invitation.candidate.email, subject,
        render_template("mail/invitation.txt", **context),
        render_template("mail/invitation.html", **context),
        kind="invitation", ref=invitation_ref(invitation), to_name=invitation.candidate.name,
    )
