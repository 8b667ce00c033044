"""Identity rules: accounts, sign-in sessions and single-use access tokens.

Services add and flush; the caller (a view or a CLI command) commits.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload

from app.events import emit
from app.extensions import db
from app.identity.models import (
    AccessToken,
    Cohort,
    CohortMember,
    LoginSession,
    Team,
    User,
    hash_token,
    new_token,
)
from app.identity.passwords import hash_password, verify_password
from app.orm import transition, utcnow


class IdentityError(ValueError):
    """A rule was broken; the message is fit to show the user."""


def normalize_email(email: str) -> str:
    return email.strip().lower()


def create_user(
    email: str,
    name: str,
    roles: set[str],
    password: str | None = None,
    team: Team | None = None,
    department: str | None = None,
) -> User:
    """Create an account. Candidates get no password (they enter by invitation)."""
    email = normalize_email(email)
    if db.session.scalar(select(User.id).where(User.email == email)):
        raise IdentityError(f"An account with the e-mail {email} already exists.")
    if password is not None and len(password) < 10:
        raise IdentityError("Passwords need at least 10 characters.")
    user = User(email=email, name=name.strip(), team=team, department=department)
    user.set_roles(roles)
    if password is not None and "candidate" not in roles:
        user.password_hash = hash_password(password)
    db.session.add(user)
    db.session.flush()
    if user.password_hash is None and "candidate" not in roles:
        emit("employee.created", {"user_id": user.id, "source": "account"})
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user for these credentials, or None; the same work and answer either way."""
    user = db.session.scalar(select(User).where(User.email == normalize_email(email)))
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or user.disabled:
        return None
    return user


def start_login_session(user: User) -> str:
    """Open a server-side session row and return its raw token (kept only in the cookie)."""
    raw = new_token()
    lifetime = current_app.permanent_session_lifetime
    db.session.add(
        LoginSession(token_hash=hash_token(raw), user=user, expires_at=utcnow() + lifetime)
    )
    db.session.flush()
    user._login_token = raw
    return raw


def load_login_session(raw: str) -> User | None:
    row = db.session.scalar(
        select(LoginSession)
        .options(joinedload(LoginSession.user).joinedload(User.role_rows))
        .where(LoginSession.token_hash == hash_token(raw))
    )
    if row is None or row.expires_at <= utcnow() or row.user.disabled:
        return None
    row.user._login_token = raw
    return row.user


def end_login_session(raw: str | None) -> None:
    if raw:
        db.session.execute(delete(LoginSession).where(LoginSession.token_hash == hash_token(raw)))


def set_disabled(user: User, disabled: bool) -> None:
    """Disabling ends every session of the user at once."""
    user.disabled = disabled
    if disabled:
        db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))


def set_password(user: User, password: str) -> None:
    if len(password) < 10:
        raise IdentityError("Passwords need at least 10 characters.")
    user.password_hash = hash_password(password)
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))


def issue_access_token(user: User, valid_for: timedelta, purpose: str = "invitation") -> str:
    """Create a single-use token for a password-less user; returns the raw token once."""
    raw = new_token()
    db.session.add(
        AccessToken(
            token_hash=hash_token(raw), user=user, purpose=purpose, expires_at=utcnow() + valid_for
        )
    )
    db.session.flush()
    return raw


def get_access_token(raw: str) -> AccessToken | None:
    if not raw or len(raw) > 200:
        return None
    return db.session.scalar(select(AccessToken).where(AccessToken.token_hash == hash_token(raw)))


SIGN_IN_PURPOSES = ("invitation", "sign-in")


def redeem_access_token(raw: str, purposes: tuple[str, ...] = SIGN_IN_PURPOSES) -> User:
    """Exchange a token for its user, spending the token exactly once (of several
    requests racing with one link, one wins). Raises IdentityError with the reason when
    the token is unknown, used, expired or revoked."""
    token = get_access_token(raw)
    if token is None or token.purpose not in purposes:
        raise IdentityError("This link is not valid. Check that you copied the whole address.")
    now = utcnow()
    problem = token.problem(now)
    if problem:
        raise IdentityError(problem)
    if not transition(db.session, token, {"used_at": None, "revoked_at": None}, used_at=now):
        raise IdentityError(token.problem(now) or "This link has already been used.")
    return token.user


def _open_tokens(user: User, purpose: str) -> list[AccessToken]:
    """The user's tokens for `purpose` that are neither used nor revoked."""
    return db.session.scalars(
        select(AccessToken).where(
            AccessToken.user_id == user.id,
            AccessToken.purpose == purpose,
            AccessToken.used_at.is_(None),
            AccessToken.revoked_at.is_(None),
        )
    ).all()


def revoke_access_tokens(user: User, purpose: str = "invitation") -> None:
    for token in _open_tokens(user, purpose):
        token.revoked_at = utcnow()


def extend_access_tokens(user: User, expires_at: datetime, purpose: str = "invitation") -> None:
    """Move the expiry of the user's unused, unrevoked tokens."""
    for token in _open_tokens(user, purpose):
        token.expires_at = expires_at


def create_team(name: str, supervisor: User | None) -> Team:
    if supervisor is not None and not supervisor.has_role("supervisor"):
        raise IdentityError(f"{supervisor.name} is not a supervisor.")
    team = Team(name=name.strip(), supervisor=supervisor)
    db.session.add(team)
    db.session.flush()
    return team


def create_cohort(name: str, trainer: User | None) -> Cohort:
    if trainer is not None and not trainer.has_role("trainer"):
        raise IdentityError(f"{trainer.name} is not a trainer.")
    cohort = Cohort(name=name.strip(), trainer=trainer)
    db.session.add(cohort)
    db.session.flush()
    return cohort


def add_to_cohort(cohort: Cohort, user: User) -> None:
    if db.session.get(CohortMember, (cohort.id, user.id)) is None:
        db.session.add(CohortMember(cohort_id=cohort.id, user_id=user.id))
        db.session.flush()
