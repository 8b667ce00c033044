"""A written practice reply (chat, e-mail, fax) scored by the shared reply scorer (pure)."""

from __future__ import annotations

from typing import Any

from app.replies import score_reply
from app.reply_text import explain


def scoring_contact(contact: dict[str, Any]) -> dict[str, Any]:
    """The scorer's view of a practice contact (a PracticeContact dump)."""
    return {"channel": contact["channel"], "customer_name": contact["customer"]["name"],
            "purchase": contact["customer"]["purchase"], "message": contact["opening"],
            "key_facts": list(contact["key_facts"]),
            "must_disclose": list(contact.get("must_disclose") or []),
            "must_not": list(contact.get("must_not") or []),
            "jargon": list(contact.get("jargon") or [])}


def score_written(text: str, contact: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(rubric by criterion, plain-words explanation) for one written reply."""
    explained = explain(score_reply(scoring_contact(contact), text), text)
    rubric = {row["name"]: {k: row[k] for k in ("name", "passed", "value", "evidence")}
              for row in explained["criteria"]}
    return rubric, explained
