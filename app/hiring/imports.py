"""Bulk invitations from a CSV upload: all rows valid, or nothing imported."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.csv_io import read_csv
from app.extensions import db
from app.hiring.models import Invitation, JobOpening
from app.hiring.services import ALLOWED_FACTORS, HiringError, invite_candidate
from app.identity.models import User
from app.validators import EMAIL_PATTERN as EMAIL_RE

FACTOR_ALIASES = {"": "1", "1": "1", "1.0": "1", "1.25": "5/4", "1.5": "3/2", "2": "2", "2.0": "2"}


@dataclass
class ImportResult:
    invited: list[tuple[Invitation, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def import_invitations(opening: JobOpening, data: bytes) -> ImportResult:
    """Validate every row first; invite only when the whole file is clean."""
    rows = read_csv(data, required=("name", "email"), optional=("extra_time",))
    result = ImportResult()
    seen: set[str] = set()
    already = set(db.session.scalars(
        select(func.lower(User.email)).join(Invitation, Invitation.candidate_id == User.id)
        .where(Invitation.opening_id == opening.id)
    ))
    for row in rows:
        line, email = row["_line"], row["email"].lower()
        if not row["name"] or len(row["name"]) > 120:
            result.errors.append(f"Line {line}: name is required (at most 120 characters).")
        if not EMAIL_RE.match(email) or len(email) > 254:
            result.errors.append(f"Line {line}: '{row['email']}' is not an e-mail address.")
        elif email in seen:
            result.errors.append(f"Line {line}: {email} appears twice in the file.")
        elif email in already:
            result.errors.append(f"Line {line}: {email} is already invited to this opening.")
        seen.add(email)
        factor = FACTOR_ALIASES.get(row.get("extra_time", ""), row.get("extra_time", ""))
        if factor not in ALLOWED_FACTORS:
            result.errors.append(
                f"Line {line}: extra_time '{row.get('extra_time')}' must be 1, 1.25, 1.5 or 2."
            )
        row["factor"] = factor
    if result.errors:
        return result
    with db.session.begin_nested() as savepoint:
        for row in rows:
            try:
                result.invited.append(
                    invite_candidate(opening, row["name"], row["email"], row["factor"])
                )
            except HiringError as exc:
                result.errors.append(f"Line {row['_line']}: {exc}")
        if result.errors:
            savepoint.rollback()
            result.invited = []
    return result
