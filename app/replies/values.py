"""Typed values in text: money, durations, times, dates, weekdays, percentages, counts.

"$40.00", "40 dollars" and "forty dollars" are all ("money", 40.0); "5-7 working days" and
"five to seven business days" are ("days", 5.0) and ("days", 7.0); "07:40" and "7:40 am" are
("time", 460.0), "8 o'clock" is ("time", 480.0); "14 March", "March 14th" and "14/03" are
("date", 314.0); "sixty-four pounds twenty" is ("money", 64.2); "two working weeks" is
("days", 10.0); "a year" is ("months", 12.0); "two thousand four hundred dollars" is
("money", 2400.0); "thirty-two ninety-nine" is also ("num", 32.99); "35 a month" is a rate,
("num", 35.0), not a duration. A bare number is ("num", x) and matches a value of any kind
with the same number.
"""

import re
from collections.abc import Callable
from functools import lru_cache

from app.replies.text import CURRENCY_CODES, normalise

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}
_SCALES = {"hundred": 100, "thousand": 1000}
_MONTHS = {m: i + 1 for i, m in enumerate(
    [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december"
    ])}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())} | {"sept": 9})
_MONTHS.pop("may", None)
_MONTHS["may"] = 5
WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_WEEKDAY_SHORT = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
                  "fri": 4, "sat": 5, "sun": 6}
_DURATIONS = {"minute": "minutes", "minutes": "minutes", "mins": "minutes", "hour": "hours",
              "hours": "hours", "hrs": "hours", "day": "days", "days": "days", "week": "days",
              "weeks": "days", "month": "months", "months": "months", "year": "years",
              "years": "years", "night": "nights", "nights": "nights"}
_MONEY = {"dollar", "dollars", "usd", "eur", "euro", "euros", "pound", "pounds", "gbp",
          "cents", "cent", "bucks", "quid", "rupees", "francs", *CURRENCY_CODES}
_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
_ORDINALS = {w: i + 1 for i, w in enumerate(_ORDINAL_WORDS.split())} | {"thirtieth": 30}
_ORDINALS = {f"{tens}{sep}{w}": base + n for tens, base in (("twenty", 20), ("thirty", 30))
             for sep in ("-", " ") for w, n in _ORDINALS.items()
             if n <= (9 if base == 20 else 1)} | _ORDINALS
_WHEN = {"today": 0.0, "tonight": 0.0, "instantly": 0.0, "instant": 0.0, "now": 0.0,
         "tomorrow": 1.0}
_PERIODS = {"week", "month", "year", "day", "fortnight", "night", "hour", "minute"}
_LINKS = {"to", "and", "or", "-", "until", "through"}
_TOKEN = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:am|pm)?|[$£€]\s?\d+(?:,\d{3})*(?:\.\d+)?|"
                    r"\d+(?:,\d{3})*(?:\.\d+)?%?(?![a-z])|[a-z]+\d[a-z0-9]*|\d+[a-z][a-z0-9]*|[a-z]+|-")
_HOUR_WORD = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"
                        r"(?= o'?clock\b| in the (?:morning|afternoon|evening)\b| at night\b|"
                        r" on the dot\b| sharp\b|"
                        r"\s*[ap]m\b)|"
                        r"(?<=\bpast )(one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                        r"twelve)\b|(?<=\bquarter to )(one|two|three|four|five|six|seven|"
                        r"eight|nine|ten|eleven|twelve)\b")
_MINUTES = {"five": 5, "ten": 10, "twenty": 20, "twenty five": 25, "5": 5, "10": 10, "20": 20,
            "25": 25}
_MINUTES_PAST = re.compile(r"\b(twenty five|five|ten|twenty|5|10|20|25) (?:minutes )?past "
                           r"(\d{1,2})\b")
_MINUTES_TO = re.compile(r"\b(twenty five|five|ten|twenty) (?:minutes )?to (\d{1,2})"
                         r"(?= in the | at night)")
_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})\s*(am|pm)?")
Value = tuple[str, float]


def _words_to_numbers(words: list[str]) -> list[str]:
    """Collapse runs of number words ("one hundred nineteen") into digit strings."""
    out: list[str] = []
    total: float | None = None
    current, prior = 0.0, None

    def flush(after: str = "") -> None:
        """A price said as two numbers ("thirty-two ninety-nine") is also their decimal."""
        out.append(_fmt(current))
        if prior is not None and 10 <= prior < 100 and 10 <= current < 100 \
                and prior == int(prior) and current == int(current) and after not in _MONEY \
                and after not in _DURATIONS and after not in ("am", "pm", "percent", "-"):
            out.append(f"{_fmt(prior)}.{_fmt(current)}")

    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        after = words[i + 2] if i + 2 < len(words) else ""
        before = words[i - 1] if i else ""
        if before in ("more", "extra", "less", "each", "off") and i >= 2:
            before = words[i - 2]
        rate = word in ("a", "an") and (before[:1].isdigit() or before[:1] and before[:1] in "$£€"
                                        or before in _UNITS or before in _MONEY)
        if rate or word in ("a", "an") and nxt not in _SCALES and nxt not in _PERIODS and not (
                nxt in ("extra", "additional", "full", "whole", "further") and after in _PERIODS):
            word_is_number = False
        else:
            word_is_number = word in _UNITS or word in _SCALES
        if total is not None and nxt in _UNITS and nxt not in ("a", "an") and (
                word == "and" and current >= 100 or word == "-" and 20 <= current < 100):
            continue
        if word_is_number:
            if word in _SCALES:
                scale = _SCALES[word]
                if scale < 1000 <= current:
                    low = current % 1000
                    current = current - low + max(low, 1.0) * scale
                else:
                    current = max(current, 1.0) * scale
            elif total is not None and (current % 10 == 0 and 0 < _UNITS[word] < 10 < current
                                        or current and current % 100 == 0 and _UNITS[word] < 100):
                current += _UNITS[word]
            else:
                if total is not None:
                    flush()
                prior = current if total is not None else None
                current = float(_UNITS[word])
            total = current
            continue
        if total is not None:
            flush(word)
            total, current, prior = None, 0.0, None
        out.append({"fortnight": "14 days", "half": "0.5"}.get(word, word))
    if total is not None:
        flush()
    return " ".join(out).split()


def _slash_date(found: re.Match) -> str:
    """"28/09" as "28 september" (day first; "12/2" too), "12/25" as "25 december" (month
    first, its only reading); kept as written when it cannot be a date."""
    first, second = int(found.group(1)), int(found.group(2))
    readings = [(d, m) for d, m in ((first, second), (second, first))
                if 1 <= d <= 31 and 1 <= m <= 12]
    if not readings:
        return found.group(0)
    day, month = readings[0]
    return f"{day} {_month_name(month)}"


def _month_name(month: int) -> str:
    return next(m for m, i in _MONTHS.items() if i == month and len(m) > 3 or m == "may" == m)


def _pence(words: list[str], i: int) -> bool:
    """Whether words[i] is the pence of "sixty-four pounds twenty": a number under 100
    that is not followed by a unit of its own."""
    if i >= len(words):
        return False
    number = _number(words[i])
    after = words[i + 1] if i + 1 < len(words) else ""
    return number is not None and 10 <= number < 100 and number == int(number) \
        and not words[i].startswith(("$", "£", "€")) and after not in _DURATIONS \
        and after not in _MONEY and after not in ("am", "pm", "percent", "of", "-") \
        and after not in _MONTHS and not after.startswith(("$", "£", "€"))


def _fmt(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number)


def _number(token: str) -> float | None:
    token = token.lstrip("$£€ ").rstrip("%").replace(",", "")
    try:
        return float(token)
    except ValueError:
        return None


#: Rewrites applied in order before values are read: clock and duration phrases, currency
#: words, ordinal and ISO dates into the forms the reader below knows.
_REWRITES: tuple[tuple[re.Pattern, str | Callable[[re.Match], str]], ...] = (
    (_HOUR_WORD, lambda m: str(_UNITS[m.group(0)])),
    (_MINUTES_PAST, lambda m: f"{m.group(2)}:{_MINUTES[m.group(1)]:02d}"),
    (_MINUTES_TO, lambda m: f"{(int(m.group(2)) - 2) % 12 + 1}:"
                            f"{60 - _MINUTES[m.group(1)]:02d}"),
    (re.compile(r"\b(?:a|one) quarter of an hour\b"), "15 minutes"),
    (re.compile(r"\bthree quarters of an hour\b"), "45 minutes"),
    (re.compile(r"\b(?:a|one) fortnight\b"), "14 days"),
    (re.compile(r"\b(?:a )?quarter past (\d{1,2})\b"), r"\1:15"),
    (re.compile(r"\bhalf past (\d{1,2})\b"), r"\1:30"),
    (re.compile(r"\b(?:a )?quarter to (\d{1,2})\b"),
     lambda m: f"{(int(m.group(1)) - 2) % 12 + 1}:45"),
    (re.compile(r"\b(\d{1,2}) o'?clock\b"), r"\1:00"),
    (re.compile(r"\b(?<![$\u00a3\u20ac.,])(\d{1,2}) (?:on the dot|sharp)\b"), r"\1:00"),
    (re.compile(r"\b(\d{1,2}(?::\d{2})?) (?:in the morning)\b"), r"\1 am"),
    (re.compile(r"\b(\d{1,2}(?::\d{2})?) (?:in the (?:afternoon|evening)|at night)\b"),
     r"\1 pm"),
    (re.compile(r"\b(?:eur|euros?)\s?(?=\d)"), "\u20ac"),
    (re.compile(r"\b(?:usd|us\$|aud|au\$|a\$|cad|ca\$|c\$|nzd|nz\$|sgd|s\$)\s?(?=\d)"), "$"),
    (re.compile(r"\b(?:chf|inr|rs\.?|zar|sek|nok|dkk|jpy)\s?(?=\d)"), "$"),
    (re.compile(r"\bgbp\s?(?=\d)"), "\u00a3"),
    (re.compile(r"([$\u00a3\u20ac])\s+(?=\d)"), r"\1"),
    (re.compile(r"\b(\d+(?:[.,]\d+)?)\s?([\u00a3\u20ac])"), r"\2\1"),
    (re.compile(r"\bper cent\b"), "percent"),
    (re.compile(r"\b(\d{1,3}) ?(?:h|hr)\b"), r"\1 hours"),
    (re.compile(r"\ba couple of\b"), "two"),
    (re.compile(rf"\b(\d{{1,2}})({'|'.join(m for m in _MONTHS if len(m) <= 4)})\b"),
     r"\1 \2"),
    (re.compile(r"\b(20\d\d)-(\d{1,2})-(\d{1,2})\b"), r"\3/\2"),
    (re.compile(rf"\b({'|'.join(WEEKDAYS)}) (?:the )?({'|'.join(_ORDINALS)})\b"),
     lambda m: f"{m.group(1)} {_ORDINALS[m.group(2)]}"),
    (re.compile(rf"\b({'|'.join(_ORDINALS)})\b(?= of (?:{'|'.join(_MONTHS)})\b)"),
     lambda m: str(_ORDINALS[m.group(1)])),
    (re.compile(rf"\b({'|'.join(_MONTHS)}) (?:the )?({'|'.join(_ORDINALS)})\b"),
     lambda m: f"{m.group(1)} {_ORDINALS[m.group(2)]}"),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/\d{2,4})?\b"), _slash_date),
)


def values(text: str) -> set[Value]:
    return set(_values(text or ""))


@lru_cache(maxsize=8192)
def _values(text: str) -> frozenset[Value]:
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", normalise(text))
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    words = _words_to_numbers(_TOKEN.findall(text.replace("-", " - ")))
    found: set[Value] = set()
    pending: list[float] = []
    i = 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        clock = _CLOCK.fullmatch(word)
        half = clock.group(3) or (nxt if nxt in ("am", "pm") else None) if clock else None
        if clock and (":" in word or half):
            hour, minute = int(clock.group(1)), int(clock.group(2))
            hour += 12 if half == "pm" and hour < 12 else 0
            hour -= 12 if half == "am" and hour == 12 else 0
            found.add(("time", hour * 60.0 + minute))
            i += 2 if half and not clock.group(3) else 1
            continue
        number = _number(word)
        if number is None:
            if word in _MONTHS and word != "may" or word == "may" and _number(nxt) is not None:
                day = _number(nxt)
                if day is not None and 1 <= day <= 31:
                    found.add(("date", _MONTHS[word] * 100 + day))
                    i += 2
                    continue
            if word in WEEKDAYS:
                found.add(("weekday", float(WEEKDAYS[word])))
            elif word in _WEEKDAY_SHORT and (word not in ("sat", "sun") or _number(nxt)):
                found.add(("weekday", float(_WEEKDAY_SHORT[word])))
            elif word in _WHEN:
                found.add(("when", _WHEN[word]))
            elif word in ("noon", "midday"):
                found.add(("time", 720.0))
            elif word == "midnight":
                found.add(("time", 0.0))
            i += 1
            continue
        pending = [number]
        j = i + 1
        while j + 1 < len(words) and words[j] in _LINKS and _number(words[j + 1]) is not None \
                and not word.startswith("$"):
            pending.append(_number(words[j + 1]) or 0.0)
            j += 2
        unit_words = words[j:j + 3]
        kind = "num"
        if word[0] in "$£€":
            kind = "money"
        elif word.endswith("%"):
            kind = "percent"
        elif unit_words and unit_words[0] in ("am", "pm"):
            kind = "time"
            pending = [(n % 12 + (12 if unit_words[0] == "pm" else 0)) * 60 for n in pending]
        elif unit_words and unit_words[0] in _MONEY:
            kind = "money"
            if unit_words[0] in ("cents", "cent"):
                pending = [n / 100 for n in pending]
            elif len(words) > j + 3 and words[j + 1] == "and" and words[j + 3] in ("cents", "cent"):
                cents = _number(words[j + 2])
                if cents is not None:
                    pending = [pending[-1] + cents / 100]
                    j += 3
            elif _pence(words, j + 1):
                pending = [pending[-1] + (_number(words[j + 1]) or 0.0) / 100]
                j += 2 + (words[j + 2:j + 3] in (["pence"], ["p"], ["cents"]))
        elif unit_words and unit_words[0] == "percent":
            kind = "percent"
        elif unit_words and unit_words[0] in ("a", "an", "per", "each"):
            kind = "num"
        elif any(u in _DURATIONS for u in unit_words[:2]):
            unit = next(u for u in unit_words[:2] if u in _DURATIONS)
            kind = _DURATIONS[unit]
            if unit.startswith("week"):
                working = unit_words[0] in ("working", "business")
                pending = [n * (5 if working else 7) for n in pending]
            elif unit.startswith("year"):
                kind, pending = "months", [n * 12 for n in pending]
        elif unit_words and unit_words[0] in _MONTHS and 1 <= number <= 31:
            kind = "date"
            pending = [_MONTHS[unit_words[0]] * 100 + n for n in pending]
            j += 1
        elif unit_words[:2] and unit_words[0] == "of" and len(unit_words) > 1 \
                and unit_words[1] in _MONTHS and 1 <= number <= 31:
            kind = "date"
            pending = [_MONTHS[unit_words[1]] * 100 + n for n in pending]
            j += 2
        found.update((kind, n) for n in pending)
        i = max(j, i + 1)
    return frozenset(found)


def _same(k: str, n: float, q: str, m: float) -> bool:
    if k == "date" and q == "num":
        return m == n % 100
    if {k, q} == {"days", "months"}:
        days, months = (n, m) if k == "days" else (m, n)
        return months > 0 and abs(days - 30 * months) <= 2 * months
    if k == "time" and q in ("time", "num"):
        minutes = m if q == "time" else m * 60
        return n % 720 == minutes % 720
    return n == m and (k == q or "num" in (k, q))


def present(fact: set[Value], said: set[Value]) -> bool:
    """Whether every fact value is said (a bare number matches any kind; a bare day of the
    month matches a date)."""
    return all(any(_same(k, n, q, m) for q, m in said) for k, n in fact)


def conflicting(fact: set[Value], said: set[Value], elsewhere: frozenset[Value] = frozenset()
                ) -> bool:
    """Whether the text states a value of a fact's kind that the fact does not have (and that
    is not a value of another fact, `elsewhere`) while it leaves out a value of that kind the
    fact has ("five days after the move, inside the one-week limit" does not contradict
    "within 7 days"; "£119 instead of £129" contradicts "£109 instead of £129"); a fact that
    says "today" or "right away" is also contradicted by a duration. Beside amounts of money,
    a bare number of 100 or more is read as money ("sixty-five dollars ... which leaves three
    hundred and fifty")."""
    kinds = {k for k, _ in fact if k != "num"}
    if "money" in kinds and any(k == "money" for k, _ in said):
        said = {("money", m) if k == "num" and m >= 100 and not 1900 <= m <= 2100 else (k, m)
                for k, m in said}
    checked = kinds | ({"days", "hours", "minutes"} if "when" in kinds else set())
    return any(q in checked and not present({(q, m)}, fact) and (q, m) not in elsewhere
               and not (q in kinds and present({(k, n) for k, n in fact if k == q},
                                               {v for v in said if v[0] == q}))
               for q, m in said) and not present(fact, said)
