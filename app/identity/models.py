"""Users, roles, teams, cohorts, server-side login sessions and access tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.orm import TimestampMixin, utcnow

ROLES = ("admin", "recruiter", "author", "trainer", "supervisor", "employee", "candidate")
# The role whose home page a user with several roles lands on, first match wins.
HOME_ORDER = ("admin", "recruiter", "author", "trainer", "supervisor", "employee", "candidate")


def hash_token(raw: str) -> str:
    """Tokens are stored as SHA-256 digests: a leaked table opens no door."""
    return hashlib.sha256(raw.encode()).hexdigest()


def new_token() -> str:
    """A URL-safe token with 256 bits of randomness."""
    return secrets.token_urlsafe(32)


class Team(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    supervisor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL", use_alter=True)
    )

    supervisor: Mapped[User | None] = relationship(foreign_keys=[supervisor_id])


class Cohort(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    trainer_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL", use_alter=True)
    )

    trainer: Mapped[User | None] = relationship(foreign_keys=[trainer_id])

    def visible_to(self, user: User) -> bool:
        return user.has_role("admin") or (user.has_role("trainer") and self.trainer_id == user.id)


class CohortMember(db.Model):
    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("cohort.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )


class UserRole(db.Model):
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class User(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    department: Mapped[str | None] = mapped_column(String(80))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"))

    team: Mapped[Team | None] = relationship(foreign_keys=[team_id])
    role_rows: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(r.role for r in self.role_rows)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def set_roles(self, roles: set[str]) -> None:
        unknown = set(roles) - set(ROLES)
        if unknown:
            raise ValueError(f"unknown role(s): {', '.join(sorted(unknown))}")
        self.role_rows = [UserRole(role=r) for r in sorted(roles)]

    @property
    def home_role(self) -> str | None:
        return next((r for r in HOME_ORDER if r in self.roles), None)

    # Flask-Login protocol. get_id is the login-session token, not the user id, so
    # the server can end one browser's session without touching the others.
    is_authenticated = True
    is_anonymous = False
    _login_token = None  # set per request by the session loader

    @property
    def is_active(self) -> bool:
        return not self.disabled

    def get_id(self) -> str | None:
        return self._login_token

    def visible_to(self, user: User) -> bool:
        return user.id == self.id or user.has_role("admin")

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class LoginSession(db.Model):
    """One row per signed-in browser; deleting it signs that browser out everywhere,
    so a copied cookie stops working after logout or account disabling."""

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)

    user: Mapped[User] = relationship(lazy="joined")


class AccessToken(db.Model):
    """A single-use, expiring token that lets a password-less user (a candidate) in."""

    __table_args__ = (UniqueConstraint("token_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(30), default="invitation")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)

    user: Mapped[User] = relationship()

    def problem(self, now: datetime) -> str | None:
        """Why this token cannot be used now, or None if it can."""
        if self.revoked_at is not None:
            return "This invitation link has been withdrawn. Please contact the recruiter."
        if self.used_at is not None:
            return "This invitation link has already been used. Links work once."
        if now >= self.expires_at:
            return "This invitation link has expired. Ask the recruiter for a new one."
        if self.user.disabled:
            return "This account is closed."
        return None


def select_users(role: str | None = None):
    stmt = select(User).order_by(User.name)
    if role:
        stmt = stmt.join(UserRole).where(UserRole.role == role)
    return stmt


def select_cohort_members(cohort_id: int):
    return (
        select(User)
        .join(CohortMember, CohortMember.user_id == User.id)
        .where(CohortMember.cohort_id == cohort_id)
        .order_by(User.name)
    )

