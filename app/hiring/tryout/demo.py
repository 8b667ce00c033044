"""Demo: an opening whose job profile includes the tryout, three candidates who worked it
(so the recruiter's replay has something to show) and a candidate link to try it."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from flask import url_for
from sqlalchemy import select

from app.extensions import db
from app.hiring import services
from app.hiring.catalog import setup_for
from app.hiring.demo import _answer as questionnaire_answer
from app.hiring.models import Invitation, JobOpening
from app.hiring.tryout import shift
from app.hiring.tryout.content import form as load_form
from app.hiring.tryout.content import section_for
from app.hiring.tryout.models import TryoutRun
from app.hiring.tryout.schema import TALKING, Contact
from app.hiring.tryout.services import form_for
from app.identity import services as identity

TITLE = "Customer-care agent with job tryout (blended desk)"
PROFILE = "contact-center-agent-tryout"
CANDIDATE = ("Tia Tryout", "tia.tryout@candidates.example")
WORKED = (("Nadia Petrova", "good", 0.85), ("Ben Carter", "fair", 0.6),
          ("Leo Grant", "poor", 0.3))


def _turns(contact: Contact, how: str) -> list[str]:
    first = contact.customer_name.split()[0]
    facts = list(contact.key_facts)
    if how == "poor":
        return [facts[0].replace("The ", "the ", 1), "ok bye"]
    hello = f"Hello {first}, this is Robin at Fernhill Appliances."
    sorry = "I'm sorry about this, I understand it's a nuisance." if how == "good" else ""
    promise = ("I will send you a confirmation e-mail today, and you can call me back on "
               "this line if anything changes.")
    if how == "fair":
        facts = facts[:2]
    if contact.channel not in TALKING:
        return [f"Dear {contact.customer_name},\n\n{hello} {sorry} {' '.join(facts)}\n\n"
                f"{promise}\n\nKind regards,\nRobin"]
    return [f"{hello} {sorry} {facts[0]}", " ".join(facts[1:]) or "Let me check.", promise,
            "Is there anything else I can help with? Goodbye."]


def _advance(state: dict[str, Any], seconds: float) -> dict[str, Any]:
    while seconds > 0 and state["phase"] == "running":
        state = shift.tick(state, min(seconds, shift.MAX_GAP))
        seconds -= shift.MAX_GAP
    return state


def work_shift(section, form, seed: int, how: str) -> dict[str, Any]:
    """A scripted candidate serving the queue oldest first until the shift ends."""
    state = shift.begin(shift.warmup_say(
        shift.new_state(section, form, seed, "1"), section,
        f"Hello! {section.warmup.key_facts[0]}"))
    pace = {"good": 0.5, "fair": 0.9, "poor": 1.6}[how]
    while state["phase"] == "running":
        waiting = shift.queue(state, form)
        if not waiting:
            state = _advance(state, 5)
            continue
        row = waiting[-1] if how == "poor" and len(waiting) > 1 else waiting[0]
        state = shift.open_contact(state, form, row["sim_id"])
        contact = form.contact(row["contact_id"])
        for text in _turns(contact, how):
            state = _advance(state, 6 + pace * len(text.split()))
            if state["phase"] != "running":
                break
            if contact.channel not in TALKING:
                state = shift.finish(state, form, row["sim_id"], text)
                break
            if state["open"]["conversation"]["ended"]:
                break
            state = shift.say(state, form, row["sim_id"], text)
        if state["phase"] == "running" and state["open"] is not None:
            state = shift.finish(state, form, row["sim_id"], "Thank you.")
    return state


def seed(recruiter) -> list[tuple[str, str, str]]:
    """Idempotent; returns the tryout candidate's login row when a fresh link was issued."""
    section = section_for(PROFILE)
    if section is None:
        return []
    opening = db.session.scalar(select(JobOpening).where(JobOpening.title == TITLE))
    if opening is None:
        opening = services.create_opening(recruiter, TITLE, PROFILE)
        setup = setup_for(PROFILE)
        rng = random.Random(20)
        for i, (name, how, lean) in enumerate(WORKED):
            email = f"{name.split()[0].lower()}.tryout@candidates.example"
            invitation, _ = services.invite_candidate(opening, name, email)
            services.record_consent(invitation, None)
            attempt = services.start_attempt(invitation)
            for item in setup.instrument.items:
                value = questionnaire_answer(item, lean, rng)
                services.save_answer(attempt, item.id, value, 1, 5000 + i)
            form = load_form(form_for(section, attempt.seed))
            state = work_shift(section, form, attempt.seed, how)
            db.session.add(TryoutRun(attempt=attempt, section_id=section.id, form_id=form.id,
                                     seed=attempt.seed, time_factor="1", version=1,
                                     state=state))
            db.session.flush()
            services.submit_attempt(attempt)
    return _candidate_link(opening)


def _candidate_link(opening: JobOpening) -> list[tuple[str, str, str]]:
    name, email = CANDIDATE
    invitation = db.session.scalar(select(Invitation).join(Invitation.candidate).where(
        Invitation.opening_id == opening.id, Invitation.candidate.has(email=email)))
    if invitation is None:
        invitation, raw = services.invite_candidate(opening, name, email)
    elif invitation.attempt is None:
        identity.revoke_access_tokens(invitation.candidate)
        raw = identity.issue_access_token(invitation.candidate, timedelta(days=14))
    else:
        return []
    db.session.flush()
    try:
        link = url_for("identity.redeem_invitation", token=raw, _external=True)
    except RuntimeError:
        link = f"/i/{raw}"
    return [("candidate (job tryout)", email, link)]
