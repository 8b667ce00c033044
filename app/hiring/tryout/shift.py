"""The tryout's mini-shift as pure state: a blended queue served by one candidate.

Everything the candidate does is an action on a JSON-ready state (``new_state``); the
simulator (``app.routing.InteractiveShift``) is rebuilt from the seed and its action log on
every call, so a closed tab or another server loses nothing. The simulated clock moves by
the wall seconds the server measured divided by the time factor (×3/2 time → the queue runs
at 2/3 speed); a gap longer than ``MAX_GAP`` (a closed tab, a lost connection) moves it by
``MAX_GAP`` only, so the shift resumes where the simulator was.

Phases: ``warmup`` (an untimed, unscored chat) → ``running`` → ``ended``. One contact is open
at a time; phone and chat customers talk back (``app.conversations``), e-mail and fax get one
written reply. No Flask, no database.
"""

from __future__ import annotations

import copy
import math
from fractions import Fraction
from typing import Any

from app.conversations import ConversationError, respond, start
from app.hiring.tryout.schema import TALKING, Contact, Form, Section
from app.routing import InteractiveShift, ShiftError, parse_scenario

CANDIDATE = "candidate"
SKILL = "tryout"
MAX_GAP = 15.0
MAX_TEXT = 4000
DAY_START = 9 * 3600


class TryoutError(ValueError):
    """An action that cannot be taken now; the message is fit to show."""


def clock(seconds: float) -> str:
    total = int(DAY_START + seconds)
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def speed_of(factor: str) -> Fraction:
    """Simulated seconds per wall second: the inverse of the time factor, exactly."""
    return 1 / Fraction(factor)


def _scenario(section: Section, form: Form) -> Any:
    return parse_scenario({
        "id": f"tryout-{form.id}", "name": section.title, "horizon": section.seconds,
        "interval": 900, "policy": "blended_fifo",
        "service_level": {"seconds": 30, "target": 0.8}, "email_promise": 4 * 3600,
        "skills": [SKILL], "streams": [],
        "agents": [{"group": "nobody", "count": 0, "skills": {SKILL: 1.0}}],
    }, f"tryout {form.id}")


def _arrivals(form: Form) -> list[dict[str, Any]]:
    rows = []
    for contact in form.contacts:
        row = {"at": contact.at, "channel": contact.channel, "skill": SKILL,
               "handle": float(contact.handle_seconds), "payload": {"tryout_id": contact.id}}
        if contact.channel in TALKING:
            row["patience"] = contact.patience
        rows.append(row)
    return rows


def new_state(section: Section, form: Form, seed: int, factor: str) -> dict[str, Any]:
    """A tryout in its warm-up: the simulator's inputs, nothing done yet."""
    sim = InteractiveShift(_scenario(section, form), seed,
                           [{"id": CANDIDATE, "skills": {SKILL: 1.0},
                             "channels": {"phone": 1, "chat": 1, "email": 1, "fax": 1}}],
                           _arrivals(form), speed=1.0)
    return {"form": form.id, "seed": seed, "factor": factor, "phase": "warmup", "seq": 0,
            "sim": sim.to_state(), "warmup": start(section.warmup.customer_spec()),
            "open": None, "done": [], "drafts": {}, "log": []}


def rebuild(state: dict[str, Any]) -> InteractiveShift:
    return InteractiveShift.from_state(state["sim"])


def _log(state: dict[str, Any], sim: InteractiveShift, kind: str, **data: Any) -> None:
    state["log"].append({"kind": kind, "at": round(sim.now, 3), **data})


def _save(state: dict[str, Any], sim: InteractiveShift) -> None:
    state["sim"] = sim.to_state()


def tick(state: dict[str, Any], wall_seconds: float) -> dict[str, Any]:
    """The state after ``wall_seconds`` of wall time (the server's clock) in a running
    shift; at the end of the shift it ends."""
    new = copy.deepcopy(state)
    if new["phase"] != "running":
        return new
    sim = rebuild(new)
    gap = min(max(0.0, wall_seconds), MAX_GAP)
    step = float(Fraction(gap) * speed_of(new["factor"]))
    step = min(step, sim.scenario.horizon - sim.now)
    if step > 0:
        sim.advance(step)
        _save(new, sim)
    if sim.now >= sim.scenario.horizon - 1e-9:
        return _end(new, sim, "time")
    return new


def queue(state: dict[str, Any], form: Form) -> list[dict[str, Any]]:
    """Waiting contacts, oldest first whatever the channel."""
    sim = rebuild(state)
    rows = []
    for item in sim.queue():
        contact = form.contact(item["payload"]["tryout_id"])
        rows.append({"sim_id": item["id"], "contact_id": contact.id,
                     "channel": contact.channel, "customer": contact.customer_name,
                     "subject": contact.subject, "arrived": clock(item["arrival"]),
                     "waited": max(0, round(item["waited"]))})
    return rows


def view(state: dict[str, Any], section: Section, form: Form) -> dict[str, Any]:
    """What the candidate's page and its poller show."""
    sim = rebuild(state)
    snap = sim.snapshot()
    rows = queue(state, form) if state["phase"] == "running" else []
    return {"phase": state["phase"], "clock": clock(sim.now), "ends": clock(section.seconds),
            "sim_now": sim.now, "left": max(0, round(section.seconds - sim.now)),
            "queue": rows, "open": state["open"], "abandoned": snap["abandoned"],
            "handled": len(state["done"]), "seq": state["seq"],
            "speed": str(speed_of(state["factor"]))}


def _checked_text(text: str | None, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise TryoutError(f"Write {what} before sending it.")
    if len(text) > MAX_TEXT:
        raise TryoutError(f"Keep it under {MAX_TEXT} characters.")
    return text


def warmup_say(state: dict[str, Any], section: Section, text: str) -> dict[str, Any]:
    """A turn in the warm-up chat (no clock, no score)."""
    if state["phase"] != "warmup":
        raise TryoutError("The warm-up is over.")
    new = copy.deepcopy(state)
    try:
        new["warmup"] = respond(section.warmup.customer_spec(), section.warmup.case(),
                                new["warmup"], _checked_text(text, "what you say"))
    except ConversationError as exc:
        raise TryoutError(str(exc)) from exc
    return new


def begin(state: dict[str, Any]) -> dict[str, Any]:
    """End the warm-up and start the shift's clock (at 0)."""
    if state["phase"] != "warmup":
        raise TryoutError("The shift has already started.")
    new = copy.deepcopy(state)
    new["phase"] = "running"
    sim = rebuild(new)
    _log(new, sim, "begin")
    return new


def _running(state: dict[str, Any]) -> None:
    if state["phase"] != "running":
        raise TryoutError("The shift is not running." if state["phase"] == "warmup"
                          else "The shift has ended.")


def open_contact(state: dict[str, Any], form: Form, sim_id: int) -> dict[str, Any]:
    """Take a waiting contact (any of them; the order of service is scored)."""
    _running(state)
    if state["open"] is not None:
        raise TryoutError("Finish the contact you have open first.")
    new = copy.deepcopy(state)
    sim = rebuild(new)
    waiting = sim.queue()
    item = next((w for w in waiting if w["id"] == sim_id), None)
    if item is None:
        raise TryoutError("That customer is no longer waiting (they may have hung up).")
    older = sum(1 for w in waiting if w["arrival"] < item["arrival"])
    try:
        sim.start(CANDIDATE, sim_id)
    except ShiftError as exc:
        raise TryoutError("That customer is no longer waiting.") from exc
    contact = form.contact(item["payload"]["tryout_id"])
    entry = {"sim_id": sim_id, "contact_id": contact.id, "channel": contact.channel,
             "arrived": item["arrival"], "opened": sim.now, "older": older,
             "waited": item["waited"], "conversation": None}
    if contact.channel in TALKING:
        talk = start(contact.customer_spec())
        talk["turns"][0]["at"] = clock(sim.now)
        entry["conversation"] = talk
    new["open"] = entry
    _log(new, sim, "open", contact=contact.id, older=older)
    _save(new, sim)
    return new


def _open_contact(state: dict[str, Any], form: Form, sim_id: int) -> Contact:
    _running(state)
    if state["open"] is None or state["open"]["sim_id"] != sim_id:
        raise TryoutError("That contact is not open.")
    return form.contact(state["open"]["contact_id"])


def say(state: dict[str, Any], form: Form, sim_id: int, text: str) -> dict[str, Any]:
    """The candidate's turn with a phone or chat customer; the customer answers."""
    contact = _open_contact(state, form, sim_id)
    if contact.channel not in TALKING:
        raise TryoutError("Write the reply and send it with “Send reply”.")
    new = copy.deepcopy(state)
    sim = rebuild(new)
    try:
        talk = respond(contact.customer_spec(), contact.case(), new["open"]["conversation"],
                       _checked_text(text, "what you say"))
    except ConversationError as exc:
        raise TryoutError(str(exc)) from exc
    for turn in talk["turns"][-2:]:
        turn["at"] = clock(sim.now)
    new["open"]["conversation"] = talk
    new["drafts"].pop(str(sim_id), None)
    _log(new, sim, "turn", contact=contact.id)
    return new


def save_draft(state: dict[str, Any], sim_id: int, text: str) -> dict[str, Any]:
    """Keep what the candidate is typing (autosave); a written draft is sent at the end."""
    if state["phase"] != "running" or state["open"] is None or \
            state["open"]["sim_id"] != sim_id:
        raise TryoutError("That contact is not open.")
    new = copy.deepcopy(state)
    new["drafts"][str(sim_id)] = (text or "")[:MAX_TEXT]
    return new


def _close(state: dict[str, Any], sim: InteractiveShift, text: str, how: str) -> None:
    entry = state["open"]
    sim.finish(CANDIDATE, entry["sim_id"])
    state["done"].append(entry | {"finished": sim.now, "text": text, "how": how})
    state["open"] = None
    state["drafts"].pop(str(entry["sim_id"]), None)
    _log(state, sim, "finish", contact=entry["contact_id"], how=how)


def finish(state: dict[str, Any], form: Form, sim_id: int, text: str | None = None
           ) -> dict[str, Any]:
    """Close the open contact: send the written reply, or end the conversation."""
    contact = _open_contact(state, form, sim_id)
    new = copy.deepcopy(state)
    if contact.channel in TALKING:
        talk = new["open"]["conversation"]
        if not any(t["who"] == "agent" for t in talk["turns"]):
            raise TryoutError("Say something to the customer first.")
        text = ""
    else:
        text = _checked_text(text, "your reply")
    sim = rebuild(new)
    _close(new, sim, text, "candidate")
    _save(new, sim)
    return new


def _end(state: dict[str, Any], sim: InteractiveShift, why: str) -> dict[str, Any]:
    entry = state["open"]
    if entry is not None:
        draft = state["drafts"].get(str(entry["sim_id"]), "").strip()
        talked = entry["conversation"] and any(
            t["who"] == "agent" for t in entry["conversation"]["turns"])
        if talked or draft:
            _close(state, sim, "" if entry["conversation"] else draft, why)
        else:
            sim.finish(CANDIDATE, entry["sim_id"])
            state["open"] = None
    state["phase"] = "ended"
    _log(state, sim, "end", why=why)
    _save(state, sim)
    return state


def end(state: dict[str, Any], why: str = "candidate") -> dict[str, Any]:
    """End the shift now (an open contact is closed with what was said or drafted)."""
    if state["phase"] == "ended":
        return copy.deepcopy(state)
    new = copy.deepcopy(state)
    if new["phase"] == "warmup":
        new["phase"] = "running"
    return _end(new, rebuild(new), why)


def final(state: dict[str, Any] | None, section: Section, form: Form, seed: int,
          factor: str = "1") -> dict[str, Any]:
    """The ended state scoring reads: a tryout never started counts as a shift in which
    nobody was served (run to its end)."""
    if state is None:
        state = begin(new_state(section, form, seed, factor))
        sim = rebuild(state)
        sim.advance(sim.scenario.horizon - sim.now)
        return _end(state, sim, "not started")
    if state["phase"] == "ended":
        return state
    new = end(state, "submitted")
    return new


def waited_text(seconds: float) -> str:
    seconds = 0 if math.isnan(seconds) else max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"
