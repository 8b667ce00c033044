"""Practice shifts: start, keep the simulated clock in step with the wall clock, open a
waiting contact, answer it, end the shift.

The shift is stored as simulator inputs plus its action log (``sim_state["sim"]``) and
rebuilt on each request (``InteractiveShift.from_state``), so a reload or a closed tab
loses nothing. The practice clock runs at the profile's speed; a guided profile pauses it
while a contact is open, a live one never does (customers keep arriving and hang up while
the trainee works). ``sim_state["open"]`` lists the open contacts (several chats at once
up to the profile's limit); a phone or chat contact played by a simulated customer holds
its conversation there (``app.practice.live``). Services flush; views commit.
"""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.orm import transition
from app.practice import library, live, refits
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
SCORER = refits.SCORER


class PracticeError(ValueError):
    """Something the trainee cannot do right now; the message is fit to show."""


def running_shift(user_id: int) -> PracticeShift | None:
    return db.session.scalar(select(PracticeShift).where(
        PracticeShift.user_id == user_id, PracticeShift.status == "running").limit(1))


def start_shift(user_id: int, profile_id: str, now: datetime, seed: int | None = None,
                time_factor: float = 1.0, contact_id: str | None = None) -> PracticeShift:
    """A new running shift for ``user_id`` on ``profile_id`` (flushes); ``time_factor``
    speeds the practice clock up (tests and demos). With ``contact_id`` an unlisted
    profile (the retry) is played with that one contact arriving at once."""
    profile = PROFILES.get(profile_id)
    if profile is None or (not profile.listed and contact_id is None):
        raise PracticeError("Choose one of the listed shift profiles.")
    if contact_id is not None:
        profile = replace(profile, scripted=((contact_id, 0.0),))
    if running_shift(user_id) is not None:
        raise PracticeError("You already have a shift running. Finish it first.")
    seed = random.SystemRandom().randrange(1, 2**31) if seed is None else seed
    contacts = arrivals(profile, seed, library.contacts(), live.customers())
    sim = InteractiveShift(scenario(profile), seed, [trainee(profile)], contacts,
                           speed=profile.speed * time_factor)
    payloads = sim.engine.table.payload or []
    practice = [{"sim_id": j, "contact_id": p["practice_id"], "at": sim.engine.arrival[j]}
                for j, p in enumerate(payloads) if p and "practice_id" in p]
    shift = PracticeShift(user_id=user_id, profile=profile.id, seed=seed, status="running",
                          started_at=now, sim_state={"sim": sim.to_state(),
                                                     "wall": now.isoformat(), "open": [],
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
    takeable = {c["id"] for c in sim.queue(TRAINEE)}
    queue = [_queue_row(item, contacts[item["payload"]["practice_id"]], i, sim)
             | {"can_take": item["id"] in takeable}
             for i, item in enumerate(trainee_queue(shift, sim))
             if item["payload"]["practice_id"] in contacts]
    level = snap["service_level"]
    return {
        "id": shift.id, "status": shift.status, "clock": clock(sim.now),
        "paused": sim.paused, "speed": sim.speed, "queue": queue,
        "service_level": None if level is None else round(level * 100),
        "offered": snap["offered"], "answered": snap["answered"],
        "abandoned": snap["abandoned"], "email": snap["email"],
        "open": [_open_row(o, contacts) for o in opened(shift)],
        "over": sim.now >= sim.scenario.horizon,
        "handled": len(shift.responses),
        "guided": PROFILES[shift.profile].guided,
        "ends": clock(sim.scenario.horizon),
    }


def opened(shift: PracticeShift) -> list[dict[str, Any]]:
    """The contacts the trainee has open, oldest first (older rows stored one dict)."""
    value = shift.sim_state.get("open")
    return [] if not value else [value] if isinstance(value, dict) else list(value)


def _open_row(item: dict[str, Any], contacts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    contact = contacts.get(item["contact_id"], {})
    talk = item.get("conversation") or {}
    return {"sim_id": item["sim_id"], "channel": item["channel"],
            "customer": contact.get("customer", {}).get("name", "a contact"),
            "subject": contact.get("subject", ""), "ended": talk.get("ended"),
            "turns": sum(t["who"] == "agent" for t in talk.get("turns", []))}


def open_contact(shift: PracticeShift, sim_id: int, now: datetime) -> dict[str, Any]:
    """The trainee picks up a waiting contact. A guided shift pauses its clock and allows
    one open contact; a live shift keeps running and allows what the simulator allows
    (one call or written reply, or chats up to the profile's limit)."""
    sim = sync(shift, now)
    if shift.status != "running":
        raise PracticeError("This shift has ended.")
    profile = PROFILES[shift.profile]
    already = opened(shift)
    if already and profile.guided:
        raise PracticeError("Finish the contact you have open first.")
    queue = trainee_queue(shift, sim)
    index = next((i for i, c in enumerate(queue) if c["id"] == sim_id), None)
    if index is None:
        raise PracticeError("That customer is no longer waiting (they may have hung up).")
    item = queue[index]
    if sim_id not in {c["id"] for c in sim.queue(TRAINEE)}:
        raise PracticeError(_busy_message(profile, already))
    try:
        sim.start(TRAINEE, sim_id)
    except ShiftError as exc:
        raise PracticeError("That customer is no longer waiting.") from exc
    if profile.guided:
        sim.pause()
    contact_id = item["payload"]["practice_id"]
    entry = {"sim_id": sim_id, "contact_id": contact_id, "channel": item["channel"],
             "opened_at": now.isoformat(), "older": index, "waited": item["waited"],
             "choices": [], "sim_opened": sim.now}
    if not profile.guided:
        entry |= live.begin(contact_id, item["channel"])
    _save(shift, sim, now, open=[*already, entry])
    return entry


def _busy_message(profile, already: list[dict[str, Any]]) -> str:
    if already and all(o["channel"] == "chat" for o in already):
        return (f"You are already in {len(already)} chat(s), the most this shift allows "
                f"({profile.chat_limit}). Finish one first; only another chat fits alongside "
                "chats.")
    return "You are busy with an open contact. Finish it before you take the next one."


def open_contact_view(shift: PracticeShift, sim_id: int | None = None
                      ) -> dict[str, Any] | None:
    """One open contact (``sim_id``, or the oldest open) with its content, the dialogue
    so far for a scripted call, or the conversation for a simulated customer."""
    items = opened(shift)
    item = next((o for o in items if sim_id is None or o["sim_id"] == sim_id), None)
    if item is None:
        return None
    contacts = library.contacts()
    contact = contacts.get(item["contact_id"])
    if contact is None:
        return None
    view = {"open": item, "contact": contact, "walk": None, "talk": item.get("conversation"),
            "others": [_open_row(o, contacts) for o in items if o is not item]}
    if contact.get("dialogue") and view["talk"] is None:
        view["walk"] = walk(contact["dialogue"], item["choices"])
    return view


def _replace_open(shift: PracticeShift, item: dict[str, Any]) -> None:
    shift.sim_state = shift.sim_state | {"open": [item if o["sim_id"] == item["sim_id"] else o
                                                  for o in opened(shift)]}


def choose(shift: PracticeShift, choice_id: str) -> None:
    """Say the chosen line in a scripted phone role-play (guided shifts)."""
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
    _replace_open(shift, view["open"] | {"choices": choices})


def say(shift: PracticeShift, sim_id: int, text: str, now: datetime) -> dict[str, Any]:
    """The trainee's turn in a conversation; the customer answers (the clock moves on)."""
    sim = sync(shift, now)
    view = open_contact_view(shift, sim_id)
    if view is None or view["talk"] is None:
        raise PracticeError("There is no conversation open with that customer.")
    if len(text or "") > MAX_REPLY:
        raise PracticeError(f"Keep each turn under {MAX_REPLY} characters.")
    try:
        talk = live.turn(view["open"], view["contact"], text, sim.now)
    except live.TurnError as exc:
        raise PracticeError(str(exc)) from exc
    _replace_open(shift, view["open"] | {"conversation": talk})
    return talk


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


def submit(shift: PracticeShift, text: str, now: datetime, sim_id: int | None = None
           ) -> PracticeResponse:
    """Close an open contact with the reply (written), the finished scripted call, or the
    conversation so far; score it."""
    view = open_contact_view(shift, sim_id)
    if view is None:
        raise PracticeError("There is no contact open.")
    opened_item, contact = view["open"], view["contact"]
    text = (text or "").strip()
    overall, steps, wrong, transcript = None, [], [], None
    version, confident = None, None
    handled = max(0.0, (now - datetime.fromisoformat(opened_item["opened_at"])).total_seconds())
    if view["talk"] is not None:
        if not any(t["who"] == "agent" for t in view["talk"]["turns"]):
            raise PracticeError("Say something to the customer first.")
        transcript = view["talk"]["turns"]
        rubric, feedback = live.assess(view["talk"], contact, handled, opened_item["older"])
        text = ""
    else:
        if view["walk"] is not None:
            if not view["walk"].ended:
                raise PracticeError("The call is not finished yet: choose what to say next.")
            scored = score_dialogue(contact["dialogue"], opened_item["choices"])
            steps = view["walk"].steps
        else:
            if not text:
                raise PracticeError("Write your reply before sending it.")
            if len(text) > MAX_REPLY:
                raise PracticeError(f"Your reply is longer than {MAX_REPLY} characters.")
            scored, explained = score_written(text, contact)
            overall, version = refits.grade(explained, text)
            wrong, confident = explained["wrong_facts"], explained["confident"]
        rubric, feedback = _feedback(scored, contact, handled, opened_item["older"], steps, wrong)
    response = PracticeResponse(
        shift=shift, contact_id=contact["id"], sim_contact_id=opened_item["sim_id"],
        channel=opened_item["channel"], text=text if view["walk"] is None else "",
        choices=list(opened_item["choices"]), rubric=rubric, model_grade=overall,
        model_version=version, feedback=feedback,
        handle_seconds=round(handled, 1), waited_seconds=round(opened_item["waited"], 1),
        in_order=opened_item["older"] == 0, transcript=transcript, confident=confident)
    db.session.add(response)
    sim = sync(shift, now)
    sim.finish(TRAINEE, opened_item["sim_id"])
    rest = [o for o in opened(shift) if o["sim_id"] != opened_item["sim_id"]]
    if sim.paused and not rest:
        sim.resume()
    _save(shift, sim, now, open=rest)
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
    for item in opened(shift):
        sim.finish(TRAINEE, item["sim_id"])
    if sim.paused:
        sim.resume()
    _save(shift, sim, now, open=[])
    shift.summary = summarize(shift, sim, library.contacts())


def waited_label(seconds: float) -> str:
    seconds = max(0, int(seconds)) if not math.isnan(seconds) else 0
    return f"{seconds // 60}:{seconds % 60:02d}"
