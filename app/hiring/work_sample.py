"""The work sample judged by the shared reply scorer, or by a recruiter who rated it.

The psychometrics core turns an overall rating (1-5) into trait points (``JudgedReply``).
This adapter supplies that rating: the latest recruiter rating of the item when there is
one, else ``app.replies.score_reply``. A human and an automatic overall that differ by
``DISAGREE`` or more are flagged. For the trait model each rubric criterion is judged by
the shared scorer's criterion it names (``criterion_codes``), never by keywords alone, and
a capped reply gives no trait evidence. Only numbers are stored with the score; the reply and the
evidence quoted from it are read from the saved answer, so retention removes them together.
"""

from __future__ import annotations

import re
from typing import Any

from app.hiring.models import Attempt, WorkSampleRating
from app.psychometrics import JudgedReply, WorkSampleItem
from app.psychometrics.work_sample import TOP_CODE, evaluate_criterion
from app.replies import ReplyScore, score_reply
from app.reply_text import MAXIMUM, explain

DISAGREE = 2
#: The overall a reply needs before its criteria count as trait evidence (the scorer caps a
#: wrong, hidden or forbidden fact at 2).
EVIDENCE_FROM = 3


def reply_contact(item: WorkSampleItem) -> dict[str, Any]:
    """The scorer's view of a work-sample item."""
    return {"channel": "email", "customer_name": item.customer_name,
            "purchase": item.purchase or "", "message": item.customer_message,
            "key_facts": list(item.key_facts), "must_disclose": list(item.must_disclose),
            "must_not": list(item.must_not), "jargon": list(item.jargon)}


def automatic(item: WorkSampleItem, text: str) -> ReplyScore:
    return score_reply(reply_contact(item), text)


def criterion_codes(item: WorkSampleItem, text: str, score: ReplyScore,
                    overall: int) -> tuple[int, ...] | None:
    """One code per rubric criterion for the trait model: top where the shared scorer
    meets the criterion's ``judged_by`` (full marks for ``resolves_accurately``), or where
    its own checks pass when it names none; zero in a reply whose ``overall`` is capped.
    None for a rubric that names no ``judged_by`` (every criterion then takes the overall,
    as before)."""
    if not any(c.judged_by for c in item.criteria):
        return None
    if overall < EVIDENCE_FROM:
        return (0,) * len(item.criteria)
    codes = []
    for criterion in item.criteria:
        if criterion.judged_by is None:
            met = evaluate_criterion(criterion, text).met
        else:
            met = score.criteria.get(criterion.judged_by, 0) >= MAXIMUM[criterion.judged_by]
        codes.append(TOP_CODE if met else 0)
    return tuple(codes)


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
        score = automatic(item, clean[item.id])
        auto = score.overall
        rating = latest_rating(attempt, item.id)
        overall = rating.overall if rating else auto
        source = "recruiter" if rating else "automatic"
        codes = criterion_codes(item, clean[item.id], score, overall)
        judged[item.id] = JudgedReply(clean[item.id], overall, source, codes)
        summary[item.id] = {"overall": overall, "source": source, "automatic": auto,
                            **({"codes": list(codes)} if codes else {}),
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
            codes = info.get("codes")
            judged[item_id] = JudgedReply(judged[item_id], info["overall"], info["source"],
                                          tuple(codes) if codes else None)
    return judged
