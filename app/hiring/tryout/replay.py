"""What the recruiter sees of a tryout: the queue replayed on the shift's clock, each
conversation or reply with the scorer's evidence per criterion, and the hand ratings.

Pure apart from the result it is given (``services.result``)."""

from __future__ import annotations

from typing import Any

from app.hiring.tryout.schema import Form
from app.hiring.tryout.scoring import LABELS
from app.hiring.tryout.shift import clock, rebuild
from app.reply_text import LABELS as REPLY_LABELS
from app.reply_text import MAXIMUM

OUTCOMES = {"resolved": "resolved", "escalated": "escalated", "lost": "customer lost",
            "hung_up": "the customer hung up", None: "closed by the candidate"}


def _events(form: Form, state: dict[str, Any]
            ) -> tuple[list[dict[str, Any]], dict[str, float], float]:
    sim = rebuild(state)
    e = sim.engine
    e.purge()  # customers past their patience are marked abandoned lazily
    names = {c.id: f"{c.customer_name} ({c.channel})" for c in form.contacts}
    events = [{"at": c.at, "text": f"{names[c.id]} arrived", "kind": "arrive"}
              for c in form.contacts if c.at <= sim.now]
    gave_up: dict[str, float] = {}
    for j, payload in enumerate(e.table.payload or []):
        if payload and e.abandoned[j] and e.give_up[j] <= sim.now:
            gave_up[payload["tryout_id"]] = e.give_up[j]
            events.append({"at": e.give_up[j], "kind": "abandon",
                           "text": f"{names[payload['tryout_id']]} hung up after waiting "
                                   f"{round(e.give_up[j] - e.arrival[j])} s"})
    for entry in state["log"]:
        contact = names.get(entry.get("contact", ""), "")
        if entry["kind"] == "open":
            older = entry["older"]
            events.append({"at": entry["at"], "kind": "open" if older == 0 else "skip",
                           "text": f"Took {contact}" + (" — the oldest waiting" if older == 0
                                   else f" while {older} older contact(s) waited")})
        elif entry["kind"] == "finish":
            events.append({"at": entry["at"], "kind": "finish", "text": f"Closed {contact}"
                           + (" (at the end of the shift)" if entry["how"] != "candidate"
                              else "")})
        elif entry["kind"] == "begin":
            events.append({"at": entry["at"], "kind": "begin", "text": "Shift started"})
        elif entry["kind"] == "end":
            why = {"time": "time was up", "candidate": "the candidate ended it",
                   "submitted": "the test was submitted",
                   "not started": "the candidate never started it"}.get(entry["why"], entry["why"])
            events.append({"at": entry["at"], "kind": "end", "text": f"Shift ended: {why}"})
    events.sort(key=lambda ev: (ev["at"], ev["kind"] != "arrive"))
    for ev in events:
        ev["clock"] = clock(ev["at"])
    return events, gave_up, sim.now


def _criteria(judged: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for name, row in judged["criteria"].items():
        rows.append({"label": REPLY_LABELS.get(name, name), "score": row["score"],
                     "max": MAXIMUM.get(name, 1), "evidence": row["evidence"],
                     "turn": row.get("turn")})
    return rows


def report(result: dict[str, Any], form: Form, horizon: float,
           ratings: dict[str, Any]) -> dict[str, Any]:
    """The replay and per-contact evidence for the candidate page and the PDF."""
    state = result["state"]
    events, gave_up, ended = _events(form, state)
    served = {d["contact_id"]: d for d in state["done"]}
    lanes, contacts = [], []
    for row in result["contacts"]:
        contact = form.contact(row["contact_id"])
        entry = served.get(contact.id)
        end = entry["finished"] if entry else gave_up.get(contact.id, ended)
        start = entry["opened"] if entry else end
        row = row | {"arrived_late": contact.at > ended}
        lanes.append({"who": f"{contact.customer_name} ({contact.channel})",
                      "arrived": not row["arrived_late"],
                      "wait_from": 100 * contact.at / horizon,
                      "wait": 100 * max(0.0, start - contact.at) / horizon,
                      "handle": 100 * max(0.0, end - start) / horizon if entry else 0,
                      "hung_up": contact.id in gave_up, "served": entry is not None})
        view = {"row": row, "contact": contact, "entry": entry,
                "rating": ratings.get(contact.id),
                "scores": [(LABELS[c], row[c]) for c in ("order", "quality", "handling",
                                                           "abandoned")]}
        if entry is not None:
            view["criteria"] = _criteria(row["judged"])
            view["wrong_facts"] = row["judged"]["wrong_facts"]
            talk = entry.get("conversation")
            view["talk"] = talk
            view["outcome"] = OUTCOMES.get(talk.get("ended")) if talk else None
        contacts.append(view)
    return {"result": result, "events": events, "lanes": lanes, "contacts": contacts,
            "labels": LABELS, "ends": clock(horizon)}
