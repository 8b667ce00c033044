"""Monitoring fixtures: two teams with their supervisors and agents, evaluations,
and a way to put someone in a training period (real training rows when the training
slice provides them, otherwise a stand-in for `app.training.services`)."""

from __future__ import annotations

import importlib.util
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from app.extensions import db
from app.identity import services as identity
from app.identity.models import Team, User
from app.monitoring import services
from app.monitoring.models import Evaluation
from app.monitoring.scorecards import load_scorecards
from app.orm import utcnow

PHONE_ANSWERS = {
    "greeting": "yes", "purpose": "yes", "identity-check": "yes", "recording-notice": "na",
    "accurate-answer": "yes", "ownership": "partial", "hold-etiquette": "na", "empathy": "yes",
    "clarity": "yes", "summary": "no", "notes": "yes",
}


@dataclass
class World:
    sup_a: User
    sup_b: User
    team_a: Team
    team_b: Team
    agent_a: User
    agent_b: User


@pytest.fixture
def world(create_user) -> World:
    sup_a = create_user("supervisor", name="Sam Alpha")
    sup_b = create_user("supervisor", name="Sue Beta")
    team_a = identity.create_team(f"Alpha {sup_a.id}", sup_a)
    team_b = identity.create_team(f"Beta {sup_b.id}", sup_b)
    agent_a = create_user("employee", name="Ann Agent")
    agent_b = create_user("employee", name="Bob Agent")
    agent_a.team, agent_b.team = team_a, team_b
    db.session.commit()
    return World(sup_a, sup_b, team_a, team_b, agent_a, agent_b)


def evaluation_input(agent: User, **overrides: object) -> services.EvaluationInput:
    values = dict(agent_id=agent.id, scorecard=load_scorecards()["phone-contact"],
                  contact_ref="CALL-1", channel="phone",
                  contact_date=utcnow().date() - timedelta(days=2),
                  answers=dict(PHONE_ANSWERS), notes={}, comment="Good call.")
    values.update(overrides)
    return services.EvaluationInput(**values)


@pytest.fixture
def make_evaluation(app) -> Callable[..., Evaluation]:
    def make(supervisor: User, agent: User, **overrides: object) -> Evaluation:
        evaluation = services.record_evaluation(supervisor, evaluation_input(agent, **overrides))
        db.session.commit()
        return evaluation

    return make


def _real_training_period_model() -> type | None:
    if importlib.util.find_spec("app.training.models") is None:
        return None
    module = importlib.import_module("app.training.models")
    services_spec = importlib.util.find_spec("app.training.services")
    if services_spec is None or not hasattr(importlib.import_module("app.training.services"),
                                            "in_training_period"):
        return None
    return getattr(module, "TrainingPeriod", None)


@pytest.fixture
def put_in_training(app, monkeypatch):
    """put_in_training(user, start, end, reason): a training period, inclusive."""
    model = _real_training_period_model()
    fake_periods: list[tuple[int, date, date, str]] = []

    def add(user: User, start: date, end: date, reason: str = "customer-service rotation"):
        if model is not None:
            db.session.add(model(user_id=user.id, start=start, end=end, reason=reason,
                                 source="rotation"))
            db.session.commit()
            return
        fake_periods.append((user.id, start, end, reason))

    if model is None:
        @dataclass(frozen=True)
        class View:
            start: date
            end: date
            reason: str

        def in_training_period(user_id: int, day: date) -> View | None:
            for uid, start, end, reason in fake_periods:
                if uid == user_id and start <= day <= end:
                    return View(start, end, reason)
            return None

        stub = sys.modules.get("app.training.services") or types.ModuleType(
            "app.training.services")
        monkeypatch.setitem(sys.modules, "app.training.services", stub)
        monkeypatch.setattr(stub, "in_training_period", in_training_period, raising=False)
    return add
