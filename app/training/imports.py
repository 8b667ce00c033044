"""CSV uploads: blocked dates and enrollment lists. All or nothing: any bad row is
reported (row number and problem) and nothing is saved."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from app.content.models import select_documents
from app.extensions import db
from app.identity.models import User
from app.training.courses import course_view
from app.training.models import BlockedDate

MAX_ROWS = 5000
MAX_BLOCK_DAYS = 366


@dataclass
class ImportReport:
    saved: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _rows(raw: bytes, required: tuple[str, ...], report: ImportReport) -> list[dict[str, str]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.errors.append("The file is not UTF-8 text. Save it as CSV (UTF-8) and retry.")
        return []
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in header]
    if missing:
        report.errors.append(
            f"Header row: missing column(s) {', '.join(missing)}; expected {', '.join(required)}."
        )
        return []
    reader.fieldnames = header
    rows = [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    if not rows:
        report.errors.append("The file has a header but no rows.")
    if len(rows) > MAX_ROWS:
        report.errors.append(f"Too many rows ({len(rows)}); the limit is {MAX_ROWS}.")
        return []
    return rows


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _users_by_email() -> dict[str, User]:
    return {u.email: u for u in db.session.scalars(select(User))}


def import_blocked_dates(raw: bytes) -> ImportReport:
    """Columns: email, from, to (to optional; dates as YYYY-MM-DD)."""
    report = ImportReport()
    rows = _rows(raw, ("email", "from"), report)
    users = _users_by_email()
    wanted: set[tuple[int, date]] = set()
    for n, row in enumerate(rows, start=2):
        user = users.get(row.get("email", "").lower())
        first = _parse_date(row.get("from", ""))
        last = _parse_date(row.get("to") or row.get("from", ""))
        if user is None:
            report.errors.append(f"Row {n}: no account with the e-mail {row.get('email')!r}.")
        elif first is None or last is None:
            report.errors.append(f"Row {n}: dates must look like 2026-12-24.")
        elif last < first:
            report.errors.append(f"Row {n}: 'to' ({last}) is before 'from' ({first}).")
        elif (last - first).days >= MAX_BLOCK_DAYS:
            report.errors.append(f"Row {n}: a blocked span may not exceed {MAX_BLOCK_DAYS} days.")
        else:
            wanted.update((user.id, first + timedelta(days=d))
                          for d in range((last - first).days + 1))
    if report.errors:
        return report
    existing = set(db.session.execute(select(BlockedDate.user_id, BlockedDate.day)).all())
    for user_id, day in sorted(wanted - existing):
        db.session.add(BlockedDate(user_id=user_id, day=day))
    report.saved = len(wanted - existing)
    db.session.flush()
    return report


def import_enrollments(raw: bytes, by: User) -> ImportReport:
    """Columns: email, course (course id), due_date (optional), due_reason (optional)."""
    from app.training.services import TrainingError, enroll

    report = ImportReport()
    rows = _rows(raw, ("email", "course"), report)
    users = _users_by_email()
    courses = {d.content_id: course_view(d) for d in db.session.scalars(select_documents("course"))}
    todo = []
    for n, row in enumerate(rows, start=2):
        user = users.get(row.get("email", "").lower())
        course = courses.get(row.get("course", ""))
        due_text = row.get("due_date", "")
        due = _parse_date(due_text) if due_text else None
        if user is None:
            report.errors.append(f"Row {n}: no account with the e-mail {row.get('email')!r}.")
        elif not user.has_role("employee") or user.disabled:
            report.errors.append(f"Row {n}: {user.email} is not an active employee.")
        elif course is None:
            report.errors.append(f"Row {n}: no course with the id {row.get('course')!r}.")
        elif due_text and due is None:
            report.errors.append(f"Row {n}: due_date must look like 2026-12-24.")
        else:
            todo.append((user, course, due, row.get("due_reason") or None))
    if report.errors:
        return report
    try:
        for user, course, due, reason in todo:
            enroll(user, course, due, reason[:200] if reason else None, by)
    except TrainingError as exc:
        report.errors.append(str(exc))
        return report
    report.saved = len(todo)
    return report
