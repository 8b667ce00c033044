"""Practice fixtures: a trainee in a trainer's cohort, and a clock the tests move."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.extensions import db
from app.identity import services as identity
from app.practice import services


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 22, 9, 0, 0)

    def __call__(self, seconds: float = 0) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def coaching(create_user, content):
    """(trainee, trainer) with the trainee in the trainer's cohort."""
    trainee = create_user("employee", name="Tia Trainee")
    trainer = create_user("trainer", name="Theo Trainer")
    cohort = identity.create_cohort("Practice cohort", trainer)
    identity.add_to_cohort(cohort, trainee)
    db.session.commit()
    return trainee, trainer


@pytest.fixture
def scripted(coaching, clock):
    """A running first-steps shift for the trainee, with all six contacts waiting."""
    trainee, _ = coaching
    shift = services.start_shift(trainee.id, "first-steps", clock(), seed=7)
    db.session.commit()
    services.sync(shift, clock(10))
    db.session.commit()
    return shift
