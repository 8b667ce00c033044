"""Conversations with simulated customers inside a live practice shift.

The pure ``app.conversations`` core plays the customer; this module finds the customer
for a contact, stamps each turn with the simulated clock, and turns the scored
transcript into the practice rubric and feedback (each criterion with the turn that
earned it, or a tip when no turn did).
"""

from __future__ import annotations

from typing import Any

from app.conversations import (
    ConversationError,
    case_of,
    mood_label,
    respond,
    score_transcript,
    start,
)
from app.practice.customers import TALKING, by_contact
from app.practice.profiles import clock
from app.practice.scoring import handling_note, order_note
from app.practice.scoring.feedback import ALL_LABELS, praise, tip
from app.replies import CRITERIA, score_reply
from app.reply_text import MAXIMUM

#: the scorer's criteria are the rubric's (one vocabulary since the reply scorer)
RUBRIC_NAMES = {name: name for name in CRITERIA}
LABELS = ALL_LABELS | {"clear_next_step": "Clear next step"}
OUTCOMES = {"resolved": "resolved", "escalated": "escalated", "lost": "lost the customer",
            "hung_up": "the customer hung up"}


class TurnError(ValueError):
    """A turn that cannot be taken; the message is fit to show."""


def customers() -> dict[str, dict[str, Any]]:
    return by_contact()


def begin(contact_id: str, channel: str) -> dict[str, Any]:
    """Conversation fields for a newly opened contact ({} when nobody plays it)."""
    customer = customers().get(contact_id)
    if customer is None or channel not in TALKING:
        return {}
    talk = start(customer)
    return {"customer_id": customer["id"], "conversation": talk}


def turn(item: dict[str, Any], contact: dict[str, Any], text: str, now: float
         ) -> dict[str, Any]:
    """The conversation after the trainee's ``text``, each new turn stamped with the
    simulated clock."""
    customer = customers().get(item["contact_id"])
    if customer is None:
        raise TurnError("This customer is no longer in the practice library.")
    try:
        talk = respond(customer, case_of(contact), item["conversation"], text)
    except ConversationError as exc:
        raise TurnError(str(exc)) from exc
    for said in talk["turns"][-2:]:
        said["at"] = clock(now)
    return talk


def _wrong_turn(turns: list[dict[str, Any]]) -> int | None:
    agent = [t for t in turns if t["who"] == "agent"]
    return next((i for i, t in enumerate(agent, 1) if "wrong_fact" in t.get("acts", [])),
                None)


POSITIVE = ("introduces_self", "uses_customer_name", "references_purchase",
            "acknowledges_feelings", "takes_ownership", "clear_next_step")
KEPT_UP = ("honest", "no_blame_or_jargon")


def _earned(case: dict[str, Any], agent: list[dict[str, Any]]) -> dict[str, tuple[int, str]]:
    """For each courtesy criterion, the first turn (not one with a wrong fact) that meets
    it on its own, with its words."""
    found: dict[str, tuple[int, str]] = {}
    for n, said in enumerate(agent, 1):
        if "wrong_fact" in said.get("acts", []):
            continue
        own = score_reply(case, said["text"])
        for name in POSITIVE:
            if name not in found and own.criteria[name]:
                found[name] = (n, own.evidence[name])
    return found


def assess(talk: dict[str, Any], contact: dict[str, Any], handled: float, older: int
           ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Rubric and feedback for the whole conversation: per criterion met or not, with the
    trainee's turn (number and words) that earned it or went wrong."""
    case = case_of(contact)
    report = score_transcript(case, talk["turns"])
    agent = [t for t in talk["turns"] if t["who"] == "agent"]
    earned = _earned(case, agent)
    explained = [n for n, t in enumerate(agent, 1) if "explained" in t.get("acts", [])]
    facts = contact["key_facts"]
    missing = [f for i, f in enumerate(facts) if i not in talk.get("conveyed", [])]
    wrong_at = _wrong_turn(talk["turns"])
    rubric: dict[str, Any] = {}
    feedback: list[dict[str, Any]] = []
    for source, name in RUBRIC_NAMES.items():
        row = report["criteria"][source]
        passed = row["score"] == MAXIMUM[source]
        turn_no, evidence = row["turn"], row["evidence"]
        if passed and source in earned:
            turn_no, evidence = earned[source]
        if not passed and source in ("resolves_accurately", "honest") and report["wrong_facts"]:
            turn_no = turn_no or wrong_at
        rubric[name] = {"name": name, "passed": passed, "evidence": evidence,
                        "turn": turn_no, "missing": missing if name == "resolves_accurately"
                        else []}
        where = f"Turn {turn_no}" if turn_no else "In the whole conversation"
        if passed and source in KEPT_UP:
            where, evidence = f"All {len(agent)} turn(s)", ""
        elif passed and source == "resolves_accurately" and explained:
            where = ("Turn " if len(explained) == 1 else "Turns ") + ", ".join(
                map(str, explained))
        if passed:
            text = (praise(name, contact) if name in ALL_LABELS and name != "clear_next_step"
                    else "You told the customer what happens next.")
            feedback.append({"kind": "strength", "label": LABELS[name], "turn": turn_no,
                             "quote": evidence, "text": f"{where}: {text}"})
        else:
            evidence_text = row["evidence"]
            if name == "resolves_accurately" and missing:
                evidence_text = "Not conveyed: " + "; ".join(m.rstrip(".") for m in missing) + "."
            advice = (tip(name, contact, evidence_text)
                      if name != "clear_next_step" else
                      "End with what happens next and when: “You'll get the confirmation "
                      "e-mail within the hour.”")
            feedback.append({"kind": "improve", "label": LABELS[name], "turn": turn_no,
                             "quote": row["evidence"] if turn_no else "", "text": advice})
    first = contact["customer"]["name"].split()[0]
    for n, said in enumerate(agent, 1):
        if "wrong_fact" in said.get("acts", []):
            feedback.append({"kind": "improve", "label": "Wrong fact", "turn": n,
                             "quote": said["text"],
                             "text": f"This turn got a fact wrong and {first} pushed back. "
                                     "Check the knowledge panel before you state a number "
                                     "or a date."})
    on_time, time_text = handling_note(handled, contact["handle_seconds"])
    in_order, order_text = order_note(older == 0, older)
    rubric["handling_time"] = {"name": "handling_time", "passed": on_time, "evidence": time_text}
    rubric["queue_order"] = {"name": "queue_order", "passed": in_order, "evidence": order_text}
    feedback += [{"kind": "note" if ok else "improve", "label": label, "text": text}
                 for ok, label, text in ((on_time, "Handling time", time_text),
                                         (in_order, "Queue order", order_text))]
    ending = talk.get("ended")
    outcome = (f"The conversation ended: {OUTCOMES.get(ending, ending)}." if ending else
               f"You closed the contact while {first} was still talking.")
    feedback.append({"kind": "outcome", "label": "Outcome",
                     "text": f"{outcome} {report['turns']} turn(s); {first} was "
                             f"{talk['turns'][-1].get('mood', mood_label(talk['mood']))} "
                             "at the end."})
    return rubric, feedback
