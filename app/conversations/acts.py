"""What a trainee's turn did, understood with the reply scorer plus a few dialogue acts.

The scorer judges meaning (facts conveyed or contradicted, ownership, specific empathy,
blame, must-not); the dialogue acts here are about the form of the turn (a question, a
greeting, a closing, open hostility) and are the same for every customer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from app.replies import score_reply

ACTS = ("greeted", "introduced", "used_name", "asked_question", "asked_right", "explained",
        "explained_all", "apologized", "committed", "closed", "wrong_fact", "rude",
        "dishonest")

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_QUESTION = re.compile(r"^(?:so,?\s+|and\s+|ok(?:ay)?,?\s+)?(?:can|could|may|might|would|will|"
                       r"shall|what|what's|when|where|which|who|whose|how|why|do|does|did|"
                       r"is|are|was|were|have|has)\b", re.I)
_GREETING = re.compile(r"^\W*(?:hi|hello|hey|good (?:morning|afternoon|evening)|welcome|"
                       r"thanks? (?:you )?for (?:calling|contacting|getting in touch|"
                       r"waiting|holding))\b", re.I)
_CLOSING = re.compile(r"\b(?:anything else|have a (?:good|great|nice|lovely)\b|goodbye|"
                      r"bye\b|take care)", re.I)
_HOSTILE = re.compile(r"\b(?:not my (?:problem|fault|job)|your (?:own )?problem|deal with it|"
                      r"whatever|shut up|stupid|idiot|calm down|you people|stop (?:shouting|"
                      r"complaining)|nothing I can do|that's life|tough luck)\b", re.I)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text or "") if s.strip()]


def is_question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") or bool(_QUESTION.match(sentence))


@dataclass(frozen=True)
class Understanding:
    """The acts of one turn, the key facts it newly conveyed (indices), the customer's
    knowledge it asked for (indices), and the facts it got wrong (sentences)."""

    acts: frozenset[str]
    new_facts: tuple[int, ...] = ()
    answers: tuple[int, ...] = ()
    wrong_facts: tuple[str, ...] = ()
    evidence: dict[str, str] = field(default_factory=dict)


def _conveys(fact: str, text: str) -> bool:
    return score_reply({"key_facts": [fact]}, text).criteria["resolves_accurately"] == 2


def _really_wrong(fact: str, facts: Sequence[str], said: Sequence[str]) -> bool:
    """A sentence that states another key fact correctly is about that fact: its overlap
    with ``fact`` is not taken for a contradiction."""
    for sentence in said:
        if fact in score_reply({"key_facts": [fact]}, sentence).wrong_facts and not any(
                other != fact and _conveys(other, sentence) for other in facts):
            return True
    return False


def understand(case: dict[str, Any], knows: Sequence[dict[str, str]], text: str,
               earlier: Sequence[str] = (), conveyed: Sequence[int] = (),
               told: Sequence[int] = ()) -> Understanding:
    """The acts of ``text`` for the case (a scorer contact dict), given the trainee's
    ``earlier`` turns, the fact indices ``conveyed`` before and the ``knows`` already
    ``told``."""
    turn = score_reply(case, text)
    c, ev = turn.criteria, turn.evidence
    acts: set[str] = set()
    evidence: dict[str, str] = {}

    def mark(act: str, proof: str) -> None:
        acts.add(act)
        evidence.setdefault(act, proof)

    said = sentences(text)
    if said and _GREETING.match(said[0]):
        mark("greeted", said[0])
    for act, criterion in (("introduced", "introduces_self"), ("used_name", "uses_customer_name"),
                           ("apologized", "acknowledges_feelings")):
        if c[criterion]:
            mark(act, ev[criterion])
    if c["takes_ownership"] and c["clear_next_step"]:
        mark("committed", ev["takes_ownership"])
    hostile = next((s for s in said if _HOSTILE.search(s)), "")
    if not c["no_blame_or_jargon"] or hostile:
        mark("rude", hostile or ev["no_blame_or_jargon"])
    facts = case.get("key_facts") or []
    wrong = tuple(f for f in turn.wrong_facts if _really_wrong(f, facts, said))
    if wrong:
        mark("wrong_fact", wrong[0])
    if case.get("must_not") and score_reply(
            {"must_not": case["must_not"]}, text).criteria["honest"] == 0:
        mark("dishonest", ev["honest"] or text)
    closing = next((s for s in said if _CLOSING.search(s)), "")
    if closing:
        mark("closed", closing)

    new = tuple(i for i, f in enumerate(facts) if i not in conveyed and _conveys(f, text))
    if new:
        mark("explained", facts[new[0]])
    whole = "\n".join([*earlier, text])
    if facts and not wrong and (
            set(conveyed) | set(new) == set(range(len(facts)))
            or score_reply({"key_facts": facts}, whole).criteria["resolves_accurately"] == 2):
        mark("explained_all", facts[-1])

    questions = [s for s in said if is_question(s)]
    if questions:
        mark("asked_question", questions[0])
    answers = tuple(i for i, k in enumerate(knows) if i not in told
                    and any(_conveys(k["ask"], q) for q in questions))
    if answers:
        mark("asked_right", knows[answers[0]]["ask"])
    return Understanding(frozenset(acts), new, answers, wrong, evidence)
