"""Demo data that makes every feature visible with live data: a second supervisor and
team, an employee in a training period today, a calibration session, pipeline rows in
every stage, and a certificate close to its expiry date. Runs after the slice demos;
idempotent (each part is skipped when its data exist); flush only."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from app.extensions import db
from app.hiring import decisions
from app.hiring import services as hiring
from app.hiring.catalog import setup_for
from app.hiring.models import Invitation, JobOpening
from app.identity import services as identity
from app.identity.models import Team, User
from app.monitoring import calibration
from app.monitoring.models import CalibrationSession
from app.monitoring.scorecards import load_scorecards
from app.orm import utcnow
from app.training import services as training
from app.training.certificates import issue_certificate
from app.training.courses import list_courses
from app.training.models import Certificate, Rotation
from app.training.planner import Assignment, Plan, monday_of
from app.training.rotations import save_plan

CALIBRATION_ANSWERS = {
    "greeting": "yes", "purpose": "yes", "identity-check": "yes", "recording-notice": "na",
    "accurate-answer": "yes", "ownership": "partial", "hold-etiquette": "na", "empathy": "yes",
    "clarity": "partial", "summary": "yes", "notes": "yes",
}


def seed(users: dict[str, User]) -> list[tuple[str, str, str]]:
    if not {"supervisor", "supervisor2", "employee", "employee2", "recruiter"} <= set(users):
        return []
    _second_team(users)
    _training_today(users["employee2"], users)
    _calibration(users["supervisor"], users["supervisor2"])
    _pipeline_states(users["recruiter"])
    _certificate_near_expiry(users["employee"])
    db.session.flush()
    return []


def _second_team(users: dict[str, User]) -> None:
    west = db.session.scalar(select(Team).where(Team.name == "Customer Care West"))
    if west is None:
        west = identity.create_team("Customer Care West", users["supervisor2"])
    if users.get("employee3") is not None:
        users["employee3"].team = west
    east = users["employee"].team
    if east is not None:
        users["employee2"].team = east


def _training_today(trainee: User, users: dict[str, User]) -> None:
    """The trainee rotates this week (host team West), so Sara sees the training gate."""
    if db.session.scalar(select(Rotation.id).where(Rotation.user_id == trainee.id)):
        return
    host = db.session.scalar(select(Team).where(Team.name == "Customer Care West"))
    start = date.today() - timedelta(days=1)
    save_plan(Plan((Assignment(trainee.id, host.id if host else None, start,
                               start + timedelta(days=4)),), (), (monday_of(start),), 1))


def _calibration(first: User, second: User) -> None:
    if db.session.scalar(select(CalibrationSession.id)):
        return
    card = load_scorecards().get("phone-contact")
    if card is None:
        return
    session = calibration.create_calibration(
        first, "Refund call with a frustrated customer", card, "CALL-20577", "phone",
        utcnow().date() - timedelta(days=2), [second.id])
    answers = {k: v for k, v in CALIBRATION_ANSWERS.items()
               if k in {c.id for c in card.criteria()}}
    calibration.submit_rating(session, second, answers)


def _invite(opening: JobOpening, name: str) -> Invitation:
    email = f"{name.split()[0].lower()}@candidates.example"
    invitation, _ = hiring.invite_candidate(opening, name, email)
    return invitation


def _pipeline_states(recruiter: User) -> None:
    """Decisions on the sample candidates and one invitation in each remaining stage."""
    opening = db.session.scalar(select(JobOpening).where(JobOpening.recruiter_id == recruiter.id))
    if opening is None or db.session.scalar(select(Invitation.id).where(
            Invitation.opening_id == opening.id, Invitation.decision.is_not(None))):
        return
    scored = [i for i in db.session.scalars(select(Invitation).where(
        Invitation.opening_id == opening.id)) if i.attempt and i.attempt.status == "scored"]
    scored.sort(key=lambda i: -(i.attempt.composite or 0))
    if len(scored) >= 3:
        decisions.decide(scored[0], recruiter, "interview",
                         "Strong service orientation; references checked.")
        decisions.hire(scored[0], recruiter)
        decisions.decide(scored[1], recruiter, "interview", "Good composite; interview next week.")
        decisions.decide(scored[-1], recruiter, "not_progressed",
                         "Below the hurdle on composure; the interview pool is full.")
    expired = _invite(opening, "Jonas Berg")
    expired.expires_at = utcnow() - timedelta(days=1)
    identity.revoke_access_tokens(expired.candidate)
    revoked = _invite(opening, "Rita Alves")
    hiring.revoke_invitation(revoked)
    waiting = _invite(opening, "Ana Kowalska")
    waiting.accommodation_request = "I use a screen reader; could I have extra time?"
    started = _invite(opening, "Sven Larsen")
    hiring.record_consent(started, None)
    attempt = hiring.start_attempt(started)
    rng = random.Random(3)
    for item in setup_for(opening.job_profile).instrument.items[:12]:
        if item.kind == "likert":
            hiring.save_answer(attempt, item.id, rng.randint(item.scale.min, item.scale.max),
                               1, 5000)


def _certificate_near_expiry(employee: User) -> None:
    """A rotation certificate from almost two years ago: it expires in three weeks, which
    is why the employee's next rotation is planned."""
    course = next(iter(list_courses("rotation")), None)
    if course is None or not course.valid_days or db.session.scalar(
            select(Certificate.id).where(Certificate.user_id == employee.id,
                                         Certificate.course_uuid == course.uuid)):
        return
    issued = date.today() - timedelta(days=course.valid_days - 21)
    enrollment = training.enroll(employee, course, issued, "First customer-service rotation")
    enrollment.status = "completed"
    enrollment.enrolled_at = utcnow() - timedelta(days=course.valid_days - 14)
    enrollment.completed_at = utcnow() - timedelta(days=course.valid_days - 21)
    issue_certificate(enrollment, course, on=issued)
