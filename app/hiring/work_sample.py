"""The work sample judged by the shared reply scorer, or by a recruiter who rated it.

The psychometrics core turns an overall rating (1-5) into trait points (``JudgedReply``).
This adapter supplies that rating: the latest recruiter rating of the item when there is
one, else ``app.replies.score_reply``. A human and an automatic overall that differ by
``DISAGREE`` or more are flagged. Only numbers are stored with the score; the reply and the
evidence quoted from it are read from the saved answer, so retention removes them together.
"""

from __future__ import annotations

import re
from typing import Any

from app.hiring.models import Attempt, WorkSampleRating
from app.psychometrics import JudgedReply, WorkSampleItem
from app.replies import ReplyScore, score_reply
from app.reply_text import explain

DISAGREE = 2


def reply_contact(item: WorkSampleItem) -> dict[str, Any]:
    """The scorer's view of a work-sample item."""
    return {"channel": "email", "customer_name": item.customer_name,
            "purchase": item.purchase or "", "message": item.customer_message,
            "key_facts": list(item.key_facts), "must_disclose": list(item.must_disclose),
            "must_not": list(item.must_not), "jargon": list(item.jargon)}


def automatic(item: WorkSampleItem, text: str) -> ReplyScore:
    return score_reply(reply_contact(item), text)


def latest_rating(attempt: Attempt, item_id: str) -> WorkSampleRating | None:
    rated = [r for r in attempt.work_ratings if r.item_id == item_id]
    return rated[-1] if rated else None


def _work_items(instrument: Any) -> list[WorkSampleItem]:
    return [i for i in instrument.items if isinstance(i, WorkSampleItem)]


def judge_answers(attempt: Attempt, instrument: Any, clean: dict[str, Any]
                  ) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """``clean`` with every answered work sample judged, and what decided each one."""
    judged, summary = dict(clean), {}
    for item in _work_items(instrument):
        if not isinstance(clean.get(item.id), str):
            continue
        auto = automatic(item, clean[item.id]).overall
        rating = latest_rating(attempt, item.id)
        overall = rating.overall if rating else auto
        source = "recruiter" if rating else "automatic"
        judged[item.id] = JudgedReply(clean[item.id], overall, source)
        summary[item.id] = {"overall": overall, "source": source, "automatic": auto,
                            "human": rating.overall if rating else None,
                            "disagree": bool(rating) and abs(rating.overall - auto) >= DISAGREE}
    return judged, summary


def work_sample_views(attempt: Attempt | None, instrument: Any,
                      answers: dict[str, Any]) -> list[dict[str, Any]]:
    """What the candidate page and the PDF show per work sample: the task, the reply in
    full, the automatic criteria with evidence, and the recruiter's rating."""
    views = []
    for item in _work_items(instrument):
        text = answers.get(item.id)
        if not isinstance(text, str) or not text.strip():
            continue
        score = automatic(item, text)
        rating = latest_rating(attempt, item.id) if attempt is not None else None
        views.append({
            "item": item, "message": re.sub(r"(?<!\n)\n(?!\n)", " ", item.customer_message),
            "text": text.strip(), "words": len(text.split()),
            "auto": explain(score, text), "rating": rating,
            "used": rating.overall if rating else score.overall,
            "disagree": bool(rating) and abs(rating.overall - score.overall) >= DISAGREE,
        })
    return views


def with_stored_overall(score: dict[str, Any] | None, answers: dict[str, Any]) -> dict[str, Any]:
    """``answers`` with each work sample judged by the overall its stored score used, so
    re-scoring and item statistics agree with the live score without judging again."""
    judged = dict(answers)
    for item_id, info in ((score or {}).get("work_sample") or {}).items():
        if isinstance(info, dict) and isinstance(judged.get(item_id), str):
            judged[item_id] = JudgedReply(judged[item_id], info["overall"], info["source"])
    return judged
