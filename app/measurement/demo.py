"""Demo data for the measurement pages: a validation-sample opening of simulated
candidates (app.psychometrics.synthetic), voluntary self-identification, hires with
research consent, and their live outcomes in monitoring (idempotent; flush only)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import select

from app.extensions import db
from app.hiring.catalog import setup_for
from app.hiring.models import Attempt, Invitation, JobOpening, Response
from app.hiring.scoring import score_and_store
from app.identity import services as identity
from app.identity.models import User
from app.measurement.models import PREFER_NOT, SelfIdentification
from app.monitoring.models import AgentDayMetric, Evaluation
from app.orm import utcnow
from app.psychometrics import compile_plan
from app.psychometrics.synthetic import simulate

TITLE = "Customer-care agent (validation sample)"
PROFILE = "contact-center-agent"
GOOD_REPLY = (
    "Dear Ms Okafor, thank you for writing and I am so sorry — you took a day off and nobody "
    "came or called, which is not acceptable. The delivery was cancelled by a scheduling error "
    "on our side. I have booked a new delivery for Thursday between 8 am and 12 noon and I "
    "will call you on Wednesday to confirm. Kind regards, Sam"
)
SHORT_REPLY = "Hi, sorry about that. Delivery is Thursday. Thanks"


def _answer(item: Any, codes: list[int], latent_mean: float) -> Any:
    if item.kind == "likert":
        return item.scale.min + codes[0] if codes[0] >= 0 else None
    if item.kind in ("sjt", "forced_choice"):
        return item.options[codes[0]].id if codes[0] >= 0 else None
    return GOOD_REPLY if latent_mean > 0 else SHORT_REPLY


SHARES = {
    "sex": {"female": 0.5, "male": 0.47, "another": 0.03},
    "race_ethnicity": {"white": 0.45, "hispanic_latino": 0.25, "black": 0.15, "asian": 0.1,
                       "two_or_more": 0.05},
    "age_band": {"under_25": 0.25, "25_39": 0.4, "40_54": 0.25, "55_plus": 0.1},
    "disability": {"no": 0.88, "yes": 0.12},
}


def _self_id(rng: np.random.Generator) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for dimension, shares in SHARES.items():
        roll = rng.random()
        out[dimension] = None if roll < 0.05 else PREFER_NOT if roll < 0.1 else str(
            rng.choice(list(shares), p=list(shares.values())))
    return out


def _outcomes(user: User, start: Any, composite: float, rng: np.random.Generator) -> None:
    for k in range(3):
        db.session.add(Evaluation(
            agent_id=user.id, contact_ref=f"DEMO-{user.id}-{k}", channel="phone",
            contact_date=start + timedelta(days=20 + 15 * k), scorecard_id="phone-contact",
            scorecard={}, answers={}, score=float(np.clip(
                74 + 1.1 * (composite - 50) + rng.normal(0, 10), 0, 100))))
    for k in range(0, 60, 6):
        db.session.add(AgentDayMetric(
            user_id=user.id, day=start + timedelta(days=k + 1), handled=45, aht_seconds=320.0,
            fcr_pct=float(np.clip(70 + 0.5 * (composite - 50) + rng.normal(0, 5), 0, 100))))


def seed_sample(recruiter: User, n: int = 90, seed: int = 2026) -> JobOpening:
    """An opening with `n` simulated candidates who sat the test over the last 150 days.
    Those who sat it more than two months ago are decided: most who passed are hired
    (most with research consent and 90-day live outcomes), the others interviewed or not
    progressed; the recent ones await a decision."""
    opening = JobOpening(title=TITLE, job_profile=PROFILE, recruiter_id=recruiter.id)
    db.session.add(opening)
    instrument = setup_for(PROFILE).instrument
    plan = compile_plan(instrument)
    sample = simulate(instrument, plan, n, seed, careless_share=0.03)
    rng = np.random.default_rng(seed)
    now = utcnow()
    rows = []
    for row in range(n):
        user = identity.create_user(f"sample{row:03d}.{seed}@candidates.example",
                                    f"Sample candidate {row + 1}", {"candidate"})
        started = now - timedelta(days=150 - 140 * row / max(n - 1, 1))
        invitation = Invitation(opening=opening, candidate=user, expires_at=started,
                                consent_at=started)
        attempt = Attempt(invitation=invitation, seed=row, allowed_seconds=1800,
                          started_at=started, deadline_at=started + timedelta(minutes=30),
                          ended_at=started + timedelta(minutes=20), status="submitted",
                          end_reason="submitted")
        mean = float(sample.latent[row].mean())
        for item in instrument.items:
            value = _answer(item, [int(sample.codes[row, c]) for c in plan.item_columns[item.id]],
                            mean)
            if value is not None:
                attempt.responses.append(Response(item_id=item.id, value=value, client_seq=1,
                                                  elapsed_ms=6000, saved_at=started))
        db.session.add(attempt)
        rows.append((invitation, attempt, user))
    db.session.flush()
    for k, (invitation, attempt, user) in enumerate(rows):
        score_and_store(attempt)
        attempt.scored_at = attempt.ended_at
        consent = bool(rng.random() < 0.85)
        db.session.add(SelfIdentification(invitation_id=invitation.id, research_consent=consent,
                                          **_self_id(rng)))
        _decide(invitation, attempt, user, recruiter, k, rng, now)
    db.session.flush()
    return opening


def _decide(invitation: Invitation, attempt: Attempt, user: User, recruiter: User, k: int,
            rng: np.random.Generator, now: datetime) -> None:
    if invitation.attempt.started_at > now - timedelta(days=62):
        return
    passed = attempt.recommendation == "pass"
    hired = passed and k % 3 != 2
    invitation.decided_by_id = recruiter.id
    invitation.decided_at = invitation.attempt.started_at + timedelta(days=10)
    invitation.decision_reason = "Demo decision following the hurdle recommendation."
    invitation.decision = "hired" if hired else "interview" if passed else "not_progressed"
    if hired:
        user.set_roles({"employee"})
        _outcomes(user, invitation.decided_at.date(), attempt.composite or 50.0, rng)
        user.disabled = bool(rng.random() < 0.2 + 0.04 * max(0.0, 55 - (attempt.composite
                                                                          or 50.0)))


def seed(users: dict[str, User]) -> list[tuple[str, str, str]]:
    """The sample opening belongs to the admin, so the demo recruiter's pipeline stays
    short; the recruiter still sees its statistics through their own opening of the
    same job profile."""
    owner = users.get("admin") or users["recruiter"]
    exists = db.session.scalar(select(JobOpening.id).where(JobOpening.title == TITLE))
    if exists is None:
        seed_sample(owner)
    return []
