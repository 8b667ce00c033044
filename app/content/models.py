"""Content documents: one row per validated file under courses/ and assessments/.

Rows are keyed by the file's `uuid`, so renaming a file or its slug id does not
orphan learner or candidate records that point at it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, String, select
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.orm import TimestampMixin


class ContentDocument(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    content_id: Mapped[str] = mapped_column(String(120), index=True)
    path: Mapped[str] = mapped_column(String(300))
    title: Mapped[str] = mapped_column(String(300), default="")
    checksum: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)


def select_documents(kind: str | None = None, include_deleted: bool = False):
    stmt = select(ContentDocument).order_by(ContentDocument.kind, ContentDocument.content_id)
    if kind is not None:
        stmt = stmt.where(ContentDocument.kind == kind)
    if not include_deleted:
        stmt = stmt.where(ContentDocument.deleted_at.is_(None))
    return stmt


def get_document(kind: str, content_id: str) -> ContentDocument | None:
    return db.session.scalar(
        select_documents(kind).where(ContentDocument.content_id == content_id)
    )
