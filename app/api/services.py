"""API rules: tokens, who sees which employee, employee import.

Services add and flush; the view commits."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from app.api.errors import ApiError
from app.api.models import ApiToken
from app.api.schemas import NewEmployee
from app.extensions import db
from app.hiring.models import Invitation, JobOpening
from app.identity import services as identity
from app.identity.models import Team, User, hash_token, new_token
from app.orm import utcnow

TOKEN_ROLES = ("admin", "recruiter", "supervisor")
TOKEN_PREFIX = "sa_"  # noqa: S105 - a marker, not a secret


def token_roles_for(user: User) -> list[str]:
    return [r for r in TOKEN_ROLES if user.has_role(r)]


def create_token(user: User, name: str, role: str) -> tuple[ApiToken, str]:
    """Issue a token acting as `user` in `role`; returns the raw token (shown once)."""
    name = (name or "").strip()
    if not 1 <= len(name) <= 80:
        raise ApiError("Give the token a name of 1 to 80 characters.", "name")
    if role not in token_roles_for(user):
        raise ApiError("Choose one of your own roles that the API serves.", "role")
    raw = TOKEN_PREFIX + new_token()
    token = ApiToken(user=user, name=name, role=role, token_hash=hash_token(raw),
                     prefix=raw[:10])
    db.session.add(token)
    db.session.flush()
    return token, raw


def revoke_token(token: ApiToken) -> None:
    token.revoked_at = token.revoked_at or utcnow()


def authenticate_token(raw: str) -> ApiToken | None:
    """The live token for `raw`, or None. The user must be active and still hold the role."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(raw)))
    if token is None or token.revoked_at is not None or token.user.disabled:
        return None
    if not token.user.has_role(token.role):
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        token.last_used_at = now  # the caller commits
    return token


# --- employees -------------------------------------------------------------------------


def import_employees(rows: list[NewEmployee]) -> list[User]:
    """Create employee accounts from rows the schema has checked. All or nothing: an
    e-mail already taken or an unknown team raises ApiError listing every problem by row
    and field."""
    teams = {t.name: t for t in db.session.scalars(select(Team))}
    problems: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, row in enumerate(rows):
        where = f"employees[{i}]"
        email = identity.normalize_email(row.email)
        if email in seen or db.session.scalar(select(User.id).where(User.email == email)):
            problems.append({"field": f"{where}.email",
                             "message": f"{email} already has an account."})
        seen.add(email)
        if row.team is not None and row.team not in teams:
            problems.append({"field": f"{where}.team", "message": f"No team named {row.team!r}."})
    if problems:
        first = problems[0]
        raise ApiError(f"Nothing was imported: {len(problems)} problem(s), first "
                       f"{first['field']}: {first['message']}", first["field"], 422, problems)
    return [identity.create_user(identity.normalize_email(row.email), row.name, {"employee"},
                                 team=teams.get(row.team) if row.team is not None else None,
                                 department=row.department)
            for row in rows]


def employee_visible_to(employee: User, viewer: Any) -> bool:
    """Admins see everyone; a supervisor their team; a recruiter the people they hired."""
    if viewer.has_role("admin"):
        return True
    team = employee.team
    if viewer.has_role("supervisor") and team is not None and team.supervisor_id == viewer.id:
        return True
    if viewer.has_role("recruiter"):
        return db.session.scalar(
            select(Invitation.id).join(JobOpening).where(
                Invitation.candidate_id == employee.id, Invitation.decision == "hired",
                JobOpening.recruiter_id == viewer.id)
        ) is not None
    return False
