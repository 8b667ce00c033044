"""Account e-mail: the welcome with a set-password link, and password reset.

Both carry a single-use, expiring access token; the raw token exists only in the
message. A reset request answers the same whether or not the address is known.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from app.events import Event
from app.extensions import db
from app.identity import services
from app.identity.models import User
from app.mail import MailError, organization, queue_templated
from app.orm import utcnow
from app.web import external_url

WELCOME_LINK_VALID = timedelta(days=14)
RESET_LINK_VALID = timedelta(minutes=60)
RESET_PURPOSE = "password_reset"


def on_employee_created(event: Event) -> None:
    """A new employee without a password gets a welcome e-mail with a sign-in link."""
    user = db.session.get(User, event.payload["user_id"])
    if user is None or user.disabled or user.password_hash is not None:
        return
    raw = services.issue_access_token(user, WELCOME_LINK_VALID)
    try:
        queue_templated("welcome", user.email, f"Welcome to {organization()}: set your password",
                        ref=f"user:{user.id}", to_name=user.name, user=user,
                        link=external_url("identity.redeem_invitation", token=raw),
                        expires_at=utcnow() + WELCOME_LINK_VALID)
    except MailError as exc:
        current_app.logger.warning("welcome e-mail for user %s not queued: %s", user.id, exc)


def request_password_reset(email: str) -> bool:
    """Queue a reset link when `email` belongs to an active account that signs in with a
    password; earlier reset links stop working. True when a message was queued."""
    user = db.session.scalar(select(User).where(User.email == services.normalize_email(email)))
    if user is None or user.disabled or user.has_role("candidate"):
        return False
    services.revoke_access_tokens(user, RESET_PURPOSE)
    raw = services.issue_access_token(user, RESET_LINK_VALID, purpose=RESET_PURPOSE)
    queue_templated("password_reset", user.email, f"{organization()}: reset your password",
                    ref=f"user:{user.id}", to_name=user.name, user=user,
                    link=external_url("identity.reset_password", token=raw),
                    minutes=int(RESET_LINK_VALID.total_seconds() // 60))
    return True
