"""The event hub: an event exists iff its change committed, and is dispatched once."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import events
from app.events import OutboxEvent
from app.extensions import db
from app.hiring import decisions
from app.hiring import services as hiring
from app.training.models import Enrollment
from app.webhooks import services as webhooks
from app.webhooks.models import WebhookDelivery


@pytest.fixture
def seen(app):
    """A subscriber that records what it gets (and can be told to fail)."""
    got: list[events.Event] = []
    state = {"fail": False}

    def handler(event: events.Event) -> None:
        if state["fail"]:
            raise RuntimeError("subscriber down")
        got.append(event)

    events.subscribe(app, "employee.created", handler)
    yield got, state
    app.extensions["event_handlers"]["employee.created"].remove(handler)


def _events(name: str) -> list[OutboxEvent]:
    return list(db.session.scalars(select(OutboxEvent).where(OutboxEvent.name == name)))


def test_an_event_is_dispatched_after_commit_and_never_on_rollback(seen):
    got, _ = seen
    events.emit("employee.created", {"user_id": 1})
    assert got == []  # not before the commit
    db.session.rollback()
    assert got == [] and _events("employee.created") == []
    row = events.emit("employee.created", {"user_id": 2})
    db.session.commit()
    assert [e.payload for e in got] == [{"user_id": 2}] and got[0].id == row.uuid
    assert db.session.get(OutboxEvent, row.id).dispatched_at is not None


def test_a_second_dispatcher_finds_nothing_to_do(seen):
    got, _ = seen
    row = events.emit("employee.created", {"user_id": 3})
    db.session.commit()
    assert events.dispatch(row.id) is False
    assert events.dispatch_stale(timedelta(0)) == 0
    assert len(got) == 1


def test_a_failing_subscriber_leaves_the_event_for_the_timer_with_nothing_half_done(seen):
    got, state = seen
    state["fail"] = True
    row = events.emit("employee.created", {"user_id": 4})
    db.session.commit()
    stored = db.session.get(OutboxEvent, row.id)
    assert stored.dispatched_at is None and "subscriber down" in stored.last_error
    state["fail"] = False
    assert events.dispatch_stale(timedelta(seconds=60)) == 0  # not stale yet
    assert events.dispatch_stale(timedelta(0)) == 1
    assert events.dispatch_stale(timedelta(0)) == 0
    assert [e.id for e in got] == [row.uuid]


def test_an_event_committed_by_a_process_that_died_before_dispatch_leaves_later(seen):
    got, _ = seen
    row = events.emit("employee.created", {"user_id": 5})
    db.session.info.pop("events_emitted")  # as if the process died right after commit
    db.session.commit()
    assert got == []
    assert events.dispatch_stale(timedelta(0)) == 1
    assert [e.id for e in got] == [row.uuid]


def test_unknown_event_names_are_refused(app):
    with pytest.raises(ValueError, match="unknown event"):
        events.emit("attempt.scord", {})
    with pytest.raises(ValueError, match="unknown event"):
        events.subscribe(app, "nope", lambda e: None)


def test_scoring_reaches_webhooks_once_with_the_event_id(users, opening, started):
    webhooks.subscribe(users["recruiter"].id, "recruiter", "https://ats.test/h",
                       ["attempt.scored"])
    db.session.commit()
    hiring.submit_attempt(started)
    assert db.session.scalar(select(func.count(WebhookDelivery.id))) == 0  # before commit
    db.session.commit()
    deliveries = list(db.session.scalars(select(WebhookDelivery)))
    (event,) = _events("attempt.scored")
    assert len(deliveries) == 1 and json.loads(deliveries[0].body)["id"] == event.uuid
    assert events.dispatch(event.id) is False
    assert db.session.scalar(select(func.count(WebhookDelivery.id))) == 1


def test_hiring_enrolls_through_the_event(users, started):
    hiring.submit_attempt(started)
    invitation = started.invitation
    decisions.decide(invitation, users["recruiter"], "interview", "Calm and clear on the phone.")
    user = decisions.hire(invitation, users["recruiter"])
    assert db.session.scalar(select(func.count(Enrollment.id))
                             .where(Enrollment.user_id == user.id)) == 0
    db.session.commit()
    assert db.session.scalar(select(func.count(Enrollment.id))
                             .where(Enrollment.user_id == user.id)) >= 1
    assert len(_events("candidate.hired")) == 1 and len(_events("decision.confirmed")) == 1
