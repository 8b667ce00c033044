"""API rules: tokens, what the API shows of openings and candidates, employee import.

Services add and flush; the view commits."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from app.api.errors import ApiError
from app.api.models import ApiToken
from app.extensions import db
from app.hiring.models import Invitation, JobOpening
from app.hiring.pipeline import percentile_of_t
from app.identity import services as identity
from app.identity.models import Team, User, hash_token, new_token
from app.orm import utcnow

TOKEN_ROLES = ("admin", "recruiter", "supervisor")
TOKEN_PREFIX = "sa_"  # noqa: S105 - a marker, not a secret
MAX_IMPORT_ROWS = 500


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


# --- what the API shows ----------------------------------------------------------------


def opening_json(opening: JobOpening) -> dict[str, Any]:
    return {"id": opening.id, "title": opening.title, "job_profile": opening.job_profile,
            "status": opening.status, "created_at": _iso(opening.created_at)}


def invitation_json(inv: Invitation) -> dict[str, Any]:
    """Status and scores of one candidate: stage, timings, hurdle result, trait percentiles."""
    attempt = inv.attempt
    score = (attempt.score or {}) if attempt is not None else {}
    hurdle = score.get("hurdle") or {}
    return {
        "id": inv.id,
        "opening_id": inv.opening_id,
        "candidate": {"name": inv.candidate.name, "email": inv.candidate.email},
        "stage": inv.stage,
        "expires_at": _iso(inv.expires_at),
        "attempt": None if attempt is None else {
            "status": attempt.status,
            "started_at": _iso(attempt.started_at),
            "ended_at": _iso(attempt.ended_at),
            "answered": score.get("answered"),
        },
        "score": None if not score else {
            "composite_t": attempt.composite,
            "percentile": percentile_of_t(attempt.composite),
            "recommendation": attempt.recommendation,
            "cut_score": hurdle.get("cut_score"),
            "close_to_cut": hurdle.get("close_to_cut"),
            "traits": [{"id": t["id"], "name": t["name"], "percentile": t["percentile"],
                        "band": t["band"]} for t in score.get("traits", [])],
            "quality_flags": [f["code"] for f in (attempt.flags or [])],
        },
        "decision": inv.decision,
        "decided_at": _iso(inv.decided_at),
    }


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat() + "Z"


# --- employees -------------------------------------------------------------------------


def import_employees(rows: Any) -> list[User]:
    """Create employee accounts from [{email, name, department?, team?}]. All or nothing:
    any bad row raises ApiError listing every problem by row and field."""
    if not isinstance(rows, list) or not rows:
        raise ApiError("Send a non-empty list under 'employees'.", "employees")
    if len(rows) > MAX_IMPORT_ROWS:
        raise ApiError(f"Send at most {MAX_IMPORT_ROWS} employees per request.", "employees")
    teams = {t.name: t for t in db.session.scalars(select(Team))}
    problems: list[dict[str, Any]] = []
    seen: set[str] = set()
    clean = []
    for i, row in enumerate(rows):
        where = f"employees[{i}]"
        if not isinstance(row, dict):
            problems.append({"field": where, "message": "Each employee must be an object."})
            continue
        email, name = row.get("email"), row.get("name")
        department, team = row.get("department"), row.get("team")
        if not isinstance(email, str) or "@" not in email or len(email) > 254:
            problems.append({"field": f"{where}.email", "message": "A valid e-mail is required."})
            continue
        email = identity.normalize_email(email)
        if email in seen or db.session.scalar(select(User.id).where(User.email == email)):
            problems.append({"field": f"{where}.email",
                             "message": f"{email} already has an account."})
        seen.add(email)
        if not isinstance(name, str) or not 1 <= len(name.strip()) <= 120:
            problems.append({"field": f"{where}.name", "message": "A name of 1-120 characters."})
        if department is not None and (not isinstance(department, str) or len(department) > 80):
            problems.append({"field": f"{where}.department",
                             "message": "The department must be text of at most 80 characters."})
        if team is not None and team not in teams:
            problems.append({"field": f"{where}.team", "message": f"No team named {team!r}."})
        clean.append((email, name, department, teams.get(team) if team is not None else None))
    if problems:
        first = problems[0]
        raise ApiError(f"Nothing was imported: {len(problems)} problem(s), first "
                       f"{first['field']}: {first['message']}", first["field"], 422, problems)
    return [identity.create_user(email, name, {"employee"}, team=team, department=department)
            for email, name, department, team in clean]


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
