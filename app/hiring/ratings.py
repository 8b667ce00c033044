"""A recruiter rates a candidate's work-sample reply; the rating replaces the automatic
overall in the composite (the attempt is re-scored at once)."""

from __future__ import annotations

from app.extensions import db
from app.hiring.catalog import setup_for
from app.hiring.models import Invitation, WorkSampleRating
from app.hiring.scoring import score_and_store, stored_answers
from app.hiring.services import HiringError
from app.hiring.work_sample import automatic
from app.identity.models import User
from app.orm import utcnow
from app.psychometrics import WorkSampleItem

MAX_NOTE = 2000


def rate_work_sample(invitation: Invitation, user: User, item_id: str, overall: int,
                     note: str | None) -> WorkSampleRating:
    """Record ``user``'s 1-5 rating of the reply to ``item_id`` and re-score (flushes)."""
    attempt = invitation.attempt
    if attempt is None or attempt.status != "scored":
        raise HiringError("The work sample can be rated once the test is scored.")
    instrument = setup_for(invitation.opening.job_profile).instrument
    item = next((i for i in instrument.items
                 if isinstance(i, WorkSampleItem) and i.id == item_id), None)
    text = stored_answers(attempt)[0].get(item_id)
    if item is None or not isinstance(text, str) or not text.strip():
        raise HiringError("There is no written reply to rate.")
    if overall not in range(1, 6):
        raise HiringError("Rate the reply from 1 to 5.")
    note = (note or "").strip() or None
    if note and len(note) > MAX_NOTE:
        raise HiringError(f"Keep the note under {MAX_NOTE} characters.")
    rating = WorkSampleRating(attempt=attempt, item_id=item_id, overall=overall,
                              automatic=automatic(item, text).overall, note=note,
                              rated_by_id=user.id, rated_at=utcnow())
    db.session.add(rating)
    db.session.flush()
    score_and_store(attempt)
    return rating
