"""The courtesy criteria: each returns the reply sentence that earns it, or ''."""

import re

from app.replies.text import content_words, listing, normalise, sentences
from app.replies.values import present, values

_NOT_NAMES = ("sorry|glad|happy|afraid|here|able|unable|so|really|very|just|not|now|also|"
              "the|a|an|on|in|calling|writing|reaching|pleased|delighted|going|looking|aware|"
              "checking|confirming|still|contacting|following|replying|responding|available|"
              "sure|certain|confident|grateful|thankful|keen|unsure|concerned|worried|please")
_INTRO = re.compile(r"\b(?i:my name is|my name's|i am|i'm|this is|it's)\s+"
                    rf"(?!(?i:{_NOT_NAMES})\b)([A-Z][a-z]+)")
_HERE = re.compile(r"(?<![\w'])([A-Z][a-z]+) (?:here|speaking)\b|"
                   r"\b(?i:speaking|chatting|talking) (?i:with|to) ([A-Z][a-z]+)\b")
_NOT_AGENT = {"click", "right", "sign", "log", "over", "just", "look", "tap", "read", "hello", "hi",
              "thanks", "regards", "cheers", "best", "dear", "yours", "sincerely", "team"}
_END = re.compile(r"(?:[.!?,]|\b(?i:regards|thanks|cheers|best|wishes|sincerely|care))\s*"
                  r"[-\u2013\u2014~]*\s*([A-Z][a-z]+)\W*$")
_CLOSING = re.compile(r"^(?:best|kind|warm|many)?\s*(?:regards|wishes|thanks|thank you|cheers|"
                      r"sincerely|yours sincerely|yours|all the best|take care|speak soon|"
                      r"with apologies|apologies again)\b[\w\s]*,?$", re.I)
_SIGNATURE = re.compile(r"^[-\u2013\u2014~]*\s*([A-Z][a-z]+)(?:\s+[A-Z][a-z'\-]+)?"
                        r"(?:\s*[,|(\u2013\u2014-].*)?$")
_TEAM = re.compile(r"\b(team|support|service|services|department|desk|care|billing|help)\b",
                   re.I)
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "mx", "sir", "madam"}
_BOILERPLATE = re.compile(
    r"sorry for (any|the) inconvenience|apologi[sz]e for (any|the) inconvenience|"
    r"we value (your|you)|valued customer|your (call|business|feedback) is important|"
    r"thank you for your patience|thanks for your patience|"
    r"i (completely |totally |fully )?understand (how frustrating|your frustration|your concern)"
    r"(?: (this|that) (is|must be|can be))?\.?$", re.I)
_FEELING = re.compile(
    r"\b(sorry|apologi|disappoint|frustrat|upset|worr|stress|annoy|understand|imagine|"
    r"must (have been|be)|i can see|i hear|i know|that's (a lot|hard|tough|awful|not)|"
    r"no wonder|of course you|right to|fair enough|awful|unfair|inconvenien|concern|anxious|"
    r"shock|alarming|last thing|difficult|hard|tough|rough|urgent|understandabl|nerve|"
    r"horribl|terribl|scar|frighten|nightmare|gutted|a (?:real )?blow|a (?:real )?pain|miserabl|"
    r"dread|heartbreak|devastat|exhaust|i hope|get well|on the mend|recover)\w*", re.I)
_SITUATION_WORDS = 4
_SHORT_SORRY = re.compile(r"^\W*(?:and\s+)?(?:(?:i'm|i am|we're|we are|so|really|very|truly|"
                          r"terribly)\s+)*sorry\s+(?:about|for|to hear about)\s+"
                          r"(?:the|your|that|this|all)\s+[\w'-]+(?:\s+[\w'-]+)?\W*$", re.I)
_GENERIC = set(
    [
        "order", "purchase", "account", "service", "help", "issue", "problem", "request",
        "query", "question", "contact", "email", "call", "phone", "chat", "reply", "message",
        "team", "customer", "company", "product", "item", "thing", "time", "week", "refund",
        "fee", "bill", "today", "soon", "number"
    ])
_DONE = re.compile(r"\b(?:i|we)(?:'ve| have)\s+(?:already\s+|now\s+|just\s+|also\s+|personally\s+)?"
                   r"(\w+)", re.I)
_WILL = re.compile(r"\b(?:i|we)(?:'ll| will| am going to|'m going to| are going to)\s+"
                   r"(?:also\s+|now\s+|personally\s+|then\s+|immediately\s+|definitely\s+)?(\w+)",
                   re.I)
_PAST = re.compile(r"\b(?:i|we)\s+(?:just\s+|also\s+|personally\s+)?(\w+ed|sent|put|made|set|"
                   r"rang|spoke|wrote|paid|gave|took|found|got|moved|booked)\b", re.I)
_VAGUE = set(
    [
        "try", "look", "see", "be", "do", "hope", "keep", "note", "pass", "make", "get", "have",
        "need", "let", "want", "think", "feel", "understand", "appreciate", "apologise",
        "apologize", "like", "love", "check", "investigate", "review", "consider", "ask",
        "been", "had", "received", "got", "noted", "passed", "forwarded", "tried", "looked",
        "seen", "understood", "reviewed", "checked", "escalated", "asked", "explained",
        "wanted", "needed", "hoped", "noticed", "realised", "realized", "apologised",
        "apologized", "thought", "felt", "made"
    ])
_NOW = re.compile(r"\b(?:i'm|i am) (?:now |also |personally )?(\w+ing)\b(?! to\b)")
_NOT_DOING = {"trying", "hoping", "looking", "checking", "wondering", "thinking", "waiting",
              "writing", "calling", "contacting", "reaching", "replying", "responding", "going",
              "getting", "afraid", "having", "being", "feeling", "asking", "seeing", "speaking",
              "chatting", "talking", "glad", "happy", "working", "following", "confirming",
              "taking", "owning", "handling", "committing", "doing", "making", "keeping"}
_PARTICIPLE = re.compile(r"\w+ed|sent|put|set|paid|given|taken|got|told|spoken|written|run|"
                         r"rung|split|sold|built|kept|left|brought|bought|done|cut|shut")
_HEDGE = re.compile(r"\b(?:can|could|might|may|would|if you|if we|hope|try)\b", re.I)
_WHEN = re.compile(r"\b(today|tonight|tomorrow|this (morning|afternoon|evening|week)|"
                   r"within|by (the end|close|noon|midday)|next (week|day)|"
                   r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d)\b", re.I)
_BLAME = re.compile(
    r"\b(you should have|you shouldn't have|you should not have|your (own )?fault|you failed|"
    r"as (i|we) (already |clearly )?(said|told|explained|mentioned|stated)|"
    r"as (stated|mentioned|explained|clearly stated) (in|on)|clearly (states|stated|says)|"
    r"if you had (read|checked|followed)|you (didn't|did not) (read|check|follow)|"
    r"it is your responsibility|it's your responsibility|your responsibility to|"
    r"you (must|need to) (read|understand)|next time,? (please )?(read|make sure|check)|"
    r"please read|you were (told|informed|warned)|user error|obviously|calm down|"
    r"as anyone would|simply (read|follow)|we cannot be held|not our (fault|problem)|"
    r"you agreed to|you (clearly|obviously)|for future reference|"
    r"(?:you(?:'ve| have) )?left it (?:a bit |rather |far |quite |too )*late"
    r"(?: to \w+(?: about| for)?)?|"
    r"something to (?:sort out|check|arrange) before you|"
    r"(?:that|this|which) would have (?:avoided|prevented|saved you)|"
    r"(?:largely |mainly |mostly |partly )?because you (?:didn't|did not|forgot|failed|never|"
    r"tried it|waited|left it)|(?:failed|happened|went wrong) because you|"
    r"(?:are|were) (?:always |clearly )?told (?:at \w+ )?that|"
    r"(?:worth |try )?making sure\b[^.;!?]{0,60}\bnext time|risk (?:customers|you|clients) accept|"
    r"(?:we|i) (?:do |always )?(?:tell|advise|warn|remind) (?:people|customers|everyone|"
    r"all (?:our )?customers|members|guests)|"
    r"(?:passengers|customers|travell?ers|guests|members|tenants|users) (?:are|were) (?:always |"
    r"strongly |clearly )?(?:advised|told|reminded) to|"
    r"you(?:'d| would) have (?:seen|known|noticed|avoided)|you should really have|"
    r"if you'd (?:read|checked|given|told|called|kept|saved|looked|followed|enabled|set)|"
    r"had (?:it|they|this|that|the \w+) been (?:read|checked)|in (?:the )?future,? please|"
    r"please (?:stop|try to)|worth reading|without reading|clearly marked|exactly (?:why|how) "
    r"(?:we|this)|your responsibility|(?:account holders|customers|homeowners?) (?:are|is) "
    r"responsible|homeowner's job|that's how (?:the|this|it) \w+ (?:got|happen)|"
    r"next time,\s+(?:please\s+)?(?:keep|make sure|read|check|remember|try|don't|do not|be sure|"
    r"ensure)|(?:please )?plan ahead|(?:please )?(?:wait|check|make sure|remember)\b[^.;!?]{0,60}"
    r"\bnext time|which (?:is|was) (?:clearly )?(?:stated|written|shown|explained) (?:on|in)|"
    r"had you (read|checked|enabled|set|followed|looked)|if you had|like you should|"
    r"you (didn't|did not|forgot to|never) (set|read|check|enable|follow|turn|look)|"
    r"which we (always )?(recommend|advise)|as (is|was) (clearly )?(stated|explained)|"
    r"which you (didn't|did not|never) do|it (does|clearly) (say|state)s?|"
    r"you (should|need to|have to) (read|check|make sure|remember)|"
    r"(make sure|remember) (you|to) (read|check|confirm) (the|next)|"
    r"if (?:that|this|it) had been (?:done|checked|read)|(?:customers|you) are (?:asked|expected|"
    r"required) to (?:check|read|make sure))\b", re.I)
_CODE_OK = {"GB", "MB", "TB", "KB", "AM", "PM", "EUR", "NHS", "OK"} | set([
    "OK", "ID", "PIN", "USD", "EUR", "GBP", "UK", "US", "USA", "EU", "TV", "PC", "PDF", "FAQ",
    "SMS", "AM", "PM", "CEO", "IT", "VAT", "ZIP", "HD", "USB", "DVD", "CD", "GPS", "WIFI",
    "WI-FI", "ASAP", "FAX", "ATTN", "PO", "RE", "CC", "FYI", "NB", "PS", "PTO", "MR", "MRS",
    "MS", "DR", "UTC", "GMT", "BST", "AM", "PM", "TO", "FROM", "DATE", "SUBJECT", "REF", "FAO",
    "PAGE", "PAGES", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT",
    "NOV", "DEC", "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"
])
_ADMITS = re.compile(
    r"\b(?:you(?:'re|\u2019re| are) (?:quite |absolutely )?right|because of us|"
    r"our (?:fault|mistake|error)|we (?:got it wrong|let you down|failed|made a mistake)|"
    r"(?:fault|mistake|error) (?:was|is) (?:ours|on our side))\b", re.I)
_CODE = re.compile(r"\b[A-Z]{2,5}\b")
_EXPLAINED = re.compile(r"^\W*(\(|,?\s*(which|that) (means|is)|,?\s*meaning|,?\s*i\.e\.|"
                        r",?\s*or |\s*[\u2013\u2014-]\s)", re.I)
_NEXT_DO = re.compile(
    r"\b(reply (to this|with|here)|click|log in|sign in|visit|go to|send (us|me)|upload|"
    r"tell me (which|when|if|what)|let me know (which|when|what)|(shall|should) i \w+|"
    r"(want|like) me to \w+|choose|pick|confirm (the|that|it|your)|open the app|"
    r"call (us|me) (on|at)|bring|attach|fill in|complete the|use the link|tap|open the|"
    r"pack|drop (it|them) off|keep an eye|check your (email|inbox|card|statement|account)|"
    r"(?:i|we) (?:enclose|attach|am enclosing|am attaching|have enclosed|have attached|'ve "
    r"enclosed|'ve attached)|(?:i|we)(?:'ll| will) \w+(?: \w+){0,5} (?:by|before|within|today|"
    r"tomorrow|this (?:afternoon|evening|week)))\b",
    re.I)
_NEXT_WHEN = re.compile(
    r"\b(you('ll| will) (receive|get|see|have|hear)|(i|we)('ll| will) (call|email|text|send|"
    r"contact|ring|update|confirm|message|reply|follow up)|will (arrive|reach|show|appear|be "
    r"(back|credited|refunded|delivered|restored|sent|processed|fixed|there))|expect|"
    r"arrives?|within|by (monday|tuesday|wednesday|thursday|friday|saturday|sunday|the end)|"
    r"tomorrow|next step|what happens next)\b", re.I)
_EVENT = re.compile(r"\b(show|appear|arrive|reach|land|clear|see|receive|get|allow|give it|"
                    r"takes?|expect|due|back|ready|restored|working|credited|refunded|delivered|"
                    r"collect|visit|call|email|text|send|dispatch|ship)\w*", re.I)
_FORWARD = re.compile(
    r"\b(will|shall|going to|(?:i|we|you|it|they|he|she)(?:'ll|\u2019ll)|by (?:the end|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|\d)|within|tomorrow|"
    r"next|from now|please|can you|could you)\b|^\W*(?:call|reply|send|click|log|sign|visit|"
    r"go|upload|bring|attach|fill|complete|use|tap|open|pack|drop|keep|check|choose|pick|"
    r"confirm|let)\b", re.I)
_ACCOUNT = re.compile(r"\b(?:was|were|had|did|came|went|took|said|told|called|arrived|"
                   r"happened|nobody|never)\b", re.I)
_NEXT_VAGUE = re.compile(r"\b(let (us|me) know if|if you have any (other |further )?questions|"
                         r"don't hesitate|do not hesitate|feel free)\b", re.I)


def introduces_self(reply: str, customer_name: str, agent_name: str = "") -> str:
    """The agent's own name: the contact's agent_name when given, else an introduction
    ("this is Sam", "Sam here"), a signature line or a closing name."""
    said = sentences(reply)
    if agent_name:
        first = agent_name.split()[0]
        return next((s for s in said if re.search(rf"\b{re.escape(first)}\b", s)), "")
    customer = {p.lower() for p in customer_name.split()}
    for sentence in said:
        for found in (*_INTRO.finditer(sentence), *_HERE.finditer(sentence)):
            name = (found.group(1) or found.group(found.lastindex or 1)).lower()
            if name not in customer and name not in _NOT_AGENT:
                return sentence
    end = _END.search((reply or "").strip())
    if end and end.group(1).lower() not in customer | _NOT_AGENT:
        return said[-1]
    lines = [line.strip() for line in (reply or "").strip().splitlines() if line.strip()]
    tail = lines[-3:] if len(lines) > 1 else []
    for i, line in enumerate(tail):
        sig = _SIGNATURE.match(line)
        if not sig or sig.group(1).lower() in customer or _TEAM.search(line.split(",")[0]):
            continue
        after_closing = i > 0 and _CLOSING.match(tail[i - 1])
        if after_closing or line.lstrip()[:1] in "-\u2013\u2014~" or i == len(tail) - 1 and \
                len(line.split()) <= 3 and sig.group(1).lower() not in {"thanks", "regards"}:
            return line
    return ""


def uses_customer_name(reply: str, customer_name: str) -> str:
    parts = [p for p in re.findall(r"[A-Za-z][A-Za-z'\-]+", customer_name)
             if p.lower() not in _TITLES and len(p) > 1]
    for sentence in sentences(reply):
        if any(re.search(rf"\b{re.escape(p)}\b", sentence) for p in parts):
            return sentence
    return ""


def references_purchase(reply: str, contact: dict) -> str:
    """A sentence about this case: half the purchase's words, two words of the customer's
    own message, or an amount, date or time of the case (from the message or the key
    facts: "your $70 May bill", "the Basic 50 plan at $50 a month")."""
    purchase = content_words(contact.get("purchase") or "")
    message = content_words(contact.get("message") or "") - _GENERIC
    case = {v for v in values(" ".join([contact.get("message") or "",
                                         *(contact.get("key_facts") or [])]))
            if v[0] not in ("num", "when")}
    for sentence in sentences(reply):
        words = content_words(sentence)
        if purchase and len(purchase & words) * 2 >= len(purchase) or len(message & words) >= 2 \
                or case and any(present({v}, case) for v in values(sentence) if v[0] != "num"):
            return sentence
    return ""


def acknowledges_feelings(reply: str, contact: dict, fact_text: str) -> str:
    """A line that picks up the customer's own situation from their message: a feeling word
    with one situation word, or two situation words, within one or two sentences; the line
    itself holds one of them (a greeting before an apology is no acknowledgement), and
    names are not the situation."""
    situation = (content_words(contact.get("message") or "") - _GENERIC
                 - content_words(contact.get("purchase") or "") - content_words(fact_text)
                 - content_words(" ".join([contact.get("customer_name") or "",
                                           contact.get("agent_name") or ""])))
    lines = [s for s in sentences(reply) if not listing(s)]
    said = [_unapologised(s) for s in lines]
    for i, sentence in enumerate(said):
        if not (situation & content_words(sentence) or _FEELING.search(sentence)):
            continue
        pair = " ".join(said[i:i + 2])
        shared = situation & content_words(pair)
        felt = _FEELING.search(pair) and not _BOILERPLATE.search(sentence.strip())
        if shared and (felt or len(shared) >= _SITUATION_WORDS):
            return lines[i]
    return ""


def _unapologised(sentence: str) -> str:
    """The sentence without a one-phrase apology that names only the problem ("sorry
    about the tear", "sorry for the wait"): that is courtesy, not acknowledgement."""
    kept = [c for c in re.split(r"[,;:!.]", sentence) if not _SHORT_SORRY.match(c)]
    return ", ".join(c.strip() for c in kept if c.strip())


def takes_ownership(reply: str) -> str:
    for sentence in sentences(reply):
        clean = normalise(sentence)
        for pattern in (_DONE, _PAST):
            for found in pattern.finditer(clean):
                verb = found.group(1)
                if verb not in _VAGUE and _PARTICIPLE.fullmatch(verb):
                    return sentence
        for found in _NOW.finditer(clean):
            if found.group(1) not in _NOT_DOING:
                return sentence
        for found in _WILL.finditer(clean):
            verb = found.group(1)
            hedged = _HEDGE.search(re.split(r"[;:.!?]", clean[:found.start()])[-1])
            if hedged or verb == "not":
                continue
            chained = re.match(r"[\w\s]*? and (\w+)", clean[found.end():])
            if verb not in _VAGUE or _WHEN.search(clean) or chained and \
                    chained.group(1) not in _VAGUE:
                return sentence
    return ""


def _blaming(sentence: str) -> bool:
    """A blame phrase that is not denied ("not your fault"), not the agent's own admission
    ("you should have been told", "you should have had a letter", "you were told Wednesday
    and nobody called; you've lost work because of us") and not a right ("you shouldn't
    have to pay", "you should have paid £35, not £70")."""
    for found in _BLAME.finditer(sentence):
        before = sentence[max(0, found.start() - 12):found.start()].lower()
        after = sentence[found.end():found.end() + 24].lower()
        if re.search(r"\b(not|no|isn't|wasn't|never)\s*$", before) \
                or re.match(r"\s*(been|to|about|had|received|got|gotten|heard|seen)\b", after) \
                or re.match(r"\s*paid\s+(?:only\s+|just\s+)?[$\u00a3\u20ac\d]", after) \
                or _ADMITS.search(sentence):
            continue
        return True
    return False


def blames(reply: str) -> str:
    return next((s for s in sentences(reply) if _blaming(s)), "")


def blame_or_jargon(reply: str, contact: dict) -> str:
    known = " ".join([contact.get("purchase") or "", contact.get("message") or "",
                      *(contact.get("key_facts") or [])])
    for sentence in sentences(reply):
        if _blaming(sentence):
            return sentence
        for term in contact.get("jargon") or []:
            for found in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", sentence, re.I):
                if not _EXPLAINED.match(sentence[found.end():]):
                    return sentence
        for found in _CODE.finditer(sentence):
            code = found.group(0)
            if code not in _CODE_OK and code not in known and code != "I" and \
                    not _EXPLAINED.match(sentence[found.end():]):
                return sentence
    return ""


def _forward(sentence: str) -> bool:
    return bool(_FORWARD.search(sentence)) and not (_ACCOUNT.search(sentence) and not re.search(
        r"\b(?:will|shall|going to|\w+(?:'ll|\u2019ll))\b", sentence, re.I))


def clear_next_step(reply: str) -> str:
    """The reply's next step, preferring a forward-looking sentence ("I will call you on
    Wednesday") over an account of what already happened ("nobody came on Saturday")."""
    steps = []
    for sentence in sentences(reply):
        timed = _WHEN.search(sentence) or any(k != "money" for k, _ in values(sentence))
        if _NEXT_DO.search(sentence) or timed and (_NEXT_WHEN.search(sentence)
                                                   or _EVENT.search(sentence)):
            steps.append(sentence)
    if steps:
        return next((s for s in steps if _forward(s)), steps[0])
    for sentence in sentences(reply):
        if _NEXT_WHEN.search(sentence) and not _NEXT_VAGUE.search(sentence):
            return sentence
    return ""
