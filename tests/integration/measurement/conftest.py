"""Hand-checkable fixtures: scored attempts with chosen composites and self-identification."""

from __future__ import annotations

import itertools
from datetime import timedelta
from fractions import Fraction

import pytest

from app.extensions import db
from app.hiring.models import Attempt, Invitation, Response
from app.identity import services as identity
from app.measurement.models import SelfIdentification
from app.orm import utcnow

_n = itertools.count(1)
TRAITS = ("empathy", "resilience", "objectivity", "stress_resistance", "initiative",
          "responsiveness", "relationship_building", "problem_solving", "positive_attitude",
          "integrity")


def fake_score(composite: str | None, failed_minimums: tuple[str, ...] = (),
               t: float = 50.0) -> dict:
    value = None if composite is None else float(Fraction(composite))
    passed = composite is not None and value >= 46 and not failed_minimums
    return {
        "traits": [{"id": tr, "name": tr, "t_score": t, "raw": 20.0, "complete": True,
                    "percentile": 50} for tr in TRAITS],
        "hurdle": {"decision": "pass" if passed else "fail", "composite": value,
                   "composite_exact": composite, "failed_minimums": list(failed_minimums)},
    }


@pytest.fixture
def make_scored(opening):
    """A candidate with a scored attempt in `opening` (cut 46) and optional self-id."""

    def make(composite: str | None = "50", *, decided_days_ago: int | None = None,
             decision: str | None = None, scored_days_ago: int = 1, t: float = 50.0,
             failed: tuple[str, ...] = (), answers: dict | None = None, **selfid: object):
        k = next(_n)
        user = identity.create_user(f"m{k}@candidates.example", f"Measured {k}", {"candidate"})
        now = utcnow()
        invitation = Invitation(opening=opening, candidate=user, expires_at=now,
                                consent_at=now)
        scored = now - timedelta(days=scored_days_ago)
        attempt = Attempt(invitation=invitation, seed=k, allowed_seconds=60, started_at=scored,
                          deadline_at=scored, status="scored", scored_at=scored,
                          score=fake_score(composite, failed, t),
                          composite=None if composite is None else float(Fraction(composite)))
        for item_id, value in (answers or {}).items():
            attempt.responses.append(Response(item_id=item_id, value=value, client_seq=1))
        db.session.add_all([invitation, attempt])
        if decided_days_ago is not None:
            invitation.decision = decision or "not_progressed"
            invitation.decided_at = now - timedelta(days=decided_days_ago)
        db.session.flush()
        if selfid:
            db.session.add(SelfIdentification(invitation_id=invitation.id, **selfid))
        db.session.commit()
        return invitation

    return make
