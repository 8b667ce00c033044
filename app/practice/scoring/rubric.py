"""Transparent rubric features for a written practice reply (pure: text and contact in).

Each criterion is a small, readable rule that returns pass/fail plus the evidence it
found, so a trainee can see *why*. ``contact`` is a PracticeContact dump (a dict): the
rules read the customer's name and purchase, the key-fact sentences (their distinctive words), the
opening message and the honesty trap.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

CRITERIA: tuple[str, ...] = (
    "introduced_self",
    "used_name",
    "referred_to_purchase",
    "acknowledged_feelings",
    "took_ownership",
    "resolved_accurately",
    "no_blame_or_jargon",
    "honest",
)

LABELS = {
    "introduced_self": "Introduced self by name",
    "used_name": "Used the customer's name",
    "referred_to_purchase": "Referred to their query or purchase",
    "acknowledged_feelings": "Acknowledged feelings",
    "took_ownership": "Took ownership",
    "resolved_accurately": "Resolved accurately (key facts)",
    "no_blame_or_jargon": "No blame or jargon",
    "honest": "Honest",
}

STOP = {
    "the", "and", "for", "with", "from", "your", "their", "this", "that", "ordered", "order",
    "delivered", "online", "days", "ago", "week", "weeks", "month", "months", "last", "first",
    "year", "years", "each", "per", "new", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "twenty", "about", "since", "plan", "bought", "item",
    "items", "today", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "still", "has", "have", "was", "were", "not", "harborlight",
    "care", "plus", "member", "total", "paid", "inch",
}
NOT_A_NAME = {
    "Harborlight", "Customer", "Care", "Team", "Support", "Service", "Services", "Regards",
    "Best", "Kind", "Thanks", "Thank", "Sincerely", "Yours", "Cheers", "The", "Sorry",
    "Afraid", "Glad", "Happy", "Here", "Sure", "Able", "Looking", "Not", "So", "Very",
    "Really", "Just", "Going", "Checking", "Writing", "Now", "Sending",
}
INTRO = re.compile(
    r"\b(?:I'm|I’m|I am|[Mm]y name is|[Tt]his is|[Ii]t's|[Ii]t’s)\s+([A-Z][a-z]+)"
    r"|\b([A-Z][a-z]+)\s+(?:here|from Harborlight|at Harborlight)\b"
)
SIGN_OFF = re.compile(
    r"(?i:regards|sincerely|wishes|thanks|thank you|cheers|best),?\s*\n\s*([A-Z][a-z]+)"
    r"|(?i:regards|sincerely|cheers),\s+([A-Z][a-z]+)\W*$"
)
FEELINGS = re.compile(
    r"\b(?:I'm sorry|I’m sorry|I am sorry|so sorry|really sorry|sorry to hear|sorry that|"
    r"sorry,|sorry\.|apologi[sz]e|frustrat\w*|disappoint\w*|understand\w*|I know\b|"
    r"must (?:have been|be)|I can imagine|I can see why|can see why|upsetting|worr\w*|"
    r"stress\w*|annoy\w*|congratulations|congrats|best wishes|you're right|you’re right|"
    r"that's a (?:poor|miserable|lot|tight|confusing|rotten|fair|worrying|real)|"
    r"that's (?:not|no) (?:good|fun|way)|fair question|hope the|welcome to the|"
    r"never simple|tight window|what a|good timing|thanks for (?:letting us know|the quick|"
    r"flagging|spotting|your patience while)|quick heads-up)",
    re.IGNORECASE,
)
GENERIC_FEELINGS = re.compile(
    r"sorry for any inconvenience|apologi[sz]e for any inconvenience|"
    r"appreciate your patience|inconvenience (?:this|caused)",
    re.IGNORECASE,
)
OWNERSHIP = re.compile(
    r"\b(?:I'll|I’ll|I will|I've|I’ve|I have (?:sent|arranged|opened|booked|cancelled|"
    r"canceled|refunded|reversed|added|changed|set|made|checked|asked|put|raised|issued)|"
    r"I'm (?:looking after|sending|arranging|reversing|refunding|booking|taking)|"
    r"I am (?:looking after|sending|arranging|taking)|let me|comes (?:straight )?to me|"
    r"reply to me|call me|on us\b|our fault|my fault)",
)
BLAME = re.compile(
    r"\b(?:you should have (?!heard|had|received|got)|you should've|"
    r"should have (?:checked|read|transferred|told)|we always recommend|recommend ordering|"
    r"in future(?:,)? it's best|in future, please|should be (?:secured|inspected|checked)|"
    r"you didn't|you did not|your fault|not our fault|you must have|as (?:clearly )?stated|"
    r"please note that|you need to read|you failed|user error|as per)",
    re.IGNORECASE,
)
JARGON = re.compile(
    r"\b(?:ticket|SKU|RMA|RBAC|provision\w*|escalat\w+ queue|tier[- ]?[12]|backend|"
    r"auth reversal|pre-pick|BD\b|ADH|inbound scan|deductible|rider|SLA|ETA|"
    r"WISMO|per policy|the system shows|billing module|mailer|dispatch\w*|void\w*|"
    r"T&Cs?|chargeback|firmware|DHCP|SSID|IP address|MAC address|ref(?:erence)? #)",
)
DISHONEST = re.compile(
    r"\b(?:restocking fee|cancellation fee applies|upgrad\w+ (?:to|is)|requires upgrading|"
    r"excess\b|not covered|can't replace|cannot replace|check with your bank|claim (?:it|the "
    r"\S+) back from|file a claim with them|guarantee\w*|definitely (?:arrive|be there)|"
    r"back (?:on your card )?today|within the hour|no way to|isn't possible|is not possible|"
    r"not compatible|carrier's responsibility|courier was responsible)",
    re.IGNORECASE,
)
MONEY = re.compile(r"\$\s?\d[\d,]*(?:\.\d\d)?")


@dataclass(frozen=True)
class Check:
    """One criterion: passed or not, what was found, and what was missing."""

    name: str
    passed: bool
    evidence: str = ""
    missing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RubricResult:
    checks: dict[str, Check]

    @property
    def passed(self) -> int:
        return sum(c.passed for c in self.checks.values())

    def vector(self) -> list[int]:
        """0/1 per criterion, in CRITERIA order."""
        return [int(self.checks[c].passed) for c in CRITERIA]

    def to_dict(self) -> dict[str, Any]:
        return {name: asdict(check) for name, check in self.checks.items()}


def _find(pattern: re.Pattern[str], text: str) -> str:
    match = pattern.search(text)
    return match.group(0).strip() if match else ""


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", text)}


def introduced_self(text: str) -> Check:
    for match in INTRO.finditer(text):
        name = match.group(1) or match.group(2)
        if name not in NOT_A_NAME:
            return Check("introduced_self", True, match.group(0))
    for match in SIGN_OFF.finditer(text.strip()):
        name = match.group(1) or match.group(2)
        if name not in NOT_A_NAME:
            return Check("introduced_self", True, f"signed off as {name}")
    return Check("introduced_self", False)


def used_name(text: str, contact: dict[str, Any]) -> Check:
    parts = [p for p in contact["customer"]["name"].replace(".", " ").split() if len(p) > 1]
    for part in parts:
        if re.search(rf"\b{re.escape(part)}\b", text):
            return Check("used_name", True, part)
    return Check("used_name", False, missing=[parts[0]] if parts else [])


def purchase_terms(contact: dict[str, Any]) -> list[str]:
    """Distinctive words of the purchase: product names first, then other nouns."""
    raw = re.findall(r"[A-Za-z][A-Za-z-]+", contact["customer"]["purchase"])
    brands = [w for w in raw if w[0].isupper() and w.lower() not in STOP]
    others = [w.lower() for w in raw if not w[0].isupper() and w.lower() not in STOP
              and len(w) > 3]
    return list(dict.fromkeys(brands + others))


def referred_to_purchase(text: str, contact: dict[str, Any]) -> Check:
    terms = purchase_terms(contact)
    words = _words(text)
    hits = [t for t in terms if t.lower() in words]
    brands = [t for t in hits if t[0].isupper()]
    if brands or len(hits) >= 2:
        return Check("referred_to_purchase", True, ", ".join(hits))
    return Check("referred_to_purchase", False, ", ".join(hits), terms[:2])


def acknowledged_feelings(text: str) -> Check:
    cleaned = GENERIC_FEELINGS.sub("", text)
    found = _find(FEELINGS, cleaned)
    return Check("acknowledged_feelings", bool(found), found)


def took_ownership(text: str) -> Check:
    found = _find(OWNERSHIP, text)
    return Check("took_ownership", bool(found), found)


def fact_words(fact: str) -> list[str]:
    """The distinctive words of a key-fact sentence: numbers, amounts and longer words."""
    words = re.findall(r"\$?\d[\d,.]*|[A-Za-z][A-Za-z'’-]{4,}", fact)
    return [w.rstrip(".,") for w in words]


def fact_covered(text: str, fact: str) -> str:
    lowered = text.lower().replace("’", "'")
    words = fact_words(fact)
    hits = [w for w in words if w.lower().replace("’", "'") in lowered]
    return ", ".join(hits) if words and len(hits) * 3 >= len(words) else ""


def resolved_accurately(text: str, contact: dict[str, Any]) -> Check:
    covered, missing = [], []
    for fact in contact["key_facts"]:
        hit = fact_covered(text, fact)
        (covered if hit else missing).append(hit or fact)
    wrong = _find(DISHONEST, text)
    passed = len(covered) * 3 >= len(contact["key_facts"]) * 2 and not wrong
    return Check("resolved_accurately", passed, ", ".join(covered), missing)


def no_blame_or_jargon(text: str) -> Check:
    blame, jargon = _find(BLAME, text), _find(JARGON, text)
    found = [f for f in (blame, jargon) if f]
    return Check("no_blame_or_jargon", not found, "; ".join(found))


def _known_amounts(contact: dict[str, Any]) -> set[str]:
    source = " ".join([contact["customer"]["purchase"], contact["customer"]["history"],
                       contact["opening"], contact.get("model_reply") or ""]
                      + list(contact["key_facts"]))
    return {m.replace(" ", "").replace(",", "") for m in MONEY.findall(source)}


def honest(text: str, contact: dict[str, Any]) -> Check:
    found = _find(DISHONEST, text)
    if found:
        return Check("honest", False, found)
    known = _known_amounts(contact)
    invented = [m for m in MONEY.findall(text) if m.replace(" ", "").replace(",", "") not in known]
    if invented:
        return Check("honest", False, f"an amount the facts do not support: {invented[0]}")
    return Check("honest", True)


def score_text(text: str, contact: dict[str, Any]) -> RubricResult:
    """All eight criteria for a written reply (chat, e-mail or fax)."""
    checks = [
        introduced_self(text),
        used_name(text, contact),
        referred_to_purchase(text, contact),
        acknowledged_feelings(text),
        took_ownership(text),
        resolved_accurately(text, contact),
        no_blame_or_jargon(text),
        honest(text, contact),
    ]
    return RubricResult({c.name: c for c in checks})
