"""Try a contact again and compare the attempts.

A retry is a one-contact shift of an unlisted retry profile: the same practice contact
arrives at once and is opened for the learner, outside any live queue, so the simulator
keeps owning every shift's state and log. It is played the way the original was: a
simulated customer who talks back after a live shift, the written reply or scripted call
with the clock paused after a guided one. Every answer a
learner gave to the same contact, in a shift or a retry, is an attempt of it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.practice import library, services
from app.practice.models import PracticeResponse, PracticeShift
from app.practice.profiles import PROFILES, RETRY, RETRY_GUIDED, RETRY_IDS
from app.practice.scoring import CRITERIA
from app.practice.scoring.feedback import ALL_LABELS

LABELS = ALL_LABELS | {"clear_next_step": "Clear next step"}


class AttemptError(ValueError):
    """A retry that cannot start; the message is fit to show."""


def is_retry(shift: PracticeShift) -> bool:
    return shift.profile in RETRY_IDS


def retry(user_id: int, response: PracticeResponse, now: datetime,
          time_factor: float = 1.0) -> PracticeShift:
    """Start a fresh attempt of ``response``'s contact and open it (flushes)."""
    if response.shift.user_id != user_id:
        raise AttemptError("You can only try your own contacts again.")
    if response.contact_id not in library.contacts():
        raise AttemptError("This contact is no longer in the practice library.")
    if services.running_shift(user_id) is not None:
        raise AttemptError("Finish the shift you have running first; its clock keeps "
                           "going while you are away.")
    original = PROFILES.get(response.shift.profile)
    profile = RETRY_GUIDED if original is not None and original.guided else RETRY
    shift = services.start_shift(user_id, profile.id, now, time_factor=time_factor,
                                 contact_id=response.contact_id)
    shift.sim_state = shift.sim_state | {"retry_of": response.id}
    # the customer arrives at 09:00:00; the clock moves one second so they are waiting
    services.open_contact(shift, shift.sim_state["practice"][0]["sim_id"],
                          now + timedelta(seconds=1))
    return shift


def close_if_retry(shift: PracticeShift, now: datetime) -> bool:
    """End a retry once its one contact is answered; whether ``shift`` was a retry."""
    if not is_retry(shift):
        return False
    if shift.status == "running" and not services.opened(shift):
        services.end_shift(shift, now)
    return True


def select_attempts(user_id: int, contact_id: str):
    """The learner's answers to one contact, oldest first."""
    return (select(PracticeResponse).join(PracticeShift)
            .where(PracticeShift.user_id == user_id, PracticeResponse.contact_id == contact_id)
            .order_by(PracticeResponse.created_at, PracticeResponse.id))


def _met(response: PracticeResponse) -> int:
    return sum(bool(response.rubric.get(c, {}).get("passed")) for c in CRITERIA)


def _outcome(response: PracticeResponse) -> str:
    return next((f["text"] for f in response.feedback if f.get("kind") == "outcome"), "")


def _words(response: PracticeResponse) -> list[dict[str, str]]:
    """What the learner said: the transcript, the chosen lines of a scripted call, or
    the written reply."""
    if response.transcript:
        return [{"who": t["who"], "text": t["text"]} for t in response.transcript]
    lines = [f["label"] for f in response.feedback if f.get("kind") == "dialogue"]
    if lines:
        return [{"who": "agent", "text": line} for line in lines]
    return [{"who": "agent", "text": response.text}] if response.text else []


def summary(n: int, response: PracticeResponse) -> dict[str, Any]:
    """One attempt as the comparison shows it."""
    profile = PROFILES.get(response.shift.profile)
    return {"n": n, "id": response.id, "when": response.created_at, "channel": response.channel,
            "where": profile.title if profile else response.shift.profile,
            "retry": is_retry(response.shift), "met": _met(response), "of": len(CRITERIA),
            "grade": response.model_grade, "outcome": _outcome(response),
            "words": _words(response)}


def _row(name: str, a: PracticeResponse, b: PracticeResponse) -> dict[str, Any]:
    checks = [r.rubric.get(name) for r in (a, b)]
    passed = [None if c is None else bool(c.get("passed")) for c in checks]
    change = ("better" if passed == [False, True] else "worse" if passed == [True, False]
              else "same")
    return {"name": name, "label": LABELS.get(name, name), "passed": passed, "change": change,
            "evidence": [(c or {}).get("evidence", "") for c in checks]}


def compare(user_id: int, response: PracticeResponse, other_id: int | None
            ) -> dict[str, Any] | None:
    """The attempts of ``response``'s contact and the two compared: ``other_id`` (default:
    the attempt before, or after for the first) against ``response``. None when
    ``response`` is not the learner's or ``other_id`` is no attempt of the same contact."""
    if response.shift.user_id != user_id:
        return None
    attempts = list(db.session.scalars(select_attempts(user_id, response.contact_id)))
    index = {r.id: i for i, r in enumerate(attempts)}
    here = index[response.id]
    if other_id is None:
        other_id = attempts[here - 1].id if here else (
            attempts[1].id if len(attempts) > 1 else None)
    if other_id is not None and other_id not in index:
        return None
    pair = sorted({here, index.get(other_id, here)})
    a, b = attempts[pair[0]], attempts[pair[-1]]
    return {"contact": library.contacts().get(response.contact_id),
            "attempts": [summary(i + 1, r) for i, r in enumerate(attempts)],
            "a": summary(pair[0] + 1, a), "b": summary(pair[-1] + 1, b),
            "single": len(pair) == 1,
            "rows": [_row(name, a, b) for name in CRITERIA],
            "met_change": _met(b) - _met(a)}
