"""Score a customer-service reply on nine criteria and a gated 1-5 overall.

Rules:
- Facts are compared by meaning, not keywords: a key fact is *conveyed* when one reply
  sentence shares most of its content words (crudely stemmed, a few service synonyms) and
  every number in the fact appears in that sentence as a value ("$40.00" == "$40" ==
  "forty dollars"), with the same polarity (negation counted). A sentence on the same topic
  with a different number or the opposite polarity *contradicts* the fact. A contradicted
  fact counts as missing.
- resolves_accurately: 2 when every key fact is conveyed, 1 when at least half are and none
  is contradicted, else 0.
- honest: 0 when a must_disclose item is not conveyed, a must_not item is matched with the
  same polarity (so "No cancellation fee applies" does not break "Do not charge a fee"), or a
  key fact is contradicted.
- Boilerplate empathy ("sorry for any inconvenience") does not count as acknowledging feelings.
- Overall gate: a reply with resolves_accurately 0 or honest 0 scores at most 2, however
  polite. Otherwise the overall starts at 3 for partly and 4 for fully accurate answers;
  courtesy criteria can add one point (to 5) but never lift a gated reply above 2, and their
  absence never takes an accurate, honest reply below 3.
- confident is False when a fact decision sat near the match threshold, or the overall sits
  on the gate boundary; those replies go to a trainer.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from app.replies.values import content_words, negated, sentences, tokens, values

CRITERIA = ("introduces_self", "uses_customer_name", "references_purchase",
            "acknowledges_feelings", "takes_ownership", "resolves_accurately", "honest",
            "no_blame_or_jargon", "clear_next_step")
_MATCH = 0.6
_TOPIC = 0.4
_MARGIN = 0.1
_INTRO = re.compile(r"\b(?i:my name is|my name's|i am|i'm|this is)\s+"
                    r"(?!(?i:sorry|glad|happy|afraid|here|able|unable|so)\b)[A-Z][a-z]+")
_BOILERPLATE = re.compile(r"sorry for (any|the) inconvenience|apologi[sz]e for any inconvenience"
                          r"|i (completely |totally )?understand how frustrating", re.I)
_FEELING = re.compile(r"\b(disappoint|frustrat|upset|worr|stress|annoy|understand(able)?|"
                      r"sorry (that|to hear)|must have been|i can see|i hear)\w*", re.I)
_OWNERSHIP = re.compile(r"\bI(?:'ve| have| will|'ll)\s+(?:already\s+)?\w+", re.I)
_BLAME = re.compile(r"\b(you should have|your fault|you failed|as (i|we) (already )?(said|told)|"
                    r"obviously|you didn't read|calm down)\b", re.I)
_NEXT = re.compile(r"\b(within|by|tomorrow|today|next|will (arrive|receive|see|get|be)|"
                   r"you('ll| will) (receive|get|see)|reply|call|contact|click|email)\b", re.I)


@dataclass(frozen=True)
class ReplyScore:
    overall: int
    criteria: Mapping[str, int]
    evidence: Mapping[str, str]
    confident: bool
    wrong_facts: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict:
        return {"overall": self.overall, "criteria": dict(self.criteria),
                "evidence": dict(self.evidence), "confident": self.confident}


def _best(fact: str, said: list[str]) -> tuple[str, float, str]:
    """Return (state, similarity, sentence): state is conveyed, contradicted or missing."""
    words = content_words(fact)
    fact_values = values(fact)
    best = ("missing", 0.0, "")
    for sentence in said:
        if not words:
            break
        overlap = len(words & content_words(sentence)) / len(words)
        if overlap < _TOPIC:
            continue
        same_values = fact_values <= values(sentence)
        other_values = bool(values(sentence)) and not same_values and bool(fact_values)
        same_polarity = negated(fact) == negated(sentence)
        if overlap >= _MATCH and same_values and same_polarity:
            state = "conveyed"
        elif other_values or (overlap >= _MATCH and not same_polarity):
            state = "contradicted"
        else:
            state = "missing"
        rank = {"conveyed": 2, "contradicted": 1, "missing": 0}
        if (rank[state], overlap) > (rank[best[0]], best[1]):
            best = (state, overlap, sentence)
    return best


def _first(pattern: re.Pattern, said: list[str], skip: re.Pattern | None = None) -> str:
    for sentence in said:
        if pattern.search(sentence) and not (skip and skip.search(sentence)):
            return sentence
    return ""


def score_reply(contact: dict, reply: str) -> ReplyScore:
    said = sentences(reply)
    evidence: dict[str, str] = {}
    near = False

    facts = [_best(f, said) for f in contact.get("key_facts") or []]
    near |= any(abs(sim - _MATCH) < _MARGIN for _, sim, _ in facts)
    states = list(zip(contact.get("key_facts") or [], [s for s, _, _ in facts], strict=True))
    conveyed = [f for f, s in states if s == "conveyed"]
    wrong = tuple(f for f, s in states if s == "contradicted")
    total = len(facts)
    if total and len(conveyed) == total:
        resolves = 2
    elif total and not wrong and len(conveyed) * 2 >= total:
        resolves = 1
    else:
        resolves = 0 if total else 1
    missing = [f for f, s in states if s != "conveyed"]
    evidence["resolves_accurately"] = (
        ("Wrong: " + wrong[0]) if wrong else ("Missing: " + missing[0]) if missing
        else next((sent for s, _, sent in facts if sent), ""))

    honest, honest_ev = 1, ""
    for item in contact.get("must_disclose") or []:
        state, sim, _ = _best(item, said)
        near |= abs(sim - _MATCH) < _MARGIN
        if state != "conveyed":
            honest, honest_ev = 0, "Not disclosed: " + item
    for item in contact.get("must_not") or []:
        words = content_words(item)
        for sentence in said:
            overlap = len(words & content_words(sentence)) / len(words) if words else 0
            # A must_not is usually written as a prohibition ("Do not promise X"): the
            # reply breaks it when it says X affirmatively.
            if overlap >= _MATCH and negated(sentence) != negated(item):
                honest, honest_ev = 0, "Must not: " + item + " — " + sentence
    if wrong:
        honest, honest_ev = 0, honest_ev or "Wrong: " + wrong[0]
    evidence["honest"] = honest_ev

    name = (contact.get("customer_name") or "").split()
    name_ev = next((s for s in said if any(n.lower() in tokens(s) for n in name
                                           if n.lower() not in {"mr", "mrs", "ms", "dr"})), "")
    purchase_words = content_words(contact.get("purchase") or "")
    purchase_ev = next((s for s in said if purchase_words
                        and len(purchase_words & content_words(s)) * 2 >= len(purchase_words)), "")
    jargon_ev = next((s for s in said for j in contact.get("jargon") or []
                      if j.lower() in s.lower()), "")
    blame_ev = _first(_BLAME, said) or jargon_ev
    evidence.update({
        "introduces_self": _first(_INTRO, said),
        "uses_customer_name": name_ev,
        "references_purchase": purchase_ev,
        "acknowledges_feelings": _first(_FEELING, said, skip=_BOILERPLATE),
        "takes_ownership": _first(_OWNERSHIP, said),
        "no_blame_or_jargon": blame_ev,
        "clear_next_step": _first(_NEXT, said),
    })
    criteria = {c: (1 if evidence[c] else 0) for c in CRITERIA
                if c not in ("resolves_accurately", "honest", "no_blame_or_jargon")}
    criteria["resolves_accurately"] = resolves
    criteria["honest"] = honest
    criteria["no_blame_or_jargon"] = 0 if blame_ev else 1
    criteria = {c: criteria[c] for c in CRITERIA}

    courtesy = sum(criteria[c] for c in ("introduces_self", "uses_customer_name",
                                         "acknowledges_feelings", "takes_ownership",
                                         "clear_next_step", "no_blame_or_jargon"))
    if resolves == 0 or honest == 0:
        overall = 2 if resolves or courtesy >= 4 and not wrong else 1
    else:
        overall = (4 if resolves == 2 else 3) + (1 if resolves == 2 and courtesy >= 5 else 0)
    return ReplyScore(overall=overall, criteria=MappingProxyType(criteria),
                      evidence=MappingProxyType(evidence), confident=not near,
                      wrong_facts=wrong)
