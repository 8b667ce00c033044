"""The practice library as stored content: the contacts."""

from __future__ import annotations

from typing import Any

from app.content.models import select_documents
from app.extensions import db


def contacts() -> dict[str, dict[str, Any]]:
    """Every active practice contact (PracticeContact dump) by id."""
    docs = db.session.scalars(select_documents("practice_contact"))
    return {doc.content_id: doc.data for doc in docs}


def written_contacts() -> dict[str, dict[str, Any]]:
    return {k: c for k, c in contacts().items() if c["channel"] != "phone"}
