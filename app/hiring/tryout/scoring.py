"""Score a tryout transparently (pure): four criteria per contact of the form, weighted by
the job profile's tryout section into a 0-100 score and a T-score for the composite.

Per contact of the form (a contact never served scores 0 on every criterion):

- order: it was taken when no older contact was waiting, whatever the channel;
- quality: the reply scorer's overall (1-5, facts and honesty before courtesy) of the
  written reply or of everything the candidate said in the conversation, as (overall-1)/4;
  a recruiter's rating of the contact replaces it;
- handling: simulated seconds from taking it to closing it against the contact's norm:
  1 up to the norm, falling to 0 at three times the norm;
- abandoned: 1 when the customer was served, 0 when left (hung up while waiting, still
  waiting at the end, or hung up on the candidate during the conversation).

A reply or turn that reads as a keyword list rather than sentences (a sentence of
``LIST_WORDS`` or more words of which under ``LIST_SHARE`` are function words, or a run
of ``LIST_RUN`` words without one: natural English prose runs at about 40 % and rarely
strings more than six content words together) is judged 1/5 however many facts' words it holds; the
evidence says so and a recruiter's rating can replace it.

Each criterion is the mean over the form's contacts; the score is their weighted mean × 100.
``T = 50 + 10 (score - norm mean) / norm sd`` joins the composite like a trait.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from app.conversations import score_transcript
from app.hiring.tryout.schema import CRITERIA, Contact, Form, Section
from app.hiring.tryout.shift import clock, rebuild
from app.replies import CRITERIA as REPLY_CRITERIA
from app.replies import score_reply

LABELS = {"order": "Order of service", "quality": "Reply quality",
          "handling": "Handling time", "abandoned": "Customers served"}


LIST_WORDS = 10
LIST_SHARE = 0.15
LIST_RUN = 9
_FUNCTION_WORDS = """a an the and or but if so because as than that this these those it its
    i you he she we they me him her us them my your our their is are was were be been being
    am do does did have has had will would can could shall should may might must to of in on
    at by for with from about into over after before until up out not no there here what when
    where which who how all any some then also just very really only again more most own
    same such too each both other between through during without within under off down
    once yes please i'm i've i'll i'd you're you've you'll we're we've we'll it's that's
    there's don't doesn't didn't won't can't isn't aren't let's"""
_FUNCTION = frozenset(_FUNCTION_WORDS.split())
_TOKEN = re.compile(r"[A-Za-z']+(?:-[A-Za-z']+)*|\d+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def keyword_list(text: str) -> str:
    """The first sentence of ``text`` that reads as a heap of keywords, or ''."""
    for sentence in _SENTENCE.split(text or ""):
        words = [w.lower() for w in _TOKEN.findall(sentence)]
        run = longest = 0
        for word in words:
            run = 0 if word in _FUNCTION else run + 1
            longest = max(longest, run)
        if longest >= LIST_RUN or (len(words) >= LIST_WORDS and sum(
                w in _FUNCTION for w in words) < LIST_SHARE * len(words)):
            return sentence.strip()
    return ""


def handling_credit(seconds: float, norm: float) -> float:
    """1 within the norm, linearly down to 0 at three times the norm."""
    if seconds <= norm:
        return 1.0
    return max(0.0, 1.0 - (seconds - norm) / (2 * norm))


def judge(contact: Contact, entry: Mapping[str, Any]) -> dict[str, Any]:
    """The reply scorer's verdict on one served contact, with evidence per criterion."""
    case = contact.case()
    talk = entry.get("conversation")
    if talk is not None:
        report = score_transcript(case, talk["turns"])
        said = "\n".join(t["text"] for t in talk["turns"] if t["who"] == "agent")
        judged = {"overall": report["overall"], "criteria": report["criteria"],
                  "wrong_facts": report["wrong_facts"], "ended": talk.get("ended")}
    else:
        said = entry.get("text") or ""
        result = score_reply(case, said)
        judged = {"overall": result.overall, "wrong_facts": list(result.wrong_facts),
                  "ended": None,
                  "criteria": {n: {"score": result.criteria[n],
                                   "evidence": result.evidence.get(n, ""), "turn": None}
                               for n in REPLY_CRITERIA}}
    heap = keyword_list(said)
    judged["keyword_list"] = heap
    if heap:
        judged["overall"] = 1
    return judged


def score_run(section: Section, form: Form, state: Mapping[str, Any],
              ratings: Mapping[str, int] | None = None) -> dict[str, Any]:
    """The tryout's score from an ended state; ``ratings``: recruiter overall (1-5) by
    contact id, replacing the automatic one."""
    ratings = ratings or {}
    sim = rebuild(dict(state))
    e = sim.engine
    e.purge()  # customers past their patience are marked abandoned lazily
    served = {d["contact_id"]: d for d in state["done"]}
    by_sim = {j: p["tryout_id"] for j, p in enumerate(e.table.payload or [])
              if p and "tryout_id" in p}
    hung_up = {by_sim[j] for j in by_sim if bool(e.abandoned[j]) and e.arrival[j] <= sim.now}
    rows = []
    for contact in form.contacts:
        entry = served.get(contact.id)
        row: dict[str, Any] = {"contact_id": contact.id, "channel": contact.channel,
                               "customer": contact.customer_name, "subject": contact.subject,
                               "arrived": clock(contact.at), "norm": contact.handle_seconds,
                               "served": entry is not None, "hung_up": contact.id in hung_up}
        if entry is None:
            row |= {"order": 0.0, "quality": 0.0, "handling": 0.0, "abandoned": 0.0,
                    "auto": None, "human": None, "used": None, "judged": None}
        else:
            judged = judge(contact, entry)
            human = ratings.get(contact.id)
            used = human if human is not None else judged["overall"]
            seconds = entry["finished"] - entry["opened"]
            row |= {"order": 1.0 if entry["older"] == 0 else 0.0, "older": entry["older"],
                    "quality": (used - 1) / 4,
                    "handling": handling_credit(seconds, contact.handle_seconds),
                    "handle_seconds": round(seconds, 1), "waited": round(entry["waited"], 1),
                    "abandoned": 0.0 if judged["ended"] in ("hung_up", "lost") else 1.0,
                    "auto": judged["overall"], "human": human,
                    "used": used, "judged": judged, "opened": clock(entry["opened"]),
                    "finished": clock(entry["finished"])}
        rows.append(row)
    n = len(rows)
    criteria = {c: sum(r[c] for r in rows) / n for c in CRITERIA}
    weights = {c: float(section.weights.get(c, 0)) for c in CRITERIA}
    total = sum(weights.values())
    score = 100 * sum(weights[c] * criteria[c] for c in CRITERIA) / total
    t_score = 50 + 10 * (score - section.norm.mean) / section.norm.sd
    return {"section": section.id, "form": form.id, "score": round(score, 1),
            "t_score": round(t_score, 1), "criteria": {c: round(v, 3) for c, v in
                                                      criteria.items()},
            "weights": weights, "contacts": rows, "served": sum(r["served"] for r in rows),
            "left": sum(not r["served"] for r in rows), "hung_up": len(hung_up),
            "composite_weight": section.composite_weight}


def numbers(result: Mapping[str, Any]) -> dict[str, Any]:
    """What is stored with the attempt's score: numbers only (no words of the candidate)."""
    return {k: result[k] for k in ("section", "form", "score", "t_score", "criteria",
                                   "weights", "served", "left", "hung_up",
                                   "composite_weight")} | {
        "contacts": [{k: r.get(k) for k in ("contact_id", "channel", "served", "order",
                                            "quality", "handling", "abandoned", "auto",
                                            "human", "used")} for r in result["contacts"]]}
