"""Directional feedback: what was missing, and a concrete way to say it next time (pure).

Never a bare number: every message names the customer, the purchase or the fact involved.
"""

from __future__ import annotations

from typing import Any

from app.replies import CRITERIA
from app.reply_text import LABELS

MOOD_WORDS = {"irate": "upset", "confused": "unsure", "calm": "calm"}
ALL_LABELS = LABELS | {"handling_time": "Handling time", "queue_order": "Queue order"}


def _first(contact: dict[str, Any]) -> str:
    return contact["customer"]["name"].split()[0]


def _purchase(contact: dict[str, Any]) -> str:
    return contact["customer"]["purchase"].split(",")[0].strip()


def tip(criterion: str, contact: dict[str, Any], evidence: str = "") -> str:
    """One specific, directional sentence for a criterion that was not met."""
    first, purchase = _first(contact), _purchase(contact)
    mood = MOOD_WORDS.get(contact.get("mood", "calm"), "calm")
    if criterion == "introduces_self":
        return (f"You did not say who you are. Try: “Hi {first}, I'm <your name> from "
                "Harborlight” — a name makes you a person who is responsible.")
    if criterion == "uses_customer_name":
        return (f"You did not use {first}'s name. Try opening with “Hi {first},” and use it "
                "once more when you explain the solution.")
    if criterion == "references_purchase":
        return (f"You did not mention what this is about ({purchase}). Name it so {first} "
                "knows you have read the message.")
    if criterion == "acknowledges_feelings" and mood == "calm":
        return (f"Show {first} you see their situation before the facts: “Good question — "
                "I can see why you'd want to check.” Stock lines such as “thank you for "
                "your patience” do not count.")
    if criterion == "acknowledges_feelings":
        return (f"{first} sounds {mood}. Before solving, name the feeling and the reason: "
                "“I'm sorry, that's a frustrating start with a new purchase.” Stock lines "
                "such as “sorry for any inconvenience” do not count.")
    if criterion == "takes_ownership":
        return ("Say what *you* will do and when: “I've arranged …” or “I'll check on "
                "Thursday and e-mail you” rather than “the team will look into it”.")
    if criterion == "resolves_accurately":
        return f"{evidence} State every key fact plainly so {first} has the full, right answer."
    if criterion == "no_blame_or_jargon":
        return (f"{evidence}. Explain in everyday words and focus on what happens next, not "
                "on what the customer should have done.")
    if criterion == "clear_next_step":
        return (f"Tell {first} what happens next and when: “The refund reaches your card "
                "within 3 to 5 business days.”")
    trap = contact.get("honesty_trap") or {}
    honest = trap.get("honest_answer") or "Stick to what the key facts support."
    return f"{evidence} The honest route: {honest}"


def praise(criterion: str, contact: dict[str, Any]) -> str:
    first = _first(contact)
    return {
        "introduces_self": "You introduced yourself by name.",
        "uses_customer_name": f"You used {first}'s name.",
        "references_purchase": f"You referred to the {_purchase(contact)}.",
        "acknowledges_feelings": f"You acknowledged {first}'s situation.",
        "takes_ownership": "You took ownership of the next step.",
        "resolves_accurately": "You gave every key fact accurately.",
        "honest": "You were honest about what is possible.",
        "no_blame_or_jargon": "You kept to plain words without blame.",
        "clear_next_step": f"You told {first} what happens next.",
    }[criterion]


def handling_note(seconds: float, target: float) -> tuple[bool, str]:
    """Whether handling time was reasonable (within 2x the target), with a sentence."""
    minutes, goal = seconds / 60, target / 60
    if seconds <= 2 * target:
        return True, f"Handling time {minutes:.1f} min (about {goal:.0f} min is typical)."
    return False, (f"You took {minutes:.1f} min; about {goal:.0f} min is typical. Draft the "
                   "key facts first, then add the personal touches.")


def order_note(in_order: bool, older: int) -> tuple[bool, str]:
    if in_order:
        return True, "You answered the oldest waiting contact first (blended queue order)."
    return False, (f"{older} older contact(s) were waiting. In a blended queue answer in the "
                   "order received, whatever the channel: calls and e-mails alike.")


def contact_feedback(rubric: dict[str, dict[str, Any]], contact: dict[str, Any]
                     ) -> dict[str, Any]:
    """Strengths and next steps for one reply, in criterion order."""
    strengths, improve = [], []
    for name in CRITERIA:
        check = rubric[name]
        if check["passed"]:
            strengths.append(praise(name, contact))
        else:
            improve.append({"criterion": name, "label": LABELS[name],
                            "tip": tip(name, contact, check["evidence"])})
    return {"strengths": strengths, "improve": improve}


def shift_feedback(rubrics: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Criteria ranked from weakest across a shift: label, how often met, out of how many."""
    rows = []
    for name in CRITERIA:
        seen = [r[name]["passed"] for r in rubrics if name in r]
        if seen:
            rows.append({"criterion": name, "label": LABELS[name], "met": sum(seen),
                         "of": len(seen)})
    return sorted(rows, key=lambda r: (r["met"] / r["of"], CRITERIA.index(r["criterion"])))
