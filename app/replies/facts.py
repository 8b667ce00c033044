"""Whether a reply conveys, contradicts or misses a fact written as a sentence.

A fact is compared with every window of one or two consecutive reply sentences:
- overlap is the weighted share of the fact's content words found in the window; a word
  the fact shares with other facts or with the purchase weighs less (it is topic, not news);
- a fact with values (amounts, durations, times, dates) is conveyed when every value is in
  the window and the overlap reaches VALUE_MATCH, or when one sentence states two or more
  of its typed values that the customer did not give ("ETR 18:00 Fri 08/03" for "finished
  by 6 pm on Friday 8 March"); without values it needs MATCH;
- polarity is the negation parity of the window clauses that hold the fact's words, so a
  "not" about something else in the same sentence does not flip it;
- contradicted: a window on the same topic states another value of the same kind as a value
  the fact affirms (not one it negates: "not instant" is not contradicted by "tomorrow"), or
  the opposite polarity with a high overlap.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from app.replies import semantic
from app.replies.text import (
    NEGATORS,
    STOP,
    clauses,
    content_words,
    listing,
    negated,
    negated_words,
    normalise,
    sentences,
    tokens,
)
from app.replies.values import Value, conflicting, present, values

MATCH = 0.5
VALUE_MATCH = 0.25
TOPIC = 0.4
FLIP = 0.6
MARGIN = 0.1
PART_SHARE = 0.5
_LEAD = re.compile(r"^\s*(?:please\s+)?(?:explain|tell|mention|say|disclose|state|make clear|"
                   r"point out|confirm|inform)\b(?:\s+(?:the customer|him|her|them|"
                   r"(?-i:[A-Z][a-z]+)))?(?:\s+that)?\s+", re.I)
_CONDITIONAL = re.compile(r"^\s*(?:if|unless|when|whenever|in case|should)\b", re.I)
_BOUND = re.compile(r"\b(?:more than|over|above|beyond|higher than|greater than|exceed\w*|"
                    r"(less than|under|below|lower than|fewer than|earlier than|before|"
                    r"sooner than))\b", re.I)
_COMMIT = re.compile(r"\b(guarantee\w*|promise\w*|definitely|for certain|for sure|100%|sharp|"
                     r"without fail|certainly|assure\w*|on the dot|(?:i|we)(?:'ve|'ll|\u2019ve|"
                     r"\u2019ll| have| will)? (?:make|made) sure(?! (?:you|to (?:check|ask)))|"
                     r"(?:you have )?my word)", re.I)
_AGENT = re.compile(r"\s*(?:(?:so|and|but|sadly|unfortunately),?\s+)?(?:i|we)(?:'m|'re|'ve|'ll|"
                    r"\u2019m|\u2019re|\u2019ve|\u2019ll)?\b", re.I)
_UNSURE = re.compile(r"\s*(?:(?:but|and|so|sadly|unfortunately),?\s+)?(?:i|we)\s+(?:can ?not|can't|"
                     r"can\u2019t|won't|don't|do not)\s+(?:promise|guarantee|say|tell|know|predict|"
                     r"be sure)\b", re.I)
_ADVICE = re.compile(r"\s*(?:(?:so|and|but|just|please),?\s+)*(?:do not|don't|don\u2019t|never)\s+"
                     r"(?!worry|panic|hesitate)\w+", re.I)
_CONTRAST = re.compile(r"\s*(?:but |and |so )?not\s+(?:the|a|an|his|her|their|its|our|your|"
                       r"\d|[$\u00a3\u20ac])", re.I)
_TIMED = frozenset({"time", "date", "weekday", "when"})
_REFUSAL = re.compile(r"\b(unfortunately|i'm afraid|i am afraid|not eligible|isn't eligible|"
                      r"aren't eligible|(won't|doesn't|don't|does not|will not) qualify|"
                      r"has to stand|stands|not possible|not able|unable|can't|cannot|can not)\b",
                      re.I)
_WHEN_WORDS = frozenset({"day", "time", "date", "hour", "week", "month", "year", "moment"})
_OTHER = re.compile(r"\b(?:other than|except|apart from|besides|anything but)\b", re.I)
_FAULT = re.compile(r"\b(problem|fault|error|mistake|issue|failed|failure|blame|caused|"
                    r"let (you|us) down|missed|didn't turn up|did not turn up|no-show)\w*", re.I)
_BLAME_ITEM = re.compile(r"\b(blame|fault|responsib)", re.I)
_PROHIBIT = re.compile(r"^\s*(?:do not|don't|never|must not|should not|avoid|not)\s+", re.I)
_HEDGED = re.compile(r"\b(?:may|might|could|often|usually|possibly|perhaps|whether|depends|"
                     r"estimat\w*|forecast\w*|likely|not guaranteed|no guarantee|not (?:a )?firm|"
                     r"(?:can ?not|can't|can\u2019t) guarantee|"
                     r"up to (?:them|the|your)|can(?:not|'t|\u2019t| not) say|not sure)\b",
                     re.I)
_ABLE = re.compile(r"\b(?:can|are able to|is able to)\b", re.I)
_PREDICATE = re.compile(r"\b(?:will|would|is|are|was|were|be|been|being|gets?|got)\s+"
                        r"(?:be\s+|been\s+)?(\w+(?:ed|en))\b", re.I)
_FRAME = re.compile(r"^\s*(?:tell|say|claim|suggest|imply|state|promise|guarantee|offer|agree|"
                    r"inform|ask|advise|instruct)\b(?:\s+(?:the customer|him|her|them|"
                    r"(?-i:[A-Z][a-z]+)))?(?:\s+(?:that|to|for))?\s+", re.I)


@dataclass(frozen=True)
class Part:
    words: frozenset[str]
    negated: bool
    values: frozenset[Value]
    conditional: bool
    scoped: frozenset[str]
    agent: bool = False
    hedge: bool = False
    advice: bool = False


@dataclass(frozen=True)
class Window:
    text: str
    words: frozenset[str]
    values: frozenset[Value]
    parts: tuple[Part, ...]
    size: int
    said: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    state: str
    overlap: float
    sentence: str
    features: tuple[float, ...] | None = None
    probability: float | None = None


def windows(reply: str, size: int = 2, known: str | None = None) -> list[Window]:
    """Runs of 1..size consecutive sentences; a keyword list is no sentence (it states
    nothing, so it neither conveys a fact nor makes a claim). `known`: what the customer
    wrote; a terse piece with a negation or a value they did not give is not a keyword."""
    told = _teller(known) if known is not None else None
    said = [_sentence(s) for s in sentences(reply) if not listing(s, told)]
    out = []
    for n in range(1, size + 1):
        for i in range(len(said) - n + 1):
            span = said[i:i + n]
            out.append(Window(" ".join(w.text for w in span),
                              frozenset().union(*(w.words for w in span)),
                              frozenset().union(*(w.values for w in span)),
                              tuple(p for w in span for p in w.parts), n,
                              tuple(w.text for w in span)))
    return out


@lru_cache(maxsize=256)
def _teller(known: str) -> Callable[[str], bool]:
    given = frozenset(values(known))

    def told(piece: str) -> bool:
        return any(t in NEGATORS for t in tokens(piece)) \
            or any(not present({v}, set(given)) for v in values(piece))

    return told


@lru_cache(maxsize=4096)
def _sentence(text: str) -> Window:
    return Window(text, frozenset(content_words(text)), frozenset(values(text)),
                  tuple(_part(c) for c in clauses(text)), 1, (text,))


@lru_cache(maxsize=8192)
def _part(clause: str) -> Part:
    return Part(frozenset(content_words(clause)), negated(clause), frozenset(values(clause)),
                bool(_CONDITIONAL.match(clause)), frozenset(negated_words(clause)),
                bool(_AGENT.match(clause)), bool(_UNSURE.match(clause)),
                bool(_ADVICE.match(clause)))


def weights(fact: str, others: list[str], topic: str) -> dict[str, float]:
    """Word weights: 1, halved for words of the topic (purchase, name, customer's message),
    divided by one plus the number of other facts that use the word."""
    words = content_words(fact)
    shared = [content_words(o) for o in others]
    topic_words = content_words(topic)
    return {w: (0.5 if w in topic_words else 1.0) / (1 + sum(w in s for s in shared))
            for w in words}


def _flipped(fact_clauses: list[str], holding: list[Part]) -> bool:
    """Whether the window parts say the fact clauses with the opposite polarity.

    Two readings must agree: the negation of both sides (the fact clauses' parity against
    the window clauses' majority, so "a non-refundable rate, so I can't refund it" is one
    negative statement, not two that cancel), and a vote over the words each side puts in
    a negator's scope. "nofee" against a plain "fee" flips on its own; against a negative
    fact without a fee it is a negator ("you won't pay the £250 excess" agrees with "not
    the £250 excess").
    """
    words = frozenset().union(*(content_words(c) for c in fact_clauses))
    said = frozenset().union(*(p.words for p in holding))
    if words & {"fee", "nofee"} and ("nofee" in words) != ("nofee" in said) \
            and "fee" in (words | said) - (words & said):
        return True
    if "nofee" in words and any("nofee" in p.scoped for p in holding):
        return True
    fact_negated = sum(negated(c) for c in fact_clauses) % 2 == 1
    if fact_negated and not words & {"fee", "nofee"}:
        holding = [_unpaid(p) for p in holding]
    said_negated = sum(p.negated for p in holding)
    parity = fact_negated != (
        said_negated * 2 > len(holding) or said_negated * 2 == len(holding) and said_negated % 2)
    in_scope = frozenset().union(*(negated_words(c) for c in fact_clauses))
    scoped = frozenset().union(*(p.scoped for p in holding))
    shared = [w for w in words & said if w in in_scope or w in scoped]
    disagree = sum((w in in_scope) != (w in scoped) for w in shared)
    return parity and disagree * 2 > len(shared)


def _unpaid(part: Part) -> Part:
    """A clause that says "you won't pay the £250 excess" ("nofee") read as a negation of
    its other words, for a fact that is not itself about a fee ("not the £250 excess")."""
    if "nofee" not in part.words:
        return part
    return Part(part.words, not part.negated, part.values, part.conditional,
                part.scoped | (part.words - {"nofee"}), part.agent, part.hedge)


def _holding(words: frozenset[str], parts: tuple[Part, ...]) -> list[Part]:
    """The window clauses that share the most of a fact clause's words (a clause that
    shares one topic word with it, beside a clause that says it, is about something else)."""
    shared = [(len(p.words & words), p) for p in parts if p.words & words and not p.conditional]
    most = max((n for n, _ in shared), default=0)
    return [p for n, p in shared if n * 2 > most]


def _polarity(fact: str, window: Window) -> bool | None:
    """True if polarities agree, False if flipped, None if the fact's clauses are not found.
    What the agent cannot do ("we're not able to supply the hinge pack") does not deny what
    the customer needs to do ("she needs to get the hinge pack from the shop"), nor does
    what the agent cannot promise ("I can't promise how the council will decide on free
    school meals, but you can apply"), and a
    negated fact agrees with a window that negates its head, the word right after its
    negator, wherever the window says it ("meals are free from the approval date; they
    can't be backdated" agrees with "free school meals are not backdated"). Advice ("don't
    sell them above face value elsewhere") neither affirms nor denies a plain fact, and a
    fact's short contrast clause ("a 6-month warranty, not the new pump's 12 months") is not
    read for polarity."""
    verdicts = []
    for clause in clauses(fact):
        words = content_words(clause)
        if not words or _CONDITIONAL.match(clause) or _CONTRAST.match(clause) \
                and len(clause.split()) <= 6 and values(clause):
            continue
        parts = tuple(p for p in window.parts if not p.hedge
                      and not (p.advice and not negated(clause)))
        if "need" in words and not negated(clause):
            parts = tuple(p for p in parts if not (p.agent and p.negated))
        head = negated_words(clause, 1) - {"nofee"} if negated(clause) else set()
        said = [p for p in parts if head & p.words and not p.conditional]
        if head and said and all(p.negated for p in said):
            verdicts.append(True)
            continue
        holding = _holding(words, parts)
        if holding:
            verdicts.append(not _flipped([clause], holding))
    return all(verdicts) if verdicts else None


def _value_polarity(fact: str, fact_values: set[Value], window: Window) -> bool | None:
    """Polarity judged on the clauses that carry the fact's values, on both sides (a fact
    clause only when the window says one of its values outside a condition)."""
    carry = [(sum(present({v}, set(p.values)) for v in fact_values)
              + len(p.words & content_words(fact)), p)
             for p in window.parts if p.values and not p.conditional
             and any(present({v}, set(p.values)) for v in fact_values)]
    most = max((n for n, _ in carry), default=0)
    theirs = [p for n, p in carry if n * 2 > most]
    said = set().union(*(p.values for p in theirs))
    mine = [c for c in clauses(fact) if values(c) and present(values(c), set(fact_values))
            and not _CONDITIONAL.match(c) and any(present({v}, said) for v in values(c))]
    if not mine or not theirs:
        return _polarity(fact, window)
    return not _flipped(mine, theirs)


def _mostly_present(fact_values: set[Value], said: set[Value],
                    known: frozenset[Value] = frozenset()) -> bool:
    """Every value; of three or more, a date or weekday may be left implied, not said
    otherwise ("Thursday 9 July" for "Wednesday 9 July"); "tomorrow" may be, when the day
    it names ("tomorrow's (Thursday's) flight") is said; a value the customer gave may be
    left implied when a new one of the fact is said ("now £1,638" for "£1,638 instead of
    £2,184" after the customer quoted £2,184)."""
    missing = [v for v in fact_values if not present({v}, said)]
    named = any(k in ("date", "weekday") and present({(k, n)}, said) for k, n in fact_values)
    missing = [v for v in missing if not (v[0] == "when" and named)]
    if any(v not in known and v[0] != "num" and present({v}, said) for v in fact_values):
        missing = [v for v in missing if not present({v}, set(known)) or any(
            q == v[0] and not present({(q, m)}, fact_values) for q, m in said)]
    return not missing or len(fact_values) >= 3 and len(missing) == 1 \
        and missing[0][0] in ("date", "weekday") \
        and not any(v[0] == missing[0][0] and v not in known and v not in fact_values
                    for v in said)


def _refuses(fact: str, window: Window) -> bool:
    """A refusal ("unfortunately ... can't", "won't qualify") on the topic of a fact that
    grants something: a negated clause that shares a word with the fact ("otherwise the
    replacement can't proceed" refuses nothing about a collection)."""
    words = content_words(fact)
    return window.size == 1 and not negated(fact) and "need" not in words \
        and bool(_REFUSAL.search(window.text)) \
        and any(p.negated and p.words & words for p in window.parts)


def match(fact: str, wins: list[Window], weight: dict[str, float],
          known: frozenset[Value] = frozenset(), elsewhere: frozenset[Value] = frozenset()
          ) -> Match:
    """Match the whole fact; a fact of several clauses is also conveyed when at least
    PART_SHARE of its clauses are, holding a quarter of its weighted words (not
    "under Card security" alone), and contradicted when any clause is (a clause that is
    only a value, "(Thursday's)", is weighed with the whole fact's words).

    known: values the customer already gave; echoing only those needs the TOPIC overlap.
    A fact no window conveys is contradicted by one sentence that holds two of its typed
    values and another of their kinds, whatever its words ("the new date is Thursday 17
    October, 8 am to 1 pm" for "rebooked for Wednesday 16 October between 8 am and 1 pm").
    """
    whole = _match_one(fact, wins, weight, known, elsewhere, meaning=True)
    if whole.state != "contradicted":
        charged = _charged(fact, wins, known | elsewhere)
        if charged:
            return Match("contradicted", whole.overlap, charged, whole.features, whole.probability)
    parts = [c for c in clauses(fact) if values(c) or len(content_words(c)) >= 2]
    if whole.state == "conveyed" or len(parts) < 2:
        return whole
    siblings = elsewhere | frozenset(values(fact))
    found = [_match_one(c, wins, {w: weight[w] for w in content_words(c) if w in weight}
                        or weight, known, siblings) for c in parts]
    for i, (clause, m) in enumerate(zip(parts, found, strict=True)):
        if m.state != "contradicted":
            win = next((w for w in wins if w.size == 1 and _misplaced(clause, w)), None)
            if win is not None:
                found[i] = Match("contradicted", m.overlap, win.text)
    wrong = [m for m in found if m.state == "contradicted"]
    if wrong:
        return whole if whole.state == "contradicted" else wrong[0]
    said = [m for m in found if m.state == "conveyed"]
    told = frozenset().union(*(content_words(c) for c, m in zip(parts, found, strict=True)
                               if m.state == "conveyed"))
    total = sum(weight.values())
    share = sum(v for w, v in weight.items() if w in told) / total if total else 1.0
    if whole.state == "contradicted" and len(said) < max(2, PART_SHARE * len(parts)):
        return whole
    if len(said) >= PART_SHARE * len(parts) and share >= PART_SHARE * PART_SHARE:
        return Match("conveyed", min(m.overlap for m in said),
                     " ".join(dict.fromkeys(m.sentence for m in said)), whole.features,
                     whole.probability)
    return whole


def _match_one(fact: str, wins: list[Window], weight: dict[str, float],
               known: frozenset[Value], elsewhere: frozenset[Value], meaning: bool = False
               ) -> Match:
    fact_values = values(fact)
    firm = set().union(*(_firm(c) for c in clauses(fact)))
    news = bool(fact_values) and not present(fact_values, set(known))
    typed = [v for v in fact_values if v[0] != "num" and not present({v}, set(known))]
    total = sum(weight.values())
    best = Match("missing", 0.0, "")
    rank = {"conveyed": 2, "contradicted": 1, "missing": 0}
    for win in wins:
        overlap = (sum(v for w, v in weight.items() if w in win.words) / total if total
                   else 1.0 if fact_values else 0.0)
        if (overlap < VALUE_MATCH or not fact_values and overlap < TOPIC) \
                and not (win.size == 1 and len(typed) >= 2 and present(fact_values,
                                                                        set(win.values))):
            continue
        if fact_values:
            ok = _mostly_present(fact_values, set(win.values), known)
            agree = _value_polarity(fact, fact_values, win) if ok else _polarity(fact, win)
            if ok and agree is not False and (news or overlap >= TOPIC):
                state = "conveyed"
            elif win.size == 1 and overlap >= TOPIC and (
                    conflicting(firm, set(win.values) - known, elsewhere)
                    or agree is False and overlap >= FLIP or not ok and _refuses(fact, win)):
                state = "contradicted"
            else:
                state = "missing"
        else:
            agree = _polarity(fact, win) if overlap >= MATCH else None
            if overlap >= MATCH and agree is not False:
                state = "conveyed"
            elif win.size == 1 and (overlap >= FLIP and agree is False
                                    or overlap >= MATCH and _refuses(fact, win)):
                state = "contradicted"
            else:
                state = "missing"
        if (rank[state], overlap) > (rank[best.state], best.overlap):
            best = Match(state, overlap, win.text)
    if best.state == "missing" and len(typed) >= 2:
        for win in wins:
            if win.size == 1 and sum(present({v}, set(win.values)) for v in typed) >= 2 \
                    and conflicting(firm, set(win.values) - known, elsewhere):
                best = Match("contradicted", best.overlap, win.text)
                break
    if not meaning or not total or best.state != "missing" and not semantic.ALWAYS \
            or not semantic.embed.available():
        return best
    said = _Meaning(fact, weight)
    for win in wins:
        if win.size <= semantic.WINDOW:
            overlap = sum(v for w, v in weight.items() if w in win.words) / total
            said.consider(win, overlap, fact_values, known, elsewhere)
    return said.verdict(best)


def _charged(fact: str, wins: list[Window], allowed: frozenset[Value]) -> str:
    """A reply sentence that puts a price on what a fact clause says is free: on the clause's
    topic (half its words), it says "isn't free", that the fee still stands, or names a fee
    or an amount that is neither the fact's nor the customer's nor another fact's ("the
    return visit is free" against "the return visit ... is £35")."""
    own = values(fact) | allowed
    for clause in clauses(fact):
        words = content_words(clause)
        topic = words - {"nofee", "fee", "pay"}
        if "nofee" not in words or negated(clause) or not topic:
            continue
        for win in wins:
            if win.size != 1 or len(topic & win.words) * 2 < len(topic):
                continue
            unfree = any("nofee" in p.scoped and p.negated
                         or {"fee", "keep"} <= p.words and "nofee" not in p.words
                         and not p.negated for p in win.parts)
            priced = "nofee" not in win.words and any(
                k == "money" and not present({(k, m)}, set(own)) for k, m in win.values)
            if unfree or priced:
                return win.text
    return ""


def _firm(clause: str) -> set[Value]:
    """The values a fact clause affirms: all of them unless it is negated, else those said
    before its first negator ("a credit of $5 for each day without service" affirms $5,
    "before it renews on 1 September will not" affirms 1 September; "no $20 fee" nothing)."""
    if not negated(clause):
        return values(clause)
    words = normalise(clause).split()
    first = next((i for i, w in enumerate(words) if NEGATORS.intersection(tokens(w))), 0)
    return values(" ".join(words[:first]))


def _misplaced(fact: str, win: Window) -> bool:
    """Whether a window clause says a plain fact clause's words with a value of the same
    kind that is not that clause's own, and the window says none of the clause's values of
    that kind ("his balance is £25.00" for "so his balance is £20.40", though £25 is the
    fact's top-up; "the 7 remaining weeks come to £448" does not misplace "7 weeks at £64
    is £448")."""
    for clause in clauses(fact):
        mine, words = values(clause), content_words(clause)
        kinds = {k for k, _ in mine if k != "num"}
        if not kinds or not words or negated(clause):
            continue
        typed = {v for v in mine if v[0] in kinds}
        for part in win.parts:
            other = {v for v in part.values if v[0] in kinds and not present({v}, typed)}
            if part.words >= words and any(
                    not any(present({v}, set(win.values)) for v in typed if v[0] == kind)
                    for kind, _ in other):
                return True
    return False


class _Meaning:
    """Per-fact maxima of the semantic features over the windows that may convey the fact:
    no value of the fact's kinds that is not the fact's, at least one of the fact's own
    typed values the customer did not give (if it has any: "we'll sort the cover" does not
    say "capped at £100"), and the polarity not flipped."""

    def __init__(self, fact: str, weight: dict[str, float]) -> None:
        self.fact, self.weight = fact, weight
        self.best: list[float] | None = None
        self.sentence, self.top = "", -1.0

    def consider(self, win: Window, overlap: float, fact_values: set[Value],
                 known: frozenset[Value], elsewhere: frozenset[Value]) -> None:
        said = set(win.values)
        if fact_values and (conflicting(fact_values, said - known, elsewhere)
                            or _misplaced(self.fact, win)):
            return
        own = [v for v in fact_values if not present({v}, set(elsewhere))]
        new = [v for v in own if v[0] != "num" and not present({v}, set(known))]
        if new and not any(present({v}, said) for v in new):
            return
        agree = (_value_polarity(self.fact, fact_values, win)
                 if fact_values and present(fact_values, said) else _polarity(self.fact, win))
        if agree is False:
            return
        share = sum(present({v}, said) for v in own) / len(own) if own else 0.0
        feats = semantic.features(self.fact, self.weight, win.said, overlap, share)
        if feats is None:
            return
        self.best = [max(a, b) for a, b in zip(self.best or feats, feats, strict=True)]
        if win.size == 1 and feats[1] + feats[2] > self.top:
            self.sentence, self.top = win.text, feats[1] + feats[2]

    def verdict(self, best: Match) -> Match:
        if self.best is None:
            return best
        feats = tuple(self.best)
        p = semantic.probability(feats)
        if best.state == "missing" and p >= semantic.calibration()["threshold"]:
            return Match("conveyed", best.overlap, self.sentence or best.sentence, feats, p)
        return Match(best.state, best.overlap, best.sentence, feats, p)


def core_of_disclosure(item: str) -> str:
    return _LEAD.sub("", item, count=1)


def prohibited(item: str) -> tuple[str, bool]:
    """The claim a must_not forbids, and whether it was written as a prohibition."""
    stripped = _PROHIBIT.sub("", item, count=1)
    return _FRAME.sub("", stripped, count=1), stripped != item


def _blames_party(item: str, wins: list[Window]) -> str:
    """A sentence that puts the fault on a party the item names ("Blame the courier, the
    helpline or the customer"), in a clause that is not negated ("not the driver's fault")."""
    after = re.split(r"\bblame\b", item, maxsplit=1, flags=re.I)[-1]
    named = re.split(r"\b(?:for|over|about|because)\b", after)[0]
    parties = set(re.findall(r"[a-z]{3,}", named.lower())) - STOP - {"customer"}
    for win in wins:
        if win.size != 1 or not _FAULT.search(win.text):
            continue
        for clause in clauses(win.text):
            if parties & set(re.findall(r"[a-z]{3,}", clause.lower())) and not negated(clause):
                return win.text
    return ""


def _commits(clause: str, allowed_text: str) -> bool:
    """A committing word that is not negated, not a report of a past promise ("you were
    promised the pump for 1 December") and not a word of the right answer itself (a
    "guaranteed early check-in" that the key facts sell is a product, not a promise)."""
    return not negated(clause) and any(
        not re.search(rf"\b{re.escape(found.group(0))}", allowed_text, re.I)
        and not re.search(r"\b(?:were|was|been|had|the|a|its|your|our|this|that)\s+$",
                          clause[:found.start()], re.I)
        for found in _COMMIT.finditer(clause))


def _raw(text: str) -> set[str]:
    """Content words as written (no stems or synonyms: "removed" is not "deleted")."""
    return {t for t in tokens(text) if t[0].isalpha() and t not in STOP and len(t) > 2}


def _outside(allowed: set[Value], said: set[Value]) -> bool:
    """Whether the text states a value of an allowed kind that is not allowed."""
    kinds = {k for k, _ in allowed if k != "num"}
    return any(q in kinds and not present({(q, m)}, allowed) for q, m in said)


def breaks(item: str, wins: list[Window], weight: dict[str, float], blame: str = "",
           known: frozenset[Value] = frozenset(), allowed_text: str = "") -> str:
    """The reply sentence that makes the forbidden claim, or ''.

    - A claim with an exception ("a day other than Thursday") is made only by a value of
      the excepted kind that is not excepted ("Monday"), in a sentence on its topic; the
      excepted value itself, or a value the customer gave (`known`), breaks nothing.
    - A claim that something is free is made only by a sentence that says it is free.
    - A forbidden guarantee or promise is made by a committing word ("guaranteed",
      "sharp") in a sentence on its topic (a claim about a time: any sentence with a time
      or date), unless the right answer uses the word too ("a
      guaranteed early check-in costs $45" is a product, not a promise) or the clause is a
      condition ("if you want a room for certain at ten, it's $45"); a hedged sentence
      ("policies often pay for this; whether yours will is up to them") promises nothing,
      and neither does saying what can be done about a claim that something will happen
      ("you can sell both on Fan Resale" does not promise the tickets will sell).
    - A forbidden blame is made by the blame sentence the reply holds, or by a sentence that
      puts the fault on a party the item names.
    - Otherwise the sentence must hold FLIP of the claim's weighted words and more than
      half of its words as written (a list joined by "or" excepted), with the same
      polarity, its values (past the bound for "more than 150 euros"), and the claim's
      words that the right answer (`allowed_text`: key facts and must_disclose items) does
      not use: all, all but one of three or more, or one of a list joined by "or"; and the
      participle of a passive claim ("will be refunded") itself. So "the EUR 45 fuel charge
      stays" does not say "will be refunded". Polarity is read on the clauses that carry
      the claim's values, and a sentence that denies the claim (`_denied`) makes none; a fee
      claim is made only by a sentence that says a fee, not one that says no fee ("£70 exit
      fee waived"). A claim whose words are all the right answer's ("files deleted when the
      seats were removed") is not made by a sentence that states the right answer's own
      values ("kept 30 days, then permanently deleted").
    """
    claim, _ = prohibited(item)
    if blame and _BLAME_ITEM.search(item):
        return blame
    if re.match(r"\W*(?:do not |don't |never )?blame\b", item, re.I):
        return _blames_party(item, wins)
    total = sum(weight.values())
    if not total:
        return ""
    claim_values = values(claim)
    bound = _BOUND.search(claim)
    committing = bool(re.match(r"\W*(?:do not |don't |never )?(guarantee|promise)", item, re.I))
    predicts = bool(re.search(r"\bwill\b", claim, re.I))
    claim_words = content_words(claim)
    distinct = claim_words - content_words(allowed_text)
    listed = bool(re.search(r"\bor\b", claim))
    need = min(1, len(distinct)) if listed else len(distinct) - (1 if len(distinct) >= 3 else 0)
    claim_raw = _raw(claim)
    predicate = content_words(" ".join(m.group(1) for m in _PREDICATE.finditer(claim)))
    told = values(allowed_text)
    other = _OTHER.search(claim)
    allowed = values(claim[other.end():]) if other else set()
    subject = content_words(claim[:other.start()]) - _WHEN_WORDS if other else frozenset()
    for win in wins:
        overlap = sum(v for w, v in weight.items() if w in win.words) / total
        if allowed:
            if subject & win.words and _outside(allowed, set(win.values) - known):
                return win.text
            continue
        if ("nofee" in claim_words) != ("nofee" in win.words) and claim_words & {"fee", "nofee"}:
            continue
        timed = bool(claim_words & _WHEN_WORDS) and any(k in _TIMED for k, _ in win.values)
        if committing and (overlap >= TOPIC - 0.2 or timed) and any(
                _commits(p_text, allowed_text) and not _CONDITIONAL.match(p_text)
                for p_text in clauses(win.text)):
            return win.text
        if committing and win.size == 1 and any(
                (p.agent or i and win.parts[i - 1].agent and not win.parts[i - 1].negated)
                and not p.negated and not p.conditional and not p.hedge
                and (distinct and len(distinct & p.words) * 2 >= len(distinct)
                     and "nofee" in p.words
                     or claim_values and not bound and present(claim_values, set(p.values))
                     and not any(present({v}, told) for v in claim_values))
                for i, p in enumerate(win.parts)):
            return win.text
        if committing and (_HEDGED.search(win.text) or predicts and _ABLE.search(win.text)
                           and not re.search(r"\bwill\b|'ll\b", normalise(win.text))
                           and not _COMMIT.search(win.text)):
            continue
        agree = (_value_polarity(claim, claim_values, win) if claim_values
                 and present(claim_values, set(win.values)) else _polarity(claim, win))
        if overlap < FLIP or agree is False or _denied(claim, win) or not listed and \
                len(claim_raw - _raw(win.text)) > (len(claim_raw) - 1) // 2 \
                or not predicate <= win.words:
            continue
        if bound and claim_values:
            limits = {k: max(n for q, n in claim_values if q == k) for k, _ in claim_values}
            above = bound.group(1) is None
            said = {("days" if k == "when" and "days" in limits else k, m) for k, m in win.values
                    if not present({(k, m)}, told)}
            if not any(k in limits and (m > limits[k] if above else m < limits[k])
                       for k, m in said):
                continue
        elif claim_values and (not _stated(claim_values, set(win.values), listed)
                               or _aside(claim_values, claim_words, win, listed)):
            continue
        if len(distinct & win.words) < need or not distinct and not claim_values \
                and present(set(win.values) - known, told) and win.values - known:
            continue
        return win.text
    return ""


def _denied(claim: str, win: Window) -> bool:
    """Whether the window denies a plain claim: every clause that holds its words is negated
    ("lost wages aren't covered" does not promise pay for lost wages; the negator after the
    words is outside their scope, so the scope vote alone misses it), or one of its words
    is said only in negated clauses ("that payment was taken on the 1st and I can't refund
    it" does not promise to refund it)."""
    words = content_words(claim)
    if negated(claim) or words & {"fee", "nofee"}:
        return False
    holding = _holding(words, win.parts)
    if holding and all(p.negated for p in holding):
        return True
    plain = [p for p in win.parts if not p.conditional]
    return any(all(p.negated for p in plain if w in p.words)
               for w in words if any(w in p.words for p in plain))


def _stated(claim_values: set[Value], said: set[Value], listed: bool) -> bool:
    """Every value of the claim; one of them, when the claim lists them with "or"."""
    return any(present({v}, said) for v in claim_values) if listed \
        else present(claim_values, said)


def _aside(claim_values: set[Value], claim_words: frozenset[str], win: Window,
           listed: bool = False) -> bool:
    """Whether the claim's value sits in a clause apart from the claim's words while the
    window gives another value of its kind ("approved at $2,400, and after the $500 excess
    the payment is $1,900" does not say "the payment will be $2,400"); for a claim that
    lists values with "or", any clause that holds one of them."""
    kinds = {k for k, _ in claim_values}
    holding = [p for p in win.parts
               if (any(present({v}, set(p.values)) for v in claim_values) if listed
                   else present(claim_values, set(p.values)))]
    others = [v for v in win.values if v[0] in kinds and not present({v}, claim_values)]
    return bool(holding and others) and not any(p.words & claim_words for p in holding)
