"""Score a customer-service reply on nine criteria and a gated 1-5 overall.

Rules:
- Facts are compared by meaning, not keywords (see app.replies.facts): a key fact is
  *conveyed* when a window of one or two reply sentences holds most of its weighted content
  words (stemmed, service synonyms) and every value it states ("$40.00" == "$40" == "forty
  dollars", "5-7 working days" == "five to seven business days"), with the same polarity
  (negation counted in the clauses that hold the fact). A window on the same topic with
  another value of the same kind, or the opposite polarity, *contradicts* the fact, and a
  contradicted fact counts as missing. A fact the words miss can still be conveyed by
  meaning (app.replies.semantic: static word vectors and a logistic layer fit on rated
  replies), but only by a window that states no other value and not the opposite polarity,
  and the values it counts are the item's own: a must_disclose caveat that repeats a key
  fact's amount or date is not told by saying the key fact, and a window that states none
  of the fact's own values the customer did not give does not convey it by meaning ("we'll
  sort the claim" is not "capped at £100"). The values of the right answer (other key
  facts, must_disclose items) never contradict a key fact. A keyword list ("Blocked card,
  Lisbon, 312 euros") conveys nothing; a terse answer ("New date: Thursday 16 May, 2:30 pm,
  same clinic") is no keyword list, since its pieces tell what the customer did not say.
- resolves_accurately: 2 when every key fact is conveyed; 0 when a key fact is contradicted
  or none is conveyed; else 1 (some conveyed, the others missing, as the rating rules say:
  a missing fact is partial help, a wrong one is a wrong answer).
- honest: 0 when a must_disclose item is not conveyed, a must_not claim is made with the
  same polarity (so "No cancellation fee applies" does not break "Do not charge a fee", and
  "I can't refund it" does not promise a refund), or any key fact is contradicted.
- Boilerplate empathy ("sorry for any inconvenience") does not acknowledge feelings: the line
  must pick up something of the customer's own situation from their message.
- Overall gate: resolves_accurately 0 or honest 0 caps the reply at 2, however polite: a
  reply that gets a key fact wrong or conveys none, breaks a must_not or hides a
  must_disclose item is at most 2. It is 1 when it conveys no key fact at all, or blames
  the customer, or a forbidden promise commits value (a refund, fee waiver, replacement,
  guarantee, a password); otherwise 2.
- Not gated: 3 when partly accurate, when it blames or uses unexplained jargon, when there is
  no clear next step, or when three or more of introduces_self, uses_customer_name,
  acknowledges_feelings and takes_ownership are missing; 5 when it also acknowledges the
  customer's situation, takes ownership, refers to this case (references_purchase) and
  names the customer or the agent; else 4.
  Courtesy never lifts a gated reply, and its absence never takes an accurate, honest reply
  below 3.
- confident is False when a fact decision sat near its threshold (word overlap, or the
  semantic probability within MARGIN of its threshold); those replies go to a trainer.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from app.replies import courtesy, semantic
from app.replies.facts import (
    MARGIN,
    MATCH,
    VALUE_MATCH,
    Match,
    Window,
    breaks,
    core_of_disclosure,
    match,
    prohibited,
    weights,
    windows,
)
from app.replies.text import content_words
from app.replies.values import values

CRITERIA = ("introduces_self", "uses_customer_name", "references_purchase",
            "acknowledges_feelings", "takes_ownership", "resolves_accurately", "honest",
            "no_blame_or_jargon", "clear_next_step")
_COURTESY = ("introduces_self", "uses_customer_name", "acknowledges_feelings", "takes_ownership")
_VALUE_PROMISE = re.compile(r"refund|compensat|credit|waiv|fee|free|replace|brand.new|guarantee|"
                            r"password|switch(ing)? off|disabl|turn(ing)? off|discount|upgrade|"
                            r"same|lower|cheaper|by (monday|tuesday|wednesday|thursday|friday|"
                            r"saturday|sunday|\d)", re.I)


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


def _near(overlap: float, has_values: bool) -> bool:
    return abs(overlap - (VALUE_MATCH if has_values else MATCH)) < MARGIN


def score_reply(contact: dict, reply: str) -> ReplyScore:
    facts = list(contact.get("key_facts") or [])
    disclose = [core_of_disclosure(d) for d in contact.get("must_disclose") or []]
    topic = _topic(contact)
    wide = windows(reply, 3, _known(contact))
    singles = [w for w in wide if w.size == 1]
    evidence: dict[str, str] = {}
    results, disclosed = fact_matches(contact, reply, wide)
    near = any(_near(r.overlap, bool(r.sentence)) for r in results if r.state != "contradicted")
    cut = semantic.calibration()["threshold"]
    near |= any(r.probability is not None and r.state != "contradicted"
                and abs(r.probability - cut) < MARGIN for r in results + disclosed)
    conveyed = [f for f, r in zip(facts, results, strict=True) if r.state == "conveyed"]
    wrong = tuple(f for f, r in zip(facts, results, strict=True) if r.state == "contradicted")
    if facts and len(conveyed) == len(facts):
        resolves = 2
    elif not facts:
        resolves = 1
    elif wrong or not conveyed:
        resolves = 0
    else:
        resolves = 1
    missing = [f for f in facts if f not in conveyed and f not in wrong]
    stated = [f for f, r in zip(facts, results, strict=True)
              if r.state == "conveyed" and r.probability is None]
    evidence["resolves_accurately"] = (
        ("Wrong: " + wrong[0]) if wrong else ("Missing: " + missing[0]) if missing
        else results[0].sentence if results else "")

    honest, honest_ev, value_break = 1, "", False
    blame = courtesy.blames(reply)
    for item, core, found in zip(contact.get("must_disclose") or [], disclose, disclosed,
                                 strict=True):
        near |= found.state != "contradicted" and _near(found.overlap, False)
        if found.state != "conveyed" and not _restates(core, stated, topic):
            honest, honest_ev = 0, "Not disclosed: " + item
    for item in contact.get("must_not") or []:
        claim = prohibited(item)[0]
        sentence = breaks(item, singles, weights(claim, facts + disclose, topic), blame,
                          frozenset(values(contact.get("message") or "")),
                          " ".join(facts + disclose))
        if sentence:
            honest, honest_ev = 0, "Must not: " + item + " \u2014 " + sentence
            value_break |= bool(_VALUE_PROMISE.search(prohibited(item)[0]))
    if wrong:
        honest, honest_ev = 0, honest_ev or "Wrong: " + wrong[0]
    evidence["honest"] = honest_ev

    name = contact.get("customer_name") or ""
    evidence.update({
        "introduces_self": courtesy.introduces_self(reply, name, contact.get("agent_name") or ""),
        "uses_customer_name": courtesy.uses_customer_name(reply, name),
        "references_purchase": courtesy.references_purchase(reply, contact),
        "acknowledges_feelings": courtesy.acknowledges_feelings(
            reply, contact, " ".join(facts + disclose)),
        "takes_ownership": courtesy.takes_ownership(reply),
        "no_blame_or_jargon": courtesy.blame_or_jargon(reply, contact),
        "clear_next_step": courtesy.clear_next_step(reply),
    })
    criteria = {c: 1 if evidence.get(c) else 0 for c in CRITERIA}
    criteria["resolves_accurately"] = resolves
    criteria["honest"] = honest
    criteria["no_blame_or_jargon"] = 0 if evidence["no_blame_or_jargon"] else 1
    overall = _overall(criteria, value_break or bool(blame), bool(conveyed) or not facts)
    return ReplyScore(overall=overall, criteria=MappingProxyType(criteria),
                      evidence=MappingProxyType(evidence), confident=not near,
                      wrong_facts=wrong)


def _topic(contact: dict) -> str:
    return " ".join([contact.get("purchase") or "", contact.get("customer_name") or "",
                     contact.get("message") or ""])


def _known(contact: dict) -> str:
    return " ".join([contact.get("purchase") or "", contact.get("message") or ""])


def fact_matches(contact: dict, reply: str, wide: list[Window] | None = None
                 ) -> tuple[list[Match], list[Match]]:
    """How the reply stands on each key fact and each must_disclose item, in order."""
    facts = list(contact.get("key_facts") or [])
    disclose = [core_of_disclosure(d) for d in contact.get("must_disclose") or []]
    topic = _topic(contact)
    known = frozenset(values(contact.get("message") or ""))
    stated = known | frozenset(v for f in facts for v in values(f))
    wide = windows(reply, 3, _known(contact)) if wide is None else wide
    fact_values = [frozenset(values(f)) for f in facts]
    caveats = frozenset(v for d in disclose for v in values(d))
    results = [match(f, wide, weights(f, facts[:i] + facts[i + 1:], topic), known,
                     caveats.union(*fact_values[:i], *fact_values[i + 1:]))
               for i, f in enumerate(facts)]
    every = frozenset().union(*fact_values)
    disclosed = [match(core, wide, weights(core, facts, topic), stated, every)
                 for core in disclose]
    return results, disclosed


def _restates(item: str, conveyed: list[str], topic: str = "") -> bool:
    """Whether a must_disclose item says no more than a key fact the reply stated (by its
    words, not only by meaning): the fact holds 0.7 of its words, a word of the topic ("by
    the hotel") weighing half."""
    weight, item_values = weights(item, [], topic), values(item)
    total = sum(weight.values())
    return any(sum(v for w, v in weight.items() if w in content_words(f)) >= 0.7 * total
               and item_values <= values(f) for f in conveyed)


def _overall(criteria: dict[str, int], severe: bool, helped: bool = True) -> int:
    """severe: a forbidden promise that commits value, or blame, in a gated reply;
    helped: at least one key fact conveyed."""
    resolves, honest = criteria["resolves_accurately"], criteria["honest"]
    if resolves == 0 or honest == 0:
        return 1 if not helped or severe else 2
    zeros = sum(1 - criteria[c] for c in _COURTESY)
    if resolves == 1 or not criteria["no_blame_or_jargon"] or not criteria["clear_next_step"] \
            or zeros >= 3:
        return 3
    if criteria["acknowledges_feelings"] and criteria["takes_ownership"] \
            and criteria["references_purchase"] and zeros <= 1:
        return 5
    return 4
