"""The practice library as stored content: contacts and the labeled set for the model."""

from __future__ import annotations

from typing import Any

from app.content.models import select_documents
from app.extensions import db
from app.practice.models import select_rated_examples
from app.practice.scoring import Example


def contacts() -> dict[str, dict[str, Any]]:
    """Every active practice contact (PracticeContact dump) by id."""
    docs = db.session.scalars(select_documents("practice_contact"))
    return {doc.content_id: doc.data for doc in docs}


def written_contacts() -> dict[str, dict[str, Any]]:
    return {k: c for k, c in contacts().items() if c["channel"] != "phone"}


def labeled_examples() -> list[Example]:
    """The shipped trainer ratings, then the ones trainers added here (stable order)."""
    library = contacts()
    examples = []
    for doc in db.session.scalars(select_documents("rated_response")):
        contact = library.get(doc.data["contact_id"])
        if contact is not None:
            examples.append(Example(doc.data["text"], contact, int(doc.data["overall"])))
    for row in db.session.scalars(select_rated_examples()):
        contact = library.get(row.contact_id)
        if contact is not None:
            examples.append(Example(row.text, contact, row.overall))
    return examples
