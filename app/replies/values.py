"""Sentence splitting, crude stemming, number values and negation for reply matching."""

import re

_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
_SYNONYMS = {"working": "business", "workday": "business", "refunded": "refund",
             "reimburse": "refund", "cancel": "cancellation", "cancelled": "cancellation",
             "canceled": "cancellation", "charge": "fee", "charged": "fee", "costs": "fee"}
_STOP_WORDS = (
    "a an the and or but of to in on at for with by from as is are was were be been being it "
    "its this that these those you your we our i my me us they them their he she his her will "
    "would can could shall should may might do does did have has had not no never any all so "
    "if then than there here what which who whom how when where please just also"
)
_STOP = set(_STOP_WORDS.split())
_NEGATORS = {"no", "not", "never", "without", "cannot", "can't", "won't", "don't", "doesn't",
             "isn't", "aren't", "wasn't", "none", "nothing", "neither", "nor", "free"}
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_TOKEN = re.compile(r"\$?\d+(?:[.,]\d+)*|[a-z]+(?:'[a-z]+)?")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text or "") if s.strip()]


def tokens(text: str) -> list[str]:
    return _TOKEN.findall((text or "").lower().replace("\u2019", "'"))


def stem(word: str) -> str:
    word = _SYNONYMS.get(word, word)
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return _SYNONYMS.get(word, word)


def content_words(text: str) -> set[str]:
    return {stem(t) for t in tokens(text)
            if t not in _STOP and t not in _NUMBER_WORDS and t[0] not in "$0123456789"}


def values(text: str) -> set[float]:
    found: set[float] = set()
    pending: float | None = None
    for token in tokens(text):
        if token[0] in "$0123456789":
            found.add(float(token.lstrip("$").replace(",", "")))
            pending = None
        elif token in _NUMBER_WORDS:
            number = _NUMBER_WORDS[token]
            if number == 100 and pending is not None:
                pending *= 100
            elif pending is not None and pending >= 20 and number < 10:
                pending += number
            else:
                if pending is not None:
                    found.add(pending)
                pending = float(number)
        else:
            if pending is not None:
                found.add(pending)
            pending = None
    if pending is not None:
        found.add(pending)
    return found


def negated(text: str) -> bool:
    return sum(t in _NEGATORS or t.endswith("n't") for t in tokens(text)) % 2 == 1
