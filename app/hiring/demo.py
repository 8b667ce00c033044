"""Demo hiring data: an opening, the demo candidate's invitation, and a few finished
candidates so the pipeline shows a ranked list."""

from __future__ import annotations

import random
import re
from datetime import timedelta

from flask import url_for
from sqlalchemy import select

from app.extensions import db
from app.hiring import services
from app.hiring.catalog import setup_for
from app.hiring.models import Invitation, JobOpening
from app.identity import services as identity

SAMPLE_CANDIDATES = [
    ("Maya Lindqvist", 0.85), ("Omar Haddad", 0.7), ("Priya Raman", 0.55),
    ("Lucas Moreau", 0.4), ("Grace Okafor", 0.25),
]


def _reflow(text: str) -> str:
    """Join the source's wrapped lines back into paragraphs, as a candidate types them."""
    return re.sub(r"(?<=\w)\n(?=\w)", " ", text)


CORRECT_REPLY = _reflow("""Dear {name},

I'm Sam from Brightline Home, and I am so sorry: you took a day off for us and nobody came
or called. I understand why you are disappointed.

I have checked your order. Your sofa is safe in our warehouse. The Saturday delivery was
cancelled by a scheduling error on our side, not by you or the driver. I have booked a new
delivery for Thursday between 8 am and 12 noon. If that day does not suit you, reply to
this e-mail and I will change it.

I will call you on Wednesday afternoon to confirm the time.

Kind regards,
Sam""")
POLITE_BUT_WRONG = _reflow("""Dear {name},

My name is Sam and I am truly sorry about Saturday; I completely understand how
frustrating it is to wait in for a delivery that never comes.

Our courier partner had a problem on the day. I will personally make sure your sofa is
delivered on Monday morning, and I will call you the evening before to confirm.

Kind regards,
Sam""")


def _answer(item, lean: float, rng: random.Random):
    if item.kind == "likert":
        good = item.scale.max if not item.reverse else item.scale.min
        bad = item.scale.min if not item.reverse else item.scale.max
        return good if rng.random() < lean else rng.choice([bad, (good + bad) // 2])
    if item.kind == "sjt":
        best = max(item.options, key=lambda o: sum(o.points.values()))
        return best.id if rng.random() < lean else rng.choice(item.options).id
    if item.kind == "forced_choice":
        return rng.choice(item.options).id
    if item.kind == "ranking_block":  # positively keyed statements first with chance lean
        good = rng.random() < lean
        ranked = sorted(item.statements,
                        key=lambda s: ((s.keyed == "positive") != good, rng.random()))
        return ">".join(s.id for s in ranked)
    if lean >= 0.7:
        return CORRECT_REPLY.format(name=item.customer_name)
    return POLITE_BUT_WRONG.format(name=item.customer_name) if lean > 0.5 else "ok will check"


V2_TITLE = "Customer-care agent, new test (phone)"


def _seed_v2_opening(recruiter) -> None:
    """A second opening on the faking-resistant test (service-aptitude-2)."""
    if db.session.scalar(select(JobOpening).where(JobOpening.title == V2_TITLE)):
        return
    opening = services.create_opening(recruiter, V2_TITLE, "contact-center-agent-2")
    rng = random.Random(11)
    setup = setup_for(opening.job_profile)
    for i, (name, lean) in enumerate(SAMPLE_CANDIDATES[:3]):
        email = f"{name.split()[0].lower()}.v2@candidates.example"
        invitation, _ = services.invite_candidate(opening, name, email)
        services.record_consent(invitation, None)
        attempt = services.start_attempt(invitation)
        for item in setup.instrument.items:
            services.save_answer(attempt, item.id, _answer(item, lean, rng), 1, 6000 + i)
        services.submit_attempt(attempt)


def seed(users: dict) -> list[tuple[str, str, str]]:
    from app.hiring.tryout import demo as tryout_demo

    recruiter = users["recruiter"]
    opening = db.session.scalar(select(JobOpening).where(JobOpening.recruiter_id == recruiter.id))
    if opening is None:
        opening = services.create_opening(recruiter, "Customer-care agent (phone)",
                                          "contact-center-agent")
        rng = random.Random(7)
        setup = setup_for(opening.job_profile)
        for i, (name, lean) in enumerate(SAMPLE_CANDIDATES):
            email = f"{name.split()[0].lower()}@candidates.example"
            invitation, _ = services.invite_candidate(opening, name, email)
            services.record_consent(invitation, None)
            attempt = services.start_attempt(invitation)
            for item in setup.instrument.items:
                services.save_answer(attempt, item.id, _answer(item, lean, rng), 1, 4000 + i)
            services.submit_attempt(attempt)
    _seed_v2_opening(recruiter)
    rows = tryout_demo.seed(recruiter)  # after the first opening, which is found by recruiter
    candidate = users["candidate"]
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.candidate_id == candidate.id)
    )
    if invitation is None:
        invitation, raw = services.invite_candidate(opening, candidate.name, candidate.email)
    elif invitation.attempt is None:
        identity.revoke_access_tokens(candidate)
        raw = identity.issue_access_token(candidate, timedelta(days=14))
    else:
        return rows
    db.session.flush()
    try:
        link = url_for("identity.redeem_invitation", token=raw, _external=True)
    except RuntimeError:
        link = f"/i/{raw}"
    return [("candidate", candidate.email, link), *rows]
