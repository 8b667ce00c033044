"""Coaching: what a trainer sees of the learners in the cohorts they lead, and the
replies trainers rate on the scorer's criteria."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.identity.models import User
from app.practice import library
from app.practice.coaching_models import PracticeComment
from app.practice.models import (
    PracticeResponse,
    PracticeShift,
    RatedExample,
    coaches,
    select_learner_ids,
    select_shifts_for,
)
from app.practice.scoring import CRITERIA

MAX_COMMENT = 3000


class CoachingError(ValueError):
    """Bad input from a trainer; the message is fit to show."""


def learners(trainer_id: int) -> list[dict[str, Any]]:
    """Each learner in the trainer's cohorts with their practice at a glance."""
    ids = list(db.session.scalars(select_learner_ids(trainer_id)))
    users = db.session.scalars(select(User).where(User.id.in_(ids)).order_by(User.name)).all()
    rows = []
    for user in users:
        shifts = db.session.scalars(select_shifts_for(user.id)).all()
        responses = [r for s in shifts for r in s.responses]
        met = sum(bool(r.rubric.get(c, {}).get("passed")) for r in responses for c in CRITERIA)
        rows.append({"user": user, "shifts": len(shifts), "answered": len(responses),
                     "last": shifts[0].started_at if shifts else None,
                     "met": met, "points": len(responses) * len(CRITERIA)})
    return rows


def learner_shifts(trainer_id: int, learner_id: int) -> list[PracticeShift] | None:
    """The learner's shifts, or None when the trainer does not coach this learner."""
    if not coaches(trainer_id, learner_id):
        return None
    return list(db.session.scalars(select_shifts_for(learner_id)))


def add_rated_example(rater_id: int, contact_id: str, text: str, ratings: dict[str, bool],
                      overall: int, source_response_id: int | None = None) -> RatedExample:
    """Store a trainer's rating of a written reply (flushes)."""
    contact = library.written_contacts().get(contact_id)
    if contact is None:
        raise CoachingError("Choose a chat, e-mail or fax contact from the list.")
    text = (text or "").strip()
    if not 20 <= len(text) <= 5000:
        raise CoachingError("The reply must be between 20 and 5000 characters.")
    if overall not in (1, 2, 3, 4, 5):
        raise CoachingError("Overall must be 1 to 5.")
    example = RatedExample(contact_id=contact_id, text=text, overall=overall, rater_id=rater_id,
                           ratings={c: int(bool(ratings.get(c))) for c in CRITERIA},
                           source_response_id=source_response_id)
    db.session.add(example)
    db.session.flush()
    return example


def may_comment(user: Any, response: PracticeResponse) -> bool:
    """A trainer comments on the attempts of the learners of their own cohorts."""
    learner_id = response.shift.user_id
    return (user.has_role("trainer") and learner_id != user.id
            and coaches(user.id, learner_id))


def add_comment(trainer: Any, response: PracticeResponse, text: str) -> PracticeComment:
    """Store a trainer's comment on a learner's attempt (flushes)."""
    if not may_comment(trainer, response):
        raise CoachingError("You comment only on the practice of your own cohorts' learners.")
    text = (text or "").strip()
    if not text:
        raise CoachingError("text: write your comment first.")
    if len(text) > MAX_COMMENT:
        raise CoachingError(f"text: at most {MAX_COMMENT} characters (this has {len(text)}).")
    comment = PracticeComment(response_id=response.id, learner_id=response.shift.user_id,
                              author_id=trainer.id, text=text)
    db.session.add(comment)
    db.session.flush()
    return comment
