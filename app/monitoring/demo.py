"""Demo data: 60 days of metrics for the demo team and one live evaluation (idempotent)."""

from __future__ import annotations

import random
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.identity.models import User
from app.monitoring import services
from app.monitoring.models import AgentDayMetric, Evaluation
from app.monitoring.scorecards import load_scorecards
from app.orm import utcnow

DEMO_ANSWERS = {
    "greeting": "yes", "purpose": "yes", "identity-check": "yes", "recording-notice": "na",
    "accurate-answer": "partial", "ownership": "yes", "hold-etiquette": "na", "empathy": "yes",
    "clarity": "yes", "summary": "no", "notes": "yes",
}


def seed(users: dict[str, User]) -> list[tuple[str, str, str]]:
    agent, supervisor = users["employee"], users["supervisor"]
    today = utcnow().date()
    rng = random.Random(7)
    known = set(db.session.scalars(select(AgentDayMetric.day)
                                   .where(AgentDayMetric.user_id == agent.id)))
    for back in range(60, 0, -1):
        day = today - timedelta(days=back)
        if day.weekday() >= 5 or day in known:
            continue
        db.session.add(AgentDayMetric(
            user_id=agent.id, day=day, handled=rng.randint(38, 62),
            aht_seconds=round(rng.gauss(330 - back * 0.6, 18), 1),
            fcr_pct=round(min(rng.gauss(72 + (60 - back) * 0.1, 4), 100), 1),
            csat_pct=round(min(rng.gauss(86, 3), 100), 1),
            adherence_pct=round(min(rng.gauss(93, 2), 100), 1)))
    db.session.flush()
    has_evaluation = db.session.scalar(select(Evaluation.id).where(
        Evaluation.agent_id == agent.id))
    card = load_scorecards().get("phone-contact")
    if has_evaluation is None and card is not None:
        data = services.EvaluationInput(
            agent_id=agent.id, scorecard=card, contact_ref="CALL-20418", channel="phone",
            contact_date=today - timedelta(days=3), answers=DEMO_ANSWERS, notes={
                "summary": "The call ended without recapping the refund date."},
            comment="Warm and patient with an upset caller. Recap the agreed steps before "
                    "closing so the customer knows what happens next.")
        try:
            services.record_evaluation(supervisor, data)
        except services.MonitoringError as exc:
            current_app.logger.info("demo evaluation not seeded: %s", exc)
    return []
