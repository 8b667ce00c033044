"""A reply score in plain words, for trainees (practice) and recruiters (hiring).

Pure: a ReplyScore and the reply in, labels and sentences out. The scorer itself is
``app.replies.score_reply``; this module only explains its result.
"""

from __future__ import annotations

import re
from typing import Any

from app.replies import CRITERIA, ReplyScore

LABELS = {
    "introduces_self": "Introduces self",
    "uses_customer_name": "Uses the customer's name",
    "references_purchase": "Refers to the purchase or query",
    "acknowledges_feelings": "Acknowledges this customer's situation",
    "takes_ownership": "Takes ownership",
    "resolves_accurately": "Gives the key facts accurately",
    "honest": "Honest",
    "no_blame_or_jargon": "No blame, condescension or jargon",
    "clear_next_step": "Clear next step",
}
MAXIMUM = {name: 2 if name == "resolves_accurately" else 1 for name in CRITERIA}
_MISSED = {
    "introduces_self": "The reply does not say who is writing.",
    "uses_customer_name": "The reply never uses the customer's name.",
    "references_purchase": "The reply does not name the purchase or query it answers.",
    "acknowledges_feelings": "Nothing speaks to this customer's feeling or situation "
                             "(a stock line such as “sorry for any inconvenience” does not count).",
    "takes_ownership": "No first-person, concrete commitment (“I have …”, “I will …”).",
    "clear_next_step": "The customer is not told what happens next, or when.",
}
_AMOUNT = re.compile(r"\$\s?\d[\d,]*(?:\.\d+)?|\b\d+(?:[.,:]\d+)*(?:\s?(?:am|pm|%))?", re.I)
_WORD = re.compile(r"[a-z]{4,}")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _amounts(text: str) -> list[str]:
    return [m.group(0).strip() for m in _AMOUNT.finditer(text)]


def written_sentence(fact: str, reply: str) -> str:
    """The reply sentence that speaks to ``fact`` (most shared words), or ""."""
    fact_words = _words(fact)
    scored = [(len(fact_words & _words(s)), s.strip()) for s in _SENTENCE.split(reply or "")]
    best = max(scored, default=(0, ""))
    return best[1] if best[0] else ""


def wrong_fact_note(fact: str, reply: str) -> str:
    """“You wrote $25; the right fact: The refund is $40.” — from the reply's own words."""
    said = written_sentence(fact, reply)
    fact_amounts = _amounts(fact)
    other = [a for a in _amounts(said) if a not in fact_amounts]
    if other:
        return f"You wrote {other[0]}; the right fact: {fact}"
    if said:
        return f"You wrote “{said}”, but the right fact is: {fact}"
    return f"Your reply contradicts a key fact: {fact}"


def _explain(name: str, value: int, evidence: str) -> str:
    if name == "resolves_accurately":
        if evidence.startswith(("Wrong: ", "Missing: ")):
            kind, _, fact = evidence.partition(": ")
            return ("A key fact is stated wrongly: " if kind == "Wrong" else
                    "A key fact is missing: ") + fact
        return "Every key fact is there." if value == 2 else (evidence or "")
    if name == "honest":
        if value:
            return "Nothing false, nothing hidden, no forbidden promise."
        kind, _, rest = evidence.partition(": ")
        return {"Not disclosed": "The customer must be told: ",
                "Must not": "The reply does what it must not: ",
                "Wrong": "The reply states something false: "}.get(kind, "") + (rest or evidence)
    if name == "no_blame_or_jargon":
        return f"This line blames, lectures or uses jargon: “{evidence}”" if evidence \
            else "Plain words, no blame."
    if value:
        return f"“{evidence}”" if evidence else "Met."
    return _MISSED.get(name, "Not met.")


def explain(score: ReplyScore, reply: str) -> dict[str, Any]:
    """Plain-words view of a score: overall, one row per criterion, the wrong facts."""
    rows = []
    for name in CRITERIA:
        value = int(score.criteria[name])
        rows.append({"name": name, "label": LABELS[name], "value": value,
                     "max": MAXIMUM[name], "passed": value == MAXIMUM[name],
                     "evidence": _explain(name, value, score.evidence.get(name, ""))})
    return {"overall": score.overall, "confident": score.confident, "criteria": rows,
            "wrong_facts": [wrong_fact_note(f, reply) for f in score.wrong_facts]}
