"""The candidate's voluntary self-identification and research consent."""

from __future__ import annotations

from app.extensions import db
from app.hiring.models import Invitation
from app.measurement.models import (
    DIMENSIONS,
    PREFER_NOT,
    SelfIdentification,
    get_self_identification,
)

FINISHED = ("submitted", "expired", "scored")


def can_self_identify(invitation: Invitation | None) -> bool:
    """The form is offered once the candidate has finished the test."""
    return (invitation is not None and invitation.attempt is not None
            and invitation.attempt.status in FINISHED)


def save_self_identification(invitation: Invitation, answers: dict[str, str | None],
                             research_consent: bool) -> SelfIdentification:
    """Store (or replace) the answers; every one is optional. Unknown values are refused."""
    row = get_self_identification(invitation.id)
    if row is None:
        row = SelfIdentification(invitation_id=invitation.id)
        db.session.add(row)
    for dimension, (title, choices) in DIMENSIONS.items():
        value = answers.get(dimension) or None
        if value not in (None, PREFER_NOT, *dict(choices)):
            raise ValueError(f"{title}: {value!r} is not one of the offered answers.")
        setattr(row, dimension, value)
    row.research_consent = bool(research_consent)
    db.session.flush()
    return row
