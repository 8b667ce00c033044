"""Score a tryout transparently (pure): four criteria per contact of the form, weighted by
the job profile's tryout section into a 0-100 score and a T-score for the composite.

Per contact of the form (a contact never served scores 0 on every criterion):

- order: it was taken when no older contact was waiting, whatever the channel;
- quality: the reply scorer's overall (1-5, facts and honesty before courtesy) of the
  written reply or of everything the candidate said in the conversation, as (overall-1)/4;
  a recruiter's rating of the contact replaces it;
- handling: simulated seconds from taking it to closing it against the contact's norm:
  1 up to the norm, falling to 0 at three times the norm;
- abandoned: 1 when the customer was served, 0 when left (hung up or still waiting at the
  end).

Each criterion is the mean over the form's contacts; the score is their weighted mean × 100.
``T = 50 + 10 (score - norm mean) / norm sd`` joins the composite like a trait.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.conversations import score_transcript
from app.hiring.tryout.schema import CRITERIA, Contact, Form, Section
from app.hiring.tryout.shift import clock, rebuild
from app.replies import CRITERIA as REPLY_CRITERIA
from app.replies import score_reply

LABELS = {"order": "Order of service", "quality": "Reply quality",
          "handling": "Handling time", "abandoned": "Customers served"}


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
        return {"overall": report["overall"], "criteria": report["criteria"],
                "wrong_facts": report["wrong_facts"], "ended": talk.get("ended")}
    result = score_reply(case, entry.get("text") or "")
    return {"overall": result.overall, "wrong_facts": list(result.wrong_facts), "ended": None,
            "criteria": {n: {"score": result.criteria[n], "evidence": result.evidence.get(n, ""),
                             "turn": None} for n in REPLY_CRITERIA}}


def score_run(section: Section, form: Form, state: Mapping[str, Any],
              ratings: Mapping[str, int] | None = None) -> dict[str, Any]:
    """The tryout's score from an ended state; ``ratings``: recruiter overall (1-5) by
    contact id, replacing the automatic one."""
    ratings = ratings or {}
    sim = rebuild(dict(state))
    e = sim.engine
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
                    "abandoned": 1.0, "auto": judged["overall"], "human": human,
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
