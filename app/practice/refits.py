"""Trainers correct the reply scorer: the "not sure" review queue, refits of the overall
grade from their ratings, and the agreement figures that decide whether a refit is used.

Everything here reads and writes the practice bind only. Services flush; views commit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.identity.models import User
from app.practice import library
from app.practice.models import (
    PracticeResponse,
    PracticeShift,
    RatedExample,
    ScorerRefit,
    select_learner_ids,
)
from app.practice.scoring.calibration import Example, predict, retrain
from app.practice.scoring.written import scoring_contact

SCORER = "replies"


def examples() -> list[Example]:
    """Every trainer-rated reply to a contact still in the library."""
    contacts = library.written_contacts()
    rows = db.session.scalars(select(RatedExample).order_by(RatedExample.id))
    return [Example(r.contact_id, scoring_contact(contacts[r.contact_id]), r.text,
                    dict(r.ratings), r.overall)
            for r in rows if r.contact_id in contacts]


def refit_in_use() -> ScorerRefit | None:
    return db.session.scalar(select(ScorerRefit).where(ScorerRefit.in_use.is_(True))
                             .order_by(ScorerRefit.id.desc()).limit(1))


def latest_refit() -> ScorerRefit | None:
    return db.session.scalar(select(ScorerRefit).order_by(ScorerRefit.id.desc()).limit(1))


def run_refit(trainer_id: int) -> ScorerRefit:
    """Score every rated reply, measure on held-out contacts, and keep the refit only when
    it agrees better with the trainers than the rules do (flushes)."""
    params, report = retrain(examples())
    refit = ScorerRefit(trained_by=trainer_id, n_examples=report["n"], in_use=params is not None,
                        params=params, report=report)
    if params is not None:
        for old in db.session.scalars(select(ScorerRefit).where(ScorerRefit.in_use.is_(True))):
            old.in_use = False
    db.session.add(refit)
    db.session.flush()
    return refit


def grade(explained: dict[str, Any], text: str) -> tuple[int, str]:
    """(overall, scorer version) for an explained score: the refit's grade when one is in
    use, else the rules'."""
    refit = refit_in_use()
    if refit is None or not refit.params:
        return explained["overall"], SCORER
    criteria = {row["name"]: row["value"] for row in explained["criteria"]}
    overall = predict(refit.params, criteria, explained["overall"], len(text.split()))
    return overall, f"{SCORER}+refit{refit.id}"


def review_queue(trainer_id: int) -> list[dict[str, Any]]:
    """Written replies of the trainer's learners that the scorer was not sure about and no
    trainer has rated yet, oldest first."""
    learners = list(db.session.scalars(select_learner_ids(trainer_id)))
    reviewed = select(RatedExample.source_response_id).where(
        RatedExample.source_response_id.is_not(None))
    rows = db.session.scalars(
        select(PracticeResponse).join(PracticeShift)
        .where(PracticeShift.user_id.in_(learners),
               PracticeResponse.confident.is_(False), PracticeResponse.text != "",
               PracticeResponse.id.not_in(reviewed))
        .order_by(PracticeResponse.created_at)).all()
    contacts = library.contacts()
    names = dict(db.session.execute(select(User.id, User.name).where(
        User.id.in_({r.shift.user_id for r in rows}))).all()) if rows else {}
    return [{"response": r, "learner": names.get(r.shift.user_id, "?"),
             "title": contacts.get(r.contact_id, {}).get("subject", r.contact_id)}
            for r in rows]
