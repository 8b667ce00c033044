"""Whether a reply conveys, contradicts or misses a fact written as a sentence.

A fact is compared with every window of one or two consecutive reply sentences:
- overlap is the weighted share of the fact's content words found in the window; a word
  the fact shares with other facts or with the purchase weighs less (it is topic, not news);
- a fact with values (amounts, durations, times, dates) is conveyed when every value is in
  the window and the overlap reaches VALUE_MATCH; without values it needs MATCH;
- polarity is the negation parity of the window clauses that hold the fact's words, so a
  "not" about something else in the same sentence does not flip it;
- contradicted: a window on the same topic states another value of the same kind, or the
  opposite polarity with a high overlap.
"""

import re
from dataclasses import dataclass

from app.replies.text import clauses, content_words, negated, sentences
from app.replies.values import Value, conflicting, present, values

MATCH = 0.5
VALUE_MATCH = 0.25
TOPIC = 0.4
FLIP = 0.6
MARGIN = 0.1
_LEAD = re.compile(r"^\s*(?:please\s+)?(?:explain|tell|mention|say|disclose|state|make clear|"
                   r"point out|confirm|inform)\b(?:\s+(?:the customer|him|her|them|[A-Z][a-z]+))?"
                   r"(?:\s+that)?\s+", re.I)
_CONDITIONAL = re.compile(r"^\s*(?:if|unless|when|whenever|in case|should)\b", re.I)
_PROHIBIT = re.compile(r"^\s*(?:do not|don't|never|must not|should not|avoid|not)\s+", re.I)
_FRAME = re.compile(r"^\s*(?:tell|say|claim|suggest|imply|state|promise|guarantee|offer|agree|"
                    r"inform|ask|advise|instruct)\b(?:\s+(?:the customer|him|her|them|"
                    r"[A-Z][a-z]+))?(?:\s+(?:that|to|for))?\s+", re.I)


@dataclass(frozen=True)
class Part:
    words: frozenset[str]
    negated: bool
    values: frozenset[Value]
    conditional: bool


@dataclass(frozen=True)
class Window:
    text: str
    words: frozenset[str]
    values: frozenset[Value]
    parts: tuple[Part, ...]
    size: int


@dataclass(frozen=True)
class Match:
    state: str
    overlap: float
    sentence: str


def windows(reply: str, size: int = 2) -> list[Window]:
    said = sentences(reply)
    spans = [said[i:i + n] for n in range(1, size + 1) for i in range(len(said) - n + 1)]
    out = []
    for span in spans:
        text = " ".join(span)
        parts = tuple(_part(c) for s in span for c in clauses(s))
        out.append(Window(text, frozenset(content_words(text)), frozenset(values(text)), parts,
                          len(span)))
    return out


def _part(clause: str) -> Part:
    return Part(frozenset(content_words(clause)), negated(clause), frozenset(values(clause)),
                bool(_CONDITIONAL.match(clause)))


def weights(fact: str, others: list[str], topic: str) -> dict[str, float]:
    words = content_words(fact)
    shared = [content_words(o) for o in others]
    topic_words = content_words(topic)
    return {w: (0.5 if w in topic_words else 1.0) / (1 + sum(w in s for s in shared))
            for w in words}


def _polarity(fact: str, window: Window) -> bool | None:
    """True if polarities agree, False if flipped, None if the fact's clauses are not found."""
    verdicts = []
    for clause in clauses(fact):
        words = content_words(clause)
        if not words or _CONDITIONAL.match(clause):
            continue
        holding = [p for p in window.parts if p.words & words and not p.conditional]
        if not holding:
            continue
        verdicts.append(negated(clause) == (sum(p.negated for p in holding) % 2 == 1))
    return all(verdicts) if verdicts else None


def _topic_values(window: Window, weight: dict[str, float], total: float) -> set[Value]:
    """Values stated in the clauses of a window that are about the fact."""
    return {v for p in window.parts
            if sum(weight.get(w, 0.0) for w in p.words) >= 0.3 * total for v in p.values}


def match(fact: str, wins: list[Window], weight: dict[str, float]) -> Match:
    fact_values = values(fact)
    total = sum(weight.values())
    best = Match("missing", 0.0, "")
    rank = {"conveyed": 2, "contradicted": 1, "missing": 0}
    for win in wins:
        overlap = (sum(v for w, v in weight.items() if w in win.words) / total if total
                   else 1.0 if fact_values else 0.0)
        if overlap < VALUE_MATCH or not fact_values and overlap < TOPIC:
            continue
        agree = _polarity(fact, win)
        if fact_values:
            ok = present(fact_values, set(win.values))
            if ok and agree is not False:
                state = "conveyed"
            elif win.size == 1 and overlap >= TOPIC and (
                    conflicting(fact_values, _topic_values(win, weight, total))
                    or ok and agree is False and overlap >= FLIP):
                state = "contradicted"
            else:
                state = "missing"
        elif overlap >= MATCH and agree is not False:
            state = "conveyed"
        elif win.size == 1 and overlap >= FLIP and agree is False:
            state = "contradicted"
        else:
            state = "missing"
        if (rank[state], overlap) > (rank[best.state], best.overlap):
            best = Match(state, overlap, win.text)
    return best


def core_of_disclosure(item: str) -> str:
    return _LEAD.sub("", item, count=1)


def prohibited(item: str) -> tuple[str, bool]:
    """The claim a must_not forbids, and whether it was written as a prohibition."""
    stripped = _PROHIBIT.sub("", item, count=1)
    return _FRAME.sub("", stripped, count=1), stripped != item


def breaks(item: str, wins: list[Window]) -> str:
    """The reply sentence that makes the forbidden claim, or ''."""
    claim, _ = prohibited(item)
    words = content_words(claim)
    if not words:
        return ""
    for win in wins:
        overlap = len(words & win.words) / len(words)
        if overlap >= FLIP and _polarity(claim, win) is not False:
            claim_values = values(claim)
            if claim_values and conflicting(claim_values, set(win.values)):
                continue
            return win.text
    return ""
