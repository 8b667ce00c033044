"""A recruiter rates a served tryout contact by hand; the rating replaces the automatic
reply quality of that contact (stored as a work-sample rating of item ``tryout:<contact>``,
who and when recorded) and the attempt is re-scored at once."""

from __future__ import annotations

from typing import Any

from app.extensions import db
from app.hiring.models import Attempt, WorkSampleRating
from app.hiring.scoring import score_and_store
from app.hiring.services import HiringError
from app.hiring.tryout.services import RATING_PREFIX, result
from app.orm import utcnow

MAX_NOTE = 2000


def rate_contact(attempt: Attempt | None, user: Any, contact_id: str, overall: int,
                 note: str | None) -> WorkSampleRating:
    """Record ``user``'s 1-5 rating of one served tryout contact; it replaces the
    automatic reply quality and the attempt is re-scored (flushes)."""
    if attempt is None or attempt.status != "scored":
        raise HiringError("The tryout can be rated once the test is scored.")
    found = result(attempt)
    row = next((r for r in (found or {}).get("contacts", []) if r["contact_id"] == contact_id),
               None)
    if row is None or not row["served"]:
        raise HiringError("The candidate did not serve that contact; there is nothing to rate.")
    if overall not in range(1, 6):
        raise HiringError("Rate the contact from 1 to 5.")
    note = (note or "").strip() or None
    if note and len(note) > MAX_NOTE:
        raise HiringError(f"Keep the note under {MAX_NOTE} characters.")
    rating = WorkSampleRating(attempt=attempt, item_id=RATING_PREFIX + contact_id,
                              overall=overall, automatic=row["auto"], note=note,
                              rated_by_id=user.id, rated_at=utcnow())
    db.session.add(rating)
    db.session.flush()
    score_and_store(attempt)
    return rating
