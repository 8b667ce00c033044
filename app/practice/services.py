"""Practice shifts: start, keep the simulated clock in step with the wall clock, open a
waiting contact, answer it, end the shift.

The shift is stored as simulator inputs plus its action log (``sim_state["sim"]``) and
rebuilt on each request (``InteractiveShift.from_state``). The practice clock runs at the
profile's speed while the trainee looks at the queue and pauses while a contact is open.
Services flush; views commit.
"""

from __future__ import annotations

import math
import random
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.orm import transition
from app.practice import library
from app.practice.models import PracticeResponse, PracticeShift
from app.practice.profiles import PROFILES, TRAINEE, arrivals, clock, scenario, trainee
from app.practice.review import summarize
from app.practice.scoring import (
    DialogueError,
    contact_feedback,
    handling_note,
    order_note,
    score_dialogue,
    score_written,
    walk,
)
from app.routing import InteractiveShift, ShiftError

MAX_REPLY = 5000
SCORER = "replies"


class PracticeError(ValueError):
    """Something the trainee cannot do right now; the message is fit to show."""


def running_shift(user_id: int) -> PracticeShift | None:
    return db.session.scalar(select(PracticeShift).where(
        PracticeShift.user_id == user_id, PracticeShift.status == "running").limit(1))


def start_shift(user_id: int, profile_id: str, now: datetime, seed: int | None = None
                ) -> PracticeShift:
    """A new running shift for ``user_id`` on ``profile_id`` (flushes)."""
    profile = PROFILES.get(profile_id)
    if profile is None:
        raise PracticeError("Choose one of the listed shift profiles.")
    if running_shift(user_id) is not None:
        raise PracticeError("You already have a shift running. Finish it first.")
    seed = random.SystemRandom().randrange(1, 2**31) if seed is None else seed
    contacts = arrivals(profile, seed, library.contacts())
    sim = InteractiveShift(scenario(profile), seed, [trainee(profile)], contacts,
                           speed=profile.speed)
    payloads = sim.engine.table.payload or []
    practice = [{"sim_id": j, "contact_id": p["practice_id"], "at": sim.engine.arrival[j]}
                for j, p in enumerate(payloads) if p and "practice_id" in p]
    shift = PracticeShift(user_id=user_id, profile=profile.id, seed=seed, status="running",
                          started_at=now, sim_state={"sim": sim.to_state(),
                                                     "wall": now.isoformat(), "open": None,
                                                     "practice": practice})
    db.session.add(shift)
    db.session.flush()
    return shift


def rebuild(shift: PracticeShift) -> InteractiveShift:
    return InteractiveShift.from_state(shift.sim_state["sim"])


def _save(shift: PracticeShift, sim: InteractiveShift, now: datetime, **changes: Any) -> None:
    shift.sim_state = shift.sim_state | {"sim": sim.to_state(), "wall": now.isoformat()} | changes


def sync(shift: PracticeShift, now: datetime) -> InteractiveShift:
    """Rebuild the simulation and move its clock by the wall time since the last request
    times the speed (not while paused, not past the end of the shift)."""
    sim = rebuild(shift)
    if shift.status == "running":
        _advance(shift, sim, now)
    return sim


def _advance(shift: PracticeShift, sim: InteractiveShift, now: datetime) -> None:
    elapsed = max(0.0, (now - datetime.fromisoformat(shift.sim_state["wall"])).total_seconds())
    if not sim.paused and sim.now < sim.scenario.horizon and elapsed > 0:
        sim.advance(min(elapsed * sim.speed, sim.scenario.horizon - sim.now))
    _save(shift, sim, now)


def _skills(shift: PracticeShift) -> set[str]:
    return set(PROFILES[shift.profile].trainee_skills)


def trainee_queue(shift: PracticeShift, sim: InteractiveShift) -> list[dict[str, Any]]:
    """Practice contacts waiting for the trainee, oldest first (blended, any channel)."""
    skills = _skills(shift)
    return [c for c in sim.queue() if c["payload"] and "practice_id" in c["payload"]
            and c["skill"] in skills]


def _queue_row(item: dict[str, Any], contact: dict[str, Any], index: int,
               sim: InteractiveShift) -> dict[str, Any]:
    row = {"sim_id": item["id"], "contact_id": contact["id"], "channel": item["channel"],
           "customer": contact["customer"]["name"], "subject": contact["subject"],
           "mood": contact["mood"], "tier": contact["tier"], "waited": round(item["waited"]),
           "arrived": clock(item["arrival"]), "next": index == 0, "note": ""}
    if item["channel"] == "email":
        due = clock(item["arrival"] + sim.scenario.email_promise)
        row["note"] = f"Auto-acknowledged; reply promised by {due}"
    return row


def shift_state(shift: PracticeShift, sim: InteractiveShift) -> dict[str, Any]:
    """What the live shift page and its poller show."""
    snap = sim.snapshot()
    contacts = library.contacts()
    queue = [_queue_row(item, contacts[item["payload"]["practice_id"]], i, sim)
             for i, item in enumerate(trainee_queue(shift, sim))
             if item["payload"]["practice_id"] in contacts]
    level = snap["service_level"]
    return {
        "id": shift.id, "status": shift.status, "clock": clock(sim.now),
        "paused": sim.paused, "speed": sim.speed, "queue": queue,
        "service_level": None if level is None else round(level * 100),
        "offered": snap["offered"], "answered": snap["answered"],
        "abandoned": snap["abandoned"], "email": snap["email"],
        "open": shift.sim_state.get("open"),
        "over": sim.now >= sim.scenario.horizon,
        "handled": len(shift.responses),
    }


def open_contact(shift: PracticeShift, sim_id: int, now: datetime) -> dict[str, Any]:
    """The trainee picks up a waiting contact; the clock pauses while it is open."""
    sim = sync(shift, now)
    if shift.status != "running":
        raise PracticeError("This shift has ended.")
    if shift.sim_state.get("open"):
        raise PracticeError("Finish the contact you have open first.")
    queue = trainee_queue(shift, sim)
    index = next((i for i, c in enumerate(queue) if c["id"] == sim_id), None)
    if index is None:
        raise PracticeError("That customer is no longer waiting (they may have hung up).")
    item = queue[index]
    try:
        sim.start(TRAINEE, sim_id)
    except ShiftError as exc:
        raise PracticeError("That customer is no longer waiting.") from exc
    sim.pause()
    opened = {"sim_id": sim_id, "contact_id": item["payload"]["practice_id"],
              "channel": item["channel"], "opened_at": now.isoformat(), "older": index,
              "waited": item["waited"], "choices": []}
    _save(shift, sim, now, open=opened)
    return opened


def open_contact_view(shift: PracticeShift) -> dict[str, Any] | None:
    """The open contact with its content and, for a call, the dialogue so far."""
    opened = shift.sim_state.get("open")
    if not opened:
        return None
    contact = library.contacts().get(opened["contact_id"])
    if contact is None:
        return None
    view = {"open": opened, "contact": contact, "walk": None}
    if contact.get("dialogue"):
        view["walk"] = walk(contact["dialogue"], opened["choices"])
    return view


def choose(shift: PracticeShift, choice_id: str) -> None:
    """Say the chosen line in a phone role-play."""
    view = open_contact_view(shift)
    if view is None or view["walk"] is None:
        raise PracticeError("There is no call open.")
    choices = [*view["open"]["choices"], choice_id]
    if view["walk"].ended:
        raise PracticeError("The call has ended. Finish it to see your feedback.")
    try:
        walk(view["contact"]["dialogue"], choices)
    except DialogueError as exc:
        raise PracticeError(str(exc)) from exc
    shift.sim_state = shift.sim_state | {"open": view["open"] | {"choices": choices}}


def _feedback(rubric: dict[str, Any], contact: dict[str, Any], handled: float, older: int,
              steps: list[dict[str, Any]], wrong: list[str]
              ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    on_time, time_text = handling_note(handled, contact["handle_seconds"])
    in_order, order_text = order_note(older == 0, older)
    rubric = rubric | {
        "handling_time": {"name": "handling_time", "passed": on_time, "evidence": time_text},
        "queue_order": {"name": "queue_order", "passed": in_order, "evidence": order_text}}
    notes = contact_feedback(rubric, contact)
    feedback = [{"kind": "improve", "label": "Wrong fact", "text": text} for text in wrong]
    # A wrong fact is already named above; the accuracy and honesty rows would repeat it.
    repeats = {"resolves_accurately", "honest"} if wrong else set()
    feedback += [{"kind": "improve", "label": r["label"], "text": r["tip"]}
                 for r in notes["improve"] if r["criterion"] not in repeats]
    feedback += [{"kind": "note" if ok else "improve", "label": label, "text": text}
                 for ok, label, text in ((on_time, "Handling time", time_text),
                                         (in_order, "Queue order", order_text))]
    feedback += [{"kind": "strength", "label": "", "text": t} for t in notes["strengths"]]
    feedback += [{"kind": "dialogue", "label": s["choice"]["text"],
                  "text": s["choice"]["feedback"]} for s in steps]
    return rubric, feedback


def submit(shift: PracticeShift, text: str, now: datetime) -> PracticeResponse:
    """Close the open contact with the reply (written) or the finished call; score it."""
    view = open_contact_view(shift)
    if view is None:
        raise PracticeError("There is no contact open.")
    opened, contact = view["open"], view["contact"]
    text = (text or "").strip()
    overall, steps, wrong = None, [], []
    if view["walk"] is not None:
        if not view["walk"].ended:
            raise PracticeError("The call is not finished yet: choose what to say next.")
        scored, steps = score_dialogue(contact["dialogue"], opened["choices"]), view["walk"].steps
    else:
        if not text:
            raise PracticeError("Write your reply before sending it.")
        if len(text) > MAX_REPLY:
            raise PracticeError(f"Your reply is longer than {MAX_REPLY} characters.")
        scored, explained = score_written(text, contact)
        overall, wrong = explained["overall"], explained["wrong_facts"]
    handled = max(0.0, (now - datetime.fromisoformat(opened["opened_at"])).total_seconds())
    rubric, feedback = _feedback(scored, contact, handled, opened["older"], steps, wrong)
    response = PracticeResponse(
        shift=shift, contact_id=contact["id"], sim_contact_id=opened["sim_id"],
        channel=opened["channel"], text=text if view["walk"] is None else "",
        choices=list(opened["choices"]), rubric=rubric, model_grade=overall,
        model_version=SCORER if overall is not None else None, feedback=feedback,
        handle_seconds=round(handled, 1), waited_seconds=round(opened["waited"], 1),
        in_order=opened["older"] == 0)
    db.session.add(response)
    sim = rebuild(shift)
    sim.finish(TRAINEE, opened["sim_id"])
    sim.resume()
    _save(shift, sim, now, open=None)
    db.session.flush()
    return response


def end_shift(shift: PracticeShift, now: datetime) -> None:
    """Stop the shift (an open contact is left unanswered) and store the summary, once:
    of several requests ending it together, one does."""
    if shift.status != "running" or not transition(
            db.session, shift, {"status": "running"}, status="ended", ended_at=now):
        return
    sim = rebuild(shift)
    _advance(shift, sim, now)
    opened = shift.sim_state.get("open")
    if opened:
        sim.finish(TRAINEE, opened["sim_id"])
        sim.resume()
    _save(shift, sim, now, open=None)
    shift.summary = summarize(shift, sim, library.contacts())


def waited_label(seconds: float) -> str:
    seconds = max(0, int(seconds)) if not math.isnan(seconds) else 0
    return f"{seconds // 60}:{seconds % 60:02d}"
