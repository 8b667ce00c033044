"""End-of-shift feedback and the shift replay (timeline), built from the stored shift."""

from __future__ import annotations

import math
from typing import Any

from app.practice.desk import desk_metrics
from app.practice.profiles import PROFILES, TRAINEE, clock
from app.practice.scoring import CRITERIA, LABELS
from app.practice.scoring.feedback import shift_feedback, tip
from app.routing import InteractiveShift


def _outcome(sim: InteractiveShift, j: int, handled: set[int]) -> str:
    e = sim.engine
    if j in handled:
        return "answered by you"
    if e.arrival[j] > sim.now:
        return "had not arrived"
    if e.abandoned[j]:
        return "hung up while waiting"
    if not math.isnan(e.start[j]):
        return "answered by a colleague"
    return "still waiting at the end"


def summarize(shift: Any, sim: InteractiveShift, contacts: dict[str, dict]) -> dict[str, Any]:
    """Shift metrics, what to work on (with a specific tip each), and what went well."""
    sim.engine.purge()  # customers whose patience ran out are marked as hung up
    responses = list(shift.responses)
    rubrics = [r.rubric for r in responses]
    ranked = shift_feedback(rubrics)
    focus = []
    for row in ranked:
        if row["met"] == row["of"] or len(focus) == 2:
            continue
        failed = next(r for r in reversed(responses)
                      if not r.rubric.get(row["criterion"], {}).get("passed", True))
        check = failed.rubric[row["criterion"]]
        contact = contacts.get(failed.contact_id)
        text = (tip(row["criterion"], contact, check.get("evidence", "")) if contact
                else LABELS[row["criterion"]])
        shown = {f["contact"] for f in focus}
        focus.append(row | {"tip": text,
                            "contact": None if failed.contact_id in shown else failed.contact_id})
    strengths = [row["label"] for row in ranked if row["met"] == row["of"]]
    handled = {r.sim_contact_id for r in responses}
    practice = shift.sim_state.get("practice", [])
    outcomes = [_outcome(sim, p["sim_id"], handled) for p in practice]
    snap = sim.snapshot()
    order = [r.in_order for r in responses]
    return {
        "handled": len(responses), "practice_contacts": len(practice),
        "hung_up": outcomes.count("hung up while waiting"),
        "unanswered": outcomes.count("still waiting at the end"),
        "in_order": sum(order), "out_of_order": len(order) - sum(order),
        "criteria": ranked, "focus": focus, "strengths": strengths,
        "service_level": snap["service_level"], "abandoned": snap["abandoned"],
        "offered": snap["offered"], "email": snap["email"], "clock": clock(sim.now),
        "criteria_met": sum(sum(bool(r.get(c, {}).get("passed")) for c in CRITERIA)
                            for r in rubrics),
        "criteria_total": len(rubrics) * len(CRITERIA),
        "channels": desk_metrics(sim, [p["sim_id"] for p in practice]),
    }


def _result(response: Any) -> str:
    if response is None:
        return " without replying (shift ended)"
    met = sum(bool(response.rubric.get(c, {}).get("passed")) for c in CRITERIA)
    return (f": {response.handle_seconds / 60:.1f} min of work, {met} of {len(CRITERIA)} "
            "points met")


def timeline(shift: Any, sim: InteractiveShift, contacts: dict[str, dict]) -> list[dict]:
    """The shift replay: arrivals, what the trainee did and when, and how each ended (a
    finished contact carries its ``response_id``, for its feedback and a retry)."""
    sim.engine.purge()  # customers whose patience ran out are marked as hung up
    profile = PROFILES.get(shift.profile)
    guided = profile is None or profile.guided
    events: list[tuple[float, int, str, str, int | None]] = []
    names = {}
    for p in shift.sim_state.get("practice", []):
        contact = contacts.get(p["contact_id"], {})
        name = contact.get("customer", {}).get("name", "a contact no longer in the library")
        names[p["sim_id"]] = name
        j, e = p["sim_id"], sim.engine
        if e.arrival[j] > sim.now:
            continue
        channel = contact.get("channel", "")
        note = ""
        if channel == "email":
            note = f" (acknowledged automatically; reply promised by " \
                   f"{clock(e.arrival[j] + sim.scenario.email_promise)})"
        events.append((e.arrival[j], 0, "arrived",
                       f"{name} — {channel}: {contact.get('subject', '')}{note}", None))
        if e.abandoned[j]:
            events.append((e.give_up[j], 3, "hungup", f"{name} hung up after waiting", None))
        elif not math.isnan(e.start[j]) and e.agent_of[j] >= 0 \
                and not e.agents[e.agent_of[j]].external:
            events.append((e.start[j], 1, "colleague", f"A colleague answered {name}", None))
    answers = {r.sim_contact_id: r for r in shift.responses}
    for action in sim.actions:
        if action["kind"] in ("start", "finish") and action.get("agent") == TRAINEE:
            name = names.get(action["contact"], "a contact")
            text = f"You opened {name}" + (" (the clock pauses while you work)"
                                           if guided else " (the clock kept running)")
            answer = answers.get(action["contact"]) if action["kind"] == "finish" else None
            if action["kind"] == "finish":
                text = f"You finished {name}" + _result(answer)
            events.append((action["at"], 2, action["kind"], text, answer and answer.id))
    events.sort(key=lambda e: (e[0], e[1]))
    return [{"clock": clock(t), "kind": kind, "text": text, "response_id": rid}
            for t, _, kind, text, rid in events]
