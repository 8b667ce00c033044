"""Validate content files and sync them into the database, PrairieLearn-style:

- a valid file is upserted (keyed by its uuid; unchanged files are left alone);
- a file that disappeared is soft-deleted (its row keeps its history);
- a file that fails validation is reported as `path: field: message` and its row,
  if any, is left exactly as it was;
- two files claiming the same id or uuid are both rejected.

Running the sync twice in a row changes nothing the second time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from app.content.models import ContentDocument
from app.content.problems import Document, Problem
from app.content.sources import SOURCES
from app.extensions import db
from app.orm import utcnow


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def gather(root: Path) -> tuple[list[Document], list[Problem]]:
    """Validate every content file under `root`; nothing is written."""
    documents: list[Document] = []
    problems: list[Problem] = []
    for source in SOURCES:
        docs, probs = source(root)
        documents.extend(docs)
        problems.extend(probs)
    return _drop_duplicates(documents, problems)


def _drop_duplicates(
    documents: list[Document], problems: list[Problem]
) -> tuple[list[Document], list[Problem]]:
    by_key: dict[tuple[str, str], list[Document]] = defaultdict(list)
    by_uuid: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        by_key[(doc.kind, doc.content_id)].append(doc)
        by_uuid[doc.uuid].append(doc)
    bad: set[str] = set()
    for groups, label in ((by_key.values(), "id"), (by_uuid.values(), "uuid")):
        for group in groups:
            if len(group) > 1:
                paths = sorted(d.path for d in group)
                for doc in group:
                    others = ", ".join(p for p in paths if p != doc.path)
                    value = doc.content_id if label == "id" else doc.uuid
                    problems.append(
                        Problem(doc.path, label, f"duplicate {label} '{value}' (also in {others})")
                    )
                    bad.add(doc.path)
    return [d for d in documents if d.path not in bad], problems


def sync_content(root: Path) -> SyncReport:
    """Bring the database in line with the files under `root` (flushes, never commits)."""
    return apply_documents(*gather(root))


def apply_documents(documents: list[Document], problems: list[Problem]) -> SyncReport:
    """Upsert validated documents and soft-delete missing ones (see module docstring)."""
    report = SyncReport(problems=list(problems))
    invalid_paths = {p.path for p in problems}
    rows = {row.uuid: row for row in db.session.scalars(select(ContentDocument))}
    seen: set[str] = set()
    now = utcnow()
    for doc in documents:
        seen.add(doc.uuid)
        row = rows.get(doc.uuid)
        if row is None:
            db.session.add(_new_row(doc))
            report.created.append(doc.path)
        elif row.checksum != doc.checksum or row.deleted_at is not None or row.path != doc.path:
            row.kind, row.content_id, row.path, row.title = (
                doc.kind, doc.content_id, doc.path, doc.title
            )
            row.data, row.checksum, row.deleted_at = doc.data, doc.checksum, None
            report.updated.append(doc.path)
        else:
            report.unchanged += 1
    for uuid, row in rows.items():
        if uuid not in seen and row.deleted_at is None and row.path not in invalid_paths:
            row.deleted_at = now
            report.deleted.append(row.path)
    db.session.flush()
    return report


def _new_row(doc: Document) -> ContentDocument:
    return ContentDocument(
        uuid=doc.uuid, kind=doc.kind, content_id=doc.content_id, path=doc.path,
        title=doc.title, checksum=doc.checksum, data=doc.data,
    )
