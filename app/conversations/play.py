"""Play a customer: ``start`` opens the conversation, ``respond`` answers one trainee turn.

State is a JSON-ready dict, so the web app can store it and go on after a reload::

    node      where the conversation stands in the customer's graph
    mood      0 furious .. 4 pleased (calm starts at 3, confused at 2, irate at 1)
    patience  unhelpful turns the customer still puts up with
    ended     None while talking, else resolved | escalated | lost | hung_up
    turns     [{"who": "customer" | "agent", "text": ..., "acts": [...]}]

Each turn: reactions first (rudeness, a must-not, a wrong fact, the first specific
apology), then what the customer tells because the trainee asked for it, then the graph
moves on if the turn did what the current node waits for. A turn that does nothing new
costs patience. Mood below 0 or patience at 0: the customer hangs up.
"""

from __future__ import annotations

import copy
from typing import Any

from app.conversations.acts import understand
from app.conversations.schema import CustomerSpec

START_MOOD = {"irate": 1, "confused": 2, "calm": 3}
MOOD_LABELS = ("furious", "angry", "tense", "calm", "pleased")
MAX_MOOD = len(MOOD_LABELS) - 1
#: First time a turn does one of these, it counts as progress.
FIRST_TIME = ("introduced", "used_name", "apologized", "committed")
BLOCKING = ("rude", "dishonest", "wrong_fact")


class ConversationError(ValueError):
    """A turn that cannot be taken (the conversation has ended, or the turn is empty)."""


def mood_label(mood: int) -> str:
    return MOOD_LABELS[max(0, min(MAX_MOOD, mood))]


def case_of(contact: dict[str, Any]) -> dict[str, Any]:
    """The scorer's view of a practice contact (PracticeContact dump)."""
    return {"channel": contact["channel"], "customer_name": contact["customer"]["name"],
            "purchase": contact["customer"]["purchase"],
            "message": contact.get("opening", ""),
            "key_facts": list(contact["key_facts"]),
            "must_disclose": list(contact.get("must_disclose") or []),
            "must_not": list(contact.get("must_not") or []),
            "jargon": list(contact.get("jargon") or [])}


def _spec(customer: CustomerSpec | dict[str, Any]) -> CustomerSpec:
    return customer if isinstance(customer, CustomerSpec) else CustomerSpec.model_validate(
        customer)


def start(customer: CustomerSpec | dict[str, Any]) -> dict[str, Any]:
    """The conversation before the trainee says anything: the customer's opening line."""
    spec = _spec(customer)
    graph = spec.conversation
    return {"node": graph.start, "mood": START_MOOD[spec.mood],
            "patience": spec.patience.turns, "ended": None, "conveyed": [], "told": [],
            "seen": [], "turns": [{"who": "customer",
                                   "text": graph.nodes[graph.start].says,
                                   "mood": mood_label(START_MOOD[spec.mood])}]}


def respond(customer: CustomerSpec | dict[str, Any], case: dict[str, Any],
            state: dict[str, Any], text: str) -> dict[str, Any]:
    """A new state with the trainee's turn ``text`` and the customer's answer appended."""
    spec = _spec(customer)
    text = (text or "").strip()
    if state["ended"]:
        raise ConversationError("The conversation has ended.")
    if not text:
        raise ConversationError("Write what you say before sending it.")
    graph = spec.conversation
    new = copy.deepcopy(state)
    earlier = [t["text"] for t in state["turns"] if t["who"] == "agent"]
    u = understand(case, [k.model_dump() for k in spec.knows], text, earlier,
                   state["conveyed"], state["told"])
    acts, seen = set(u.acts), set(state["seen"])
    lines: list[str] = []

    def react(key: str) -> None:
        said = graph.reactions.get(key)
        if said is not None:
            lines.append(said.says)
            new["mood"] += said.mood

    for key in BLOCKING:
        if key in acts:
            react(key)
    blocked = any(key in acts for key in BLOCKING)
    if "apologized" in acts and "apologized" not in seen and not blocked:
        react("apologized")
    lines += [spec.knows[i].answer for i in u.answers]
    node = graph.nodes[state["node"]]
    moved = None if blocked else next(
        (t for t in node.next if set(t.when) <= acts), None)
    progress = bool(moved or u.new_facts or u.answers
                    or any(a in acts and a not in seen for a in FIRST_TIME))
    if "closed" in acts and moved is None and not blocked:
        if "explained_all" in acts and ("committed" in acts or "committed" in seen):
            react("closed")
            new["ended"] = "resolved"
        else:
            react("closed_early")
            new["patience"] -= 1
    elif not progress and not blocked:
        new["patience"] -= 1
        react("stalled")

    if new["mood"] < 0 or new["patience"] <= 0:
        react("hang_up")
        new["ended"] = "hung_up"
    elif moved is not None:
        target = graph.nodes[moved.go]
        new["mood"] += moved.mood
        new["node"] = moved.go
        lines.append(moved.says or target.says)
        if target.end:
            new["ended"] = target.end
    elif not lines:
        lines.append(node.again or node.says)
    new["mood"] = max(0, min(MAX_MOOD, new["mood"]))
    new["conveyed"] = sorted(set(state["conveyed"]) | set(u.new_facts))
    new["told"] = sorted(set(state["told"]) | set(u.answers))
    new["seen"] = sorted(seen | acts)
    new["turns"].append({"who": "agent", "text": text, "acts": sorted(acts)})
    new["turns"].append({"who": "customer", "text": " ".join(lines),
                         "mood": mood_label(new["mood"])})
    return new
