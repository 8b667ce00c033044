"""Directional feedback: what was missing, and a concrete way to say it next time (pure).

Never a bare number: every message names the customer, the purchase or the fact involved.
"""

from __future__ import annotations

from typing import Any

from app.practice.scoring.rubric import CRITERIA, LABELS, RubricResult, purchase_terms

MOOD_WORDS = {"irate": "upset", "confused": "unsure", "calm": "calm"}
ALL_LABELS = LABELS | {"handling_time": "Handling time", "queue_order": "Queue order"}


def _first(contact: dict[str, Any]) -> str:
    return contact["customer"]["name"].split()[0]


def _purchase(contact: dict[str, Any]) -> str:
    return contact["customer"]["purchase"].split(",")[0].strip()


def tip(criterion: str, contact: dict[str, Any], evidence: str = "",
        missing: list[str] | None = None) -> str:
    """One specific, directional sentence for a criterion that was not met."""
    first, purchase = _first(contact), _purchase(contact)
    mood = MOOD_WORDS.get(contact.get("mood", "calm"), "calm")
    if criterion == "introduced_self":
        return (f"You did not say who you are. Try: “Hi {first}, I'm <your name> from "
                "Harborlight” — a name makes you a person who is responsible.")
    if criterion == "used_name":
        return (f"You did not use {first}'s name. Try opening with “Hi {first},” and use it "
                "once more when you explain the solution.")
    if criterion == "referred_to_purchase":
        terms = " / ".join(purchase_terms(contact)[:2]) or purchase
        return (f"You did not mention what this is about ({purchase}). Name it — e.g. "
                f"“your {terms}” — so {first} knows you have read the message.")
    if criterion == "acknowledged_feelings" and mood == "calm":
        return (f"Show {first} you see their situation before the facts: “Good question — "
                "I can see why you'd want to check.” Generic lines such as “thank you for "
                "your patience” do not count.")
    if criterion == "acknowledged_feelings":
        return (f"{first} sounds {mood}. Before solving, name the feeling and the reason: "
                "“I'm sorry, that's a frustrating start with a new purchase.” Generic lines "
                "such as “sorry for any inconvenience” do not count.")
    if criterion == "took_ownership":
        return ("Say what *you* will do and when: “I've arranged …” or “I'll check on "
                "Thursday and e-mail you” rather than “the team will look into it”.")
    if criterion == "resolved_accurately":
        left_out = "; ".join(m.rstrip(".") for m in missing or []) or "a key fact"
        return f"You left out: {left_out}. State it plainly so {first} has the full answer."
    if criterion == "no_blame_or_jargon":
        quoted = f"“{evidence}” " if evidence else "Part of your reply "
        return (f"{quoted}reads as blame or internal jargon. Explain in everyday words and "
                "focus on what happens next, not on what the customer should have done.")
    trap = contact.get("honesty_trap") or {}
    honest = trap.get("honest_answer") or "Stick to what the key facts support."
    quoted = f"“{evidence}” " if evidence else "Part of your reply "
    return f"{quoted}is not supported by the facts. The honest route: {honest}"


def praise(criterion: str, contact: dict[str, Any]) -> str:
    first = _first(contact)
    return {
        "introduced_self": "You introduced yourself by name.",
        "used_name": f"You used {first}'s name.",
        "referred_to_purchase": f"You referred to the {_purchase(contact)}.",
        "acknowledged_feelings": "You acknowledged how the customer feels.",
        "took_ownership": "You took ownership of the next step.",
        "resolved_accurately": "You gave the key facts accurately.",
        "no_blame_or_jargon": "You kept to plain words without blame.",
        "honest": "You were honest about what is possible.",
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


def contact_feedback(result: RubricResult, contact: dict[str, Any]) -> dict[str, Any]:
    """Strengths and next steps for one reply, in rubric order."""
    strengths, improve = [], []
    for name in CRITERIA:
        check = result.checks[name]
        if check.passed:
            strengths.append(praise(name, contact))
        else:
            improve.append({"criterion": name, "label": LABELS[name],
                            "tip": tip(name, contact, check.evidence, check.missing)})
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
