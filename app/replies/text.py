"""Reply text normalised for matching: sentences and clauses, stems, synonyms, negation.

Contractions are expanded and "un-" words that negate ("unaffected") become "not affected", so
polarity is a count of negators; "should never have been sent" asserts that it was sent, in
error ("wrongly sent"); "can't remove the charge" keeps it ("keep"); "rather than" /
"instead of" negate only the next word.
Phrases that mean "no fee" ("free of charge", "at no extra cost", "won't be charged",
"waived") become the one word "nofee", the antonym of "fee".
"""

import re
from collections.abc import Callable
from functools import lru_cache

_INSTEAD = "notinstead"
_PHRASES = [
    (r"\bcan ?not\b|\bcan't\b", "can not"), (r"\bwon't\b", "will not"),
    (r"\bshan't\b", "shall not"),
    (r"\b(\w+)n't\b", r"\1 not"), (r"\bunable\b", "not able"), (r"\bno longer\b", "not"),
    (r"\bshould (?:never|not) have (?:been )?", "wrongly "),
    (r"\bnot (?:be )?(?:able to )?(?:remove[ds]?|cancel(?:led|s)?|drop(?:ped|s)?|waive[ds]?|"
     r"take[ns]? off)\b", "keep"),
    (r"\bless (?=(?:a |an |the |our |your |any )?(?:[$\u00a3\u20ac\d]|\w+ fee))", "minus "),
    (r"\bexcluded\b|\b(?:fall|falls|fell|sits?) outside (?:of )?(?:your |the |its |what the )?"
     r"(?:coverage|cover|policy)\b", "not covered"),
    (r"\bnot only\b", "also"), (r"\bno (?:more|greater|higher) than\b", "at most"),
    (r"(?<!goes )(?<!go )(?<!went )(?<!gone )(?<!going )(?<!rises )(?<!rose )(?<!risen )"
     r"(?<!jumps )(?<!jumped )(?<!moves )(?<!moved )"
     r"\b(?:up to|as much as|at most|a maximum of|maximum of)(?=\s+(?:the\s+(?:\d|\w+(?:st|nd|rd|"
     r"th)\b)|[$\u00a3\u20ac\d]|(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
     r"twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred)\b))", "capped at"),
    (r"\bno (?:less|fewer|lower) than\b", "at least"), (r"\bno later than\b", "by"),
    (r"\bno sooner than\b|\bno earlier than\b", "from"), (r"\bno problem\b|\bno worries\b", "okay"),
    (r"\bunused\b", "remaining"),
    (r"\bun(affected|changed|available|paid|successful|likely|covered|harmed|damaged|"
     r"opened|resolved|aware|related)\b", r"not \1"),
    (r"\b(?:rather than|instead of|down from|up from)(?=\s*(?:[$\u00a3\u20ac\d]|(?:nz|au|us|ca|a|c|"
     r"s)\$|(?:usd|gbp|eur|aud|cad|nzd|chf|inr|rs|zar)\b))", "from"),
    (r"\b(?:(?:is |was |by )?(?:a|one) digit (?:out|off|wrong)|off by (?:a|one) digit)\b",
     " wrong"),
    (r"\brather than\b|\binstead of\b", _INSTEAD),
    (r"\bnot ((?:be )?(?:arriv|reach|get|come|deliver|land|turn up|be (?:there|here|with you))\w*"
     r"(?: you| to you| there| here| with you)?) (?:by|before)\b", r"\1 after"),
    (r"\bfor good\b|\bonce and for all\b", "permanently"),
    (r"\b(?:take|takes|took|taken|taking|claw|claws|clawed|pull|pulled)(?: it| this| that| them|"
     r" the \w+)? back\b|\b(?:removed|taken off|taken out|deducted|withdrawn) again\b",
     "reversed"), (r"\bnon-(?=[a-z]+[ai]ble\b)", "not "),
    (r"\b(?:put|bring|brought|add|set)(?: it| that| this| the \w+)? back\b|\bre-?appl\w*", "renew"),
    (r"\b(?:(?:with )?no|nothing added(?: in| for)?|without(?: any)?) interest\b|"
     r"\binterest-free\b", "nofee interest"),
    (r"\b(?:free of charge|(?:at |for |with )?no (?:extra |additional )?(?:cost|charge|fee)s?"
     r"|complimentary|nothing (?:extra |more )?(?:for you )?to pay|free|pre-?paid|"
     r"(?:is |are |been |be )?waived)\b",
     " nofee "),
    (r"\bwithout (?:any )?(?:charge|charging|cost|fee|paying)(?: you)?\b", "nofee"),
    (r"\b(?:never|not) (?:be |been |being )?(?:refused|denied|turned away)\b", "given"),
    (r"\bno (\w+) (?:fee|charge|cost)s?\b", r"nofee \1"), (r"\b(\w+)-paid\b", r"nofee \1"),
    (r"\b(?:will|would|do|does|did|shall) not (?:be )?(?:charged|charge you|pay|billed)\b",
     "nofee"),
    (r"\bnot (?:be )?(?:charged|billed)\b", "nofee"),
    (r"\b(fee|charge|cost|penalty|surcharge)(s?) (?:does|do|will|would|shall) not apply\b",
     r"\1\2 nofee"),
    (r"\b(?:never|not) (?:charge|bill)\b|\bcosts? (?:you )?nothing\b|"
     r"\bnot (?:owe (?:us )?|cost (?:you )?)(?:anything|a (?:cent|penny|thing))", "nofee"),
    (r"\bdue to\b", "dueto"), (r"\bin due course\b", "later"),
    (r"\bstill (?:appl(?:y|ies)|holds?)\b|\bstill on (?:the|your) (?:account|bill|statement)\b|"
     r"\bwill (?:still )?go (?:ahead|out)\b", "still stands"),
    (r"\b(?:still|remains?|stays?) (owed|owing|due|payable|outstanding|to pay)\b",
     r"still stands \1"),
    (r"\b(?:comes?|came|knock(?:ed|s)?|taken|takes?|took) ((?:\S+ )?)off\b(?! (?:the|your|my) "
     r"(?:list|account|file|system|books))", r"deducted \1"),
    (r"\b(?:goes|go|went|gone|going) up\b", "rises"),
    (r"\bhalv(?:ed|es|e|ing)\b", "half"),
    (r"\b(?:taken|take|takes|deducted|comes? out|applied|charged|kept|held back|withheld) "
     r"(?:from|out of|against|off) (?=(?:the|your|his|her|their) (?:deposit|bond|balance)\b)",
     "deducted from "),
    (r"\b(?:does|do|did|will|would|is|are|was|were) not (?:pause|stop|freeze|suspend|halt)\b|"
     r"\b(?:keeps?|kept) (?:running|going|ticking)\b|\bcarr(?:y|ies) on\b", "keeps"),
    (r"\bmoney back\b", "refund"), (r"\bdupe\b", "duplicate"),
    (r"\b(?:sent|send|paid|pay|put|credited|credit|gave|give)\b(?:\s+\w+){0,4}?\s+back "
     r"(?:on|to|into) (?:your|the) (?:card|account|bank)", "refund"),
    (r"\bback (?:on|to|into|in) (?:your|the) (?:card|account|bank|statement)\b", "refund"),
    (r"\b(?:give|gave|pay|send)(?: you)?(?: \S+){0,3} back\b", "refund"),
    (r"\bsend (?:it |them |this |the \w+ )?back\b", "return"),
    (r"\bevery (?:cent|penny|euro|dollar)\b|\bthe whole amount\b|\bin full\b", "full"),
    (r"\bget back to you\b", "reply"), (r"\be-mail", "email"),
    (r"\b(?:a|one) (?:working|business) week\b", "5 business days"),
    (r"\bworking days?\b|\bwork ?days?\b", "business days"),
    (r"\b(?:a )?tenner\b", "10 pounds"), (r"\b(?:a )?fiver\b", "5 pounds"),
    (r"\bjan\b", "january"), (r"\bfeb\b", "february"), (r"\baug\b", "august"),
    (r"\bsept?\b", "september"), (r"\boct\b", "october"), (r"\bnov\b", "november"),
    (r"\bdec\b", "december"),
    (r"\bthree quarters of a year\b", "9 months"), (r"\b(?:a )?quarter of a year\b", "3 months"),
    (r"\bhalf a year\b|\bhalf-year\b", "6 months"),
    (r"\bhalf an hour\b", "30 minutes"), (r"\ban hour and a half\b", "90 minutes"),
    (r"\bstraight away\b|\bright away\b|\bimmediately\b|\bat once\b", "now"),
    (r"\bproof of purchase\b", "receipt"),
    (r"\b(?:two-factor|two-step|2-step|2fa|mfa|2sv)(?: authentication| verification| "
     r"security| login)?\b", "twofactor"),
    (r"\b(?:switch|turn|shut)(?:ing|ed|s)? (?:it |this |that )?off\b|\bdeactivat\w*|\bdisabl\w*",
     "disable"),
]
_PHRASES_RE = [(re.compile(p, re.I), r) for p, r in _PHRASES]
_GROUPS = {
    "refund": "reimburse reimbursement repay repaid refund refunds refunded refunding",
    "fee": "fee fees charge charges charged charging cost costs costing penalty surcharge price",
    "cancel": "cancel cancels cancelled canceled cancelling canceling cancellation terminate",
    "replace": "replace replaced replacement replacing exchange exchanged swap swapped",
    "ship": "ship shipped shipping shipment deliver delivered delivery deliveries dispatch "
            "dispatched send sent courier post posted submit submits submitted submitting",
    "arrive": "arrive arrives arrived arrival appear appears show shows land lands reach "
              "reaches receive received",
    "fix": "fix fixed repair repaired mend restore restored resolve resolved",
    "technician": "technician technicians engineer engineers tech",
    "order": "order orders ordered purchase purchased buy bought",
    "bill": "bill bills billed invoice invoices statement",
    "euro": "euro euros eur", "dollar": "dollar dollars usd", "pound": "pound pounds gbp",
    "hotel": "hotel hotels accommodation room rooms",
    "delete": "delete deleted deletion remove removed erase erased wipe wiped",
    "keep": "keep kept retain retained remain remains stay stays stand stands stood",
    "start": "start starts started begin begins began",
    "expire": "expire expires expired expiry lapse lapsed ended",
    "mistake": "mistake mistakes error errors typo typos wrongly",
    "photo": "photo photos picture pictures image images",
    "close": "close closed closing closure",
    "need": "need needs needed require requires required must",
    "credit": "credit credited credits",
    "warranty": "warranty guarantee cover covered covers coverage",
    "account": "account accounts",
    "call": "call calls called phone ring",
    "late": "late overdue",
    "duplicate": "duplicate duplicated twice double doubled",
    "full": "full whole entire entirely fully",
    "extra": "extra additional add adds added adding plus another",
    "rise": "rise rises rose risen rising increase increases increased increasing higher dearer",
    "deduct": "deduct deducts deducted deducting deduction minus subtract subtracted",
    "cap": "cap caps capped limit limits limited maximum ceiling",
    "discount": "discount discounts promo promos promotion promotional saving savings",
    "correct": "correct right accurate",
    "reduce": "reduce reduced lower lowers lowered cut decrease decreased",
    "renew": "renew renewed renewal reinstate reinstated restart",
    "estimate": "estimate estimated estimates estimation",
    "pay": "pay pays paid paying payable payment payments owe owes owed owing due",
    "final": "final last",
    "reverse": "reverse reverses reversed reversal reversible reversing",
    "genuine": "genuine authorised authorized authentic legitimate",
    "review": "review reviewed reviewing investigate investigated investigation investigating",
    "permanent": "permanent permanently",
    "wage": "wage wages earnings salary income",
    "standard": "standard normal regular ordinary usual",
    "shop": "shop shops store stores retailer retailers seller sellers",
}
SYNONYM = {w: head for head, words in _GROUPS.items() for w in words.split()} | {"nofee": "nofee"}
_STOP_WORDS = (
    "a an the and or but of to in on at for with by from as is are was were be been being it "
    "its this that these those you your yours we our ours i my me us they them their he she his "
    "her him will would can could shall should may might do does did have has had any all so if "
    "then than there here what which who whom how when where please just also very really "
    "get got go going make made let know like one ll ve re m s d am pm able okay dear hi hello "
    "thanks thank regards best kind sincerely apply applies applied tell told about into out up "
    "only still again more most much such some each other now today want customer customers under "
    "either rs nz au ca staff agent agents"
)
CURRENCY_CODES = ("aud", "cad", "nzd", "chf", "inr", "zar", "sek", "nok", "dkk", "jpy")
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand half twice fortnight"
)
STOP = set(_STOP_WORDS.split()) | set(_NUMBER_WORDS.split()) | set(CURRENCY_CODES)
_NOFEE = "nofee"
NEGATORS = {"no", "not", "never", "without", "none", "nothing", "neither", "nor", "nobody",
            _INSTEAD}
WRAP_WORDS = 5
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'($\u00a3\u20ac])|\n+")
_COMMA = r",(?!\d{3}\b)|[:;]"
_CLAUSE = re.compile(rf"\s*(?:{_COMMA}|[()\u2013\u2014])\s*|\s+-\s+|"
                     r"\s+(?:but|although|though|however|whereas|while|because|so that|who)\s+|"
                     r"\s+since\s+(?=(?:they|it|you|he|she|we|the|your|this|that)\b)|"
                     r"(?<!hundred)(?<!thousand)\s+and\s+",
                     re.I)
TOKEN = re.compile(r"\d{1,2}:\d{2}|\$?\d+(?:,\d{3})*(?:\.\d+)?%?|[a-z0-9]+")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(unwrap(text or "")) if s.strip()]


def listing(sentence: str, told: Callable[[str], bool] | None = None) -> bool:
    """A keyword list ("Blocked card, Lisbon, holiday, kids, 312 euros"), not a sentence.

    `told(piece)` says whether a short piece tells something (a negation, a value the
    customer did not give): "New date: Thursday 16 May, 2:30 pm, same clinic" is a terse
    answer, not a list of the customer's own words, and neither is a line with a phrase of
    four or more words that tells something ("Credit: $5 per day of outage, automatic").
    """
    pieces = [p for p in re.split(_COMMA, sentence) if p.strip()]
    if told and any(len(p.split()) > 3 and told(p) for p in pieces):
        return False
    short = sum(len(p.split()) <= 3 and not (told and told(p)) for p in pieces)
    return len(pieces) >= 4 and short >= 0.6 * len(pieces)


def unwrap(text: str) -> str:
    """Join hard-wrapped lines: a line of WRAP_WORDS or more words that ends without
    sentence punctuation continues on the next non-blank line. Greetings, sign-offs and
    signatures are short lines, so they stay lines of their own."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        if prev.strip() and line.strip() and len(prev.split()) >= WRAP_WORDS \
                and not re.search(r"[.!?:;]['\")]?\s*$", prev) \
                and not re.match(r"\s*(?:[-*\u2022]|\d+[.)])\s", line):
            out[-1] = prev.rstrip() + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE.split(text) if c and c.strip()]


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    text = (text or "").lower().replace("\u2019", "'").replace("\u2018", "'")
    for pattern, repl in _PHRASES_RE:
        text = pattern.sub(repl, text)
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"\b([ap])\.m\.", r"\1m", text)
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    return re.sub(r"(\d)(am|pm)\b", r"\1 \2", text)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(normalise(text))


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    if word in SYNONYM:
        return SYNONYM[word]
    for suffix in ("ments", "ment", "ings", "ing", "edly", "able", "ies", "ied", "ed", "es", "ly",
                   "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    word = word[:7]
    return SYNONYM.get(word, word)


def content_words(text: str) -> frozenset[str]:
    return _content_words(text or "")


@lru_cache(maxsize=8192)
def _content_words(text: str) -> frozenset[str]:
    return frozenset({stem(t) for t in tokens(text)
            if t[0].isalpha() and t not in STOP and t not in NEGATORS and len(t) > 1})


def negated(text: str) -> bool:
    return sum(t in NEGATORS for t in tokens(text)) % 2 == 1


def negated_words(text: str, reach: int = 3) -> set[str]:
    """Content words within `reach` content words after a negator."""
    out: set[str] = set()
    left = 0
    for token in tokens(text):
        if token in NEGATORS:
            left = 1 if token == _INSTEAD else reach
        elif token == _NOFEE:
            if left:
                out.add(_NOFEE)
            left = 0
        elif left and token[0].isalpha() and token not in STOP:
            out.add(stem(token))
            left -= 1
    return out
