from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.hiring import decisions, services
from app.hiring.catalog import setup_for
from app.hiring.models import Response
from app.orm import utcnow


def _first(attempt, kind):
    instrument = setup_for(attempt.invitation.opening.job_profile).instrument
    return next(i for i in instrument.items if i.kind == kind)


@pytest.mark.parametrize(
    ("base", "factor", "expected"),
    [(1500, "1", 1500), (1500, "3/2", 2250), (1500, "5/4", 1875), (1500, "2", 3000),
     (1501, "5/4", 1877), (1001, "3/2", 1502)],
)
def test_extra_time_is_exact_and_never_rounded_down(base, factor, expected):
    assert services.allowed_seconds(base, factor) == expected


def test_accommodated_attempt_gets_the_exact_deadline(invite):
    invitation, _ = invite(factor="3/2")
    services.record_consent(invitation, "I read slowly (dyslexia).")
    attempt = services.start_attempt(invitation)
    base = setup_for("contact-center-agent").instrument.time_limit_seconds
    assert attempt.allowed_seconds == services.allowed_seconds(base, "3/2")
    assert (attempt.deadline_at - attempt.started_at).total_seconds() == attempt.allowed_seconds


def test_start_needs_consent_and_happens_once(invite):
    invitation, _ = invite()
    with pytest.raises(services.HiringError, match="consent"):
        services.start_attempt(invitation)
    services.record_consent(invitation, None)
    first = services.start_attempt(invitation)
    assert services.start_attempt(invitation) is first


def test_answers_save_once_and_stale_tabs_cannot_overwrite(started):
    item = _first(started, "likert")
    assert services.save_answer(started, item.id, "4", 5)[0] is True
    assert services.save_answer(started, item.id, "2", 3)[0] is False  # older tab
    assert services.save_answer(started, item.id, "2", 5)[0] is False  # retried request
    row = db.session.scalar(select(Response).where(Response.item_id == item.id))
    assert (row.value, row.client_seq) == (4, 5)
    assert services.save_answer(started, item.id, "1", 6)[0] is True
    assert row.value == 1


@pytest.mark.parametrize(
    ("item_id", "value", "message"),
    [("not-an-item", "3", "not part of your test"), (None, "9", ""), (None, "abc", "")],
)
def test_bad_answers_are_refused_and_change_nothing(started, item_id, value, message):
    likert = _first(started, "likert")
    services.save_answer(started, likert.id, "3", 1)
    with pytest.raises(services.HiringError, match=message or None):
        services.save_answer(started, item_id or likert.id, value, 2)
    assert db.session.scalar(select(Response.value).where(Response.item_id == likert.id)) == 3


def test_unknown_sjt_option_and_bad_sequence_are_refused(started):
    sjt = _first(started, "sjt")
    with pytest.raises(services.HiringError):
        services.save_answer(started, sjt.id, "zz-not-an-option", 1)
    with pytest.raises(services.HiringError, match="sequence"):
        services.save_answer(started, sjt.id, sjt.options[0].id, "1")


def test_submit_is_idempotent_and_closes_the_attempt(started):
    item = _first(started, "likert")
    services.save_answer(started, item.id, "5", 1)
    services.submit_attempt(started)
    scored_at = started.scored_at
    assert started.status == "scored" and started.end_reason == "submitted"
    services.submit_attempt(started)
    assert started.scored_at == scored_at
    with pytest.raises(services.AttemptClosed):
        services.save_answer(started, item.id, "1", 2)


def test_time_out_submits_what_was_saved(started):
    item = _first(started, "likert")
    services.save_answer(started, item.id, "5", 1)
    started.deadline_at = utcnow() - timedelta(seconds=services.GRACE_SECONDS + 1)
    with pytest.raises(services.AttemptClosed):
        services.save_answer(started, item.id, "1", 2)
    assert started.status == "scored" and started.end_reason == "expired"
    assert started.score["answered"] == 1


def test_grace_period_accepts_in_flight_saves(started):
    item = _first(started, "likert")
    started.deadline_at = utcnow() - timedelta(seconds=services.GRACE_SECONDS - 5)
    assert services.save_answer(started, item.id, "4", 1)[0] is True
    assert services.remaining_seconds(started) == 0


def test_remaining_time_resumes_from_the_server_clock(started):
    started.deadline_at = utcnow() + timedelta(seconds=600)
    assert 598 <= services.remaining_seconds(started) <= 600


def test_item_order_is_randomized_per_candidate_and_reproducible(started, invite):
    order = [i.id for _, items in services.ordered_sections(started) for i in items]
    again = [i.id for _, items in services.ordered_sections(started) for i in items]
    other_inv, _ = invite(name="Other", email="other@example.test")
    services.record_consent(other_inv, None)
    other = services.start_attempt(other_inv)
    other.seed = started.seed + 1
    other_order = [i.id for _, items in services.ordered_sections(other) for i in items]
    assert order == again
    assert sorted(order) == sorted(other_order) and order != other_order


def test_revoked_expired_and_duplicate_invitations(invite, opening):
    invitation, _ = invite()
    with pytest.raises(services.HiringError, match="already invited"):
        services.invite_candidate(opening, "Casey", "CASEY@example.test")
    services.revoke_invitation(invitation)
    services.record_consent(invitation, None)
    with pytest.raises(services.HiringError, match="withdrawn"):
        services.start_attempt(invitation)
    late, _ = invite(name="Late", email="late@example.test")
    late.expires_at = utcnow() - timedelta(minutes=1)
    services.record_consent(late, None)
    with pytest.raises(services.HiringError, match="expired"):
        services.start_attempt(late)


def test_staff_accounts_cannot_be_invited(opening, users):
    with pytest.raises(services.HiringError, match="staff account"):
        services.invite_candidate(opening, "Eve", users["employee"].email)


def test_decisions_need_a_reason_and_hiring_makes_an_employee(started, users):
    services.submit_attempt(started)
    invitation = started.invitation
    with pytest.raises(services.HiringError, match="reason"):
        decisions.decide(invitation, users["recruiter"], "interview", "ok")
    decisions.decide(invitation, users["recruiter"], "interview", "Strong empathy, verify stress.")
    user = decisions.hire(invitation, users["recruiter"])
    assert user.roles == {"employee"} and invitation.decision == "hired"
    with pytest.raises(services.HiringError, match="final"):
        decisions.decide(invitation, users["recruiter"], "not_progressed", "Changed my mind now")
