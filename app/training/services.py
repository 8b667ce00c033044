"""Training rules: enrollment, progress, knowledge checks and course completion.

Services add and flush; the caller (a view or a CLI command) commits once.
The interface other slices call is re-exported here: `enroll_new_hire`,
`training_periods_for`, `in_training_period`, `completion_status_for`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select

from app.events import Event, emit
from app.extensions import db
from app.identity.models import Cohort, User, select_cohort_members
from app.orm import transition, utcnow
from app.training import xapi
from app.training.certificates import issue_certificate
from app.training.courses import CourseView, StepView, get_course, list_courses
from app.training.models import (
    CheckAttempt,
    Enrollment,
    StepProgress,
    TrainingPeriod,
    select_attempts,
    select_enrollments,
)
from app.training.status import (
    CompletionView,
    TrainingPeriodView,
    completion_status_for,
    in_training_period,
    training_periods_for,
)

__all__ = [
    "CompletionView",
    "TrainingError",
    "TrainingPeriodView",
    "completion_status_for",
    "enroll",
    "enroll_cohort",
    "enroll_new_hire",
    "in_training_period",
    "training_periods_for",
]


class TrainingError(ValueError):
    """A rule was broken; the message is fit to show the user."""


@dataclass(frozen=True)
class StepState:
    step: StepView
    done: bool
    current: bool


@dataclass(frozen=True)
class LearnerCourse:
    enrollment: Enrollment
    course: CourseView
    done: int
    total: int
    next_step: StepView | None

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


@dataclass(frozen=True)
class QuestionFeedback:
    question_id: str
    prompt: str
    correct: bool
    chosen: list[dict]


@dataclass(frozen=True)
class CheckResult:
    attempt: CheckAttempt
    score: float
    passed: bool
    pass_mark: float
    feedback: list[QuestionFeedback]
    course_completed: bool


# --- enrollment ----------------------------------------------------------------------


def _current_enrollment(user_id: int, course_uuid: str) -> Enrollment | None:
    return db.session.scalars(
        select_enrollments(user_id, course_uuid).order_by(None).order_by(Enrollment.id.desc())
    ).first()


def enroll(
    user: User,
    course: CourseView,
    due_date: date | None = None,
    due_reason: str | None = None,
    by: User | None = None,
) -> Enrollment:
    """Enroll `user` (idempotent: an existing enrollment is returned, its due date kept
    unless a new one is given)."""
    if user.disabled:
        raise TrainingError(f"{user.email} is disabled and cannot be enrolled.")
    existing = _current_enrollment(user.id, course.uuid)
    if existing is not None:
        if due_date is not None and not existing.is_completed:
            existing.due_date, existing.due_reason = due_date, due_reason
        return existing
    enrollment = Enrollment(
        user_id=user.id, course_uuid=course.uuid, due_date=due_date, due_reason=due_reason,
        enrolled_by_id=by.id if by else None, status="active",
    )
    db.session.add(enrollment)
    db.session.flush()
    return enrollment


def on_candidate_hired(event: Event) -> None:
    """Enroll a hire in onboarding when hiring's `candidate.hired` event is dispatched."""
    user = db.session.get(User, event.payload["user_id"])
    if user is not None:
        enroll_new_hire(user)


def enroll_new_hire(user: User) -> list[Enrollment]:
    """Called by hiring when a candidate is hired: enroll in every onboarding course and
    open an onboarding training period starting today."""
    days = int(current_app.config.get("TRAINING_ONBOARDING_DAYS", 10))
    today = date.today()
    enrollments = [
        enroll(user, course, today + timedelta(days=days - 1), "Onboarding")
        for course in list_courses("onboarding")
    ]
    has_period = db.session.scalar(
        select(TrainingPeriod.id).where(
            TrainingPeriod.user_id == user.id, TrainingPeriod.source == "onboarding"
        )
    )
    if enrollments and not has_period:
        db.session.add(TrainingPeriod(
            user_id=user.id, start=today, end=today + timedelta(days=days - 1),
            reason="Onboarding", source="onboarding",
        ))
    db.session.flush()
    return enrollments


def enroll_cohort(
    cohort: Cohort, course: CourseView, due_date: date | None, due_reason: str | None, by: User
) -> list[Enrollment]:
    """Enroll every member of `cohort`; returns the enrollments (new or existing)."""
    members = db.session.scalars(select_cohort_members(cohort.id)).all()
    if not members:
        raise TrainingError(f"The cohort {cohort.name} has no learners yet.")
    return [enroll(m, course, due_date, due_reason, by) for m in members if not m.disabled]


def require_course(course_uuid: str) -> CourseView:
    course = get_course(course_uuid)
    if course is None:
        raise TrainingError("That course does not exist (any more).")
    return course


# --- progress ------------------------------------------------------------------------


def _progress(enrollment: Enrollment) -> dict[str, StepProgress]:
    return {p.step_key: p for p in enrollment.progress}


def done_keys(enrollment: Enrollment) -> set[str]:
    return {k for k, p in _progress(enrollment).items() if p.done_at is not None}


def resume_step(enrollment: Enrollment, course: CourseView) -> StepView | None:
    """Where to continue: the step last opened if unfinished, else the first unfinished."""
    done = done_keys(enrollment)
    open_rows = sorted(
        (p for p in enrollment.progress if p.done_at is None and course.step(p.step_key)),
        key=lambda p: p.last_seen_at, reverse=True,
    )
    if open_rows:
        return course.step(open_rows[0].step_key)
    return next((s for s in course.steps if s.key not in done), None)


def learner_courses(user: User) -> list[LearnerCourse]:
    out = []
    for enrollment in db.session.scalars(select_enrollments(user.id)):
        course = get_course(enrollment.course_uuid)
        if course is None:
            continue
        done = done_keys(enrollment) & {s.key for s in course.steps}
        out.append(LearnerCourse(
            enrollment, course, len(done), len(course.steps), resume_step(enrollment, course)
        ))
    return out


def step_states(enrollment: Enrollment, course: CourseView, current: str | None) -> list[StepState]:
    done = done_keys(enrollment)
    return [StepState(s, s.key in done, s.key == current) for s in course.steps]


def open_step(user: User, enrollment: Enrollment, course: CourseView, key: str) -> StepView:
    """Record that the learner opened a step (for resume) and say "launched" once."""
    step = course.step(key)
    if step is None:
        raise TrainingError("That step is not part of this course.")
    row = _progress(enrollment).get(key)
    if row is None:
        if not enrollment.progress:
            xapi.record_statement(user, "launched", course.uuid, course.title)
        row = StepProgress(enrollment=enrollment, step_key=key)
        db.session.add(row)
        xapi.record_statement(user, "launched", f"{course.uuid}/{key}", step.title)
    row.last_seen_at = utcnow()
    db.session.flush()
    return step


def next_step_after(enrollment: Enrollment, course: CourseView, key: str) -> StepView | None:
    done = done_keys(enrollment)
    keys = [s.key for s in course.steps]
    later = course.steps[keys.index(key) + 1:] + course.steps[: keys.index(key)]
    return next((s for s in later if s.key not in done), None)


def _mark_done(user: User, enrollment: Enrollment, course: CourseView, key: str) -> bool:
    row = _progress(enrollment).get(key)
    if row is None:
        row = StepProgress(enrollment=enrollment, step_key=key)
        db.session.add(row)
    now = utcnow()
    row.last_seen_at = now
    if row.done_at is None:
        row.done_at = now
        step = course.step(key)
        if step is not None and step.kind != "check":
            xapi.record_statement(
                user, "completed", f"{course.uuid}/{key}", step.title,
                private=step.kind == "roleplay",
            )
    db.session.flush()
    return _maybe_complete(user, enrollment, course)


def complete_step(user: User, enrollment: Enrollment, course: CourseView, key: str) -> bool:
    """Mark a lesson, activity or practice step done; True when the course is now complete.
    A knowledge check is completed only by passing it."""
    step = course.step(key)
    if step is None:
        raise TrainingError("That step is not part of this course.")
    if step.kind == "check":
        raise TrainingError("A knowledge check is completed by passing it.")
    if step.hand_in:
        raise TrainingError("A hand-in is completed by your trainer once they have read it.")
    return _mark_done(user, enrollment, course, key)


def on_handin_completed(event: Event) -> None:
    """A trainer completed a learner's hand-in (announced by practice): mark its step done."""
    enrollment = db.session.get(Enrollment, event.payload["enrollment_id"])
    user = db.session.get(User, event.payload["user_id"])
    if enrollment is None or user is None or enrollment.user_id != user.id:
        return
    course = get_course(enrollment.course_uuid)
    step = course.step(event.payload["step_key"]) if course else None
    if step is not None and step.hand_in:
        _mark_done(user, enrollment, course, step.key)


def _maybe_complete(user: User, enrollment: Enrollment, course: CourseView) -> bool:
    if enrollment.is_completed:
        return False
    if not {s.key for s in course.steps} <= done_keys(enrollment):
        return False
    if not transition(db.session, enrollment, {"status": enrollment.status},
                      status="completed", completed_at=utcnow()):
        return False  # another request completed it (and issued the certificate) just now
    issue_certificate(enrollment, course)
    xapi.record_statement(user, "completed", course.uuid, course.title,
                          result={"completion": True})
    emit("training.completed", {"user_id": user.id, "course_uuid": course.uuid,
                                "course_title": course.title,
                                "completed_at": enrollment.completed_at.isoformat()})
    db.session.flush()
    return True


# --- knowledge checks ----------------------------------------------------------------


def submit_check(
    user: User, enrollment: Enrollment, course: CourseView, check_id: str,
    answers: dict[str, list[str]],
) -> CheckResult:
    """Grade a knowledge check: immediate feedback per question, explained; retry is free.
    Raises TrainingError (nothing saved) when a question is unanswered or unknown."""
    key = f"check:{check_id}"
    if course.step(key) is None:
        raise TrainingError("That knowledge check is not part of this course.")
    check = course.check(check_id)
    feedback, correct_count, clean = [], 0, {}
    for q in check["questions"]:
        chosen_ids = answers.get(q["id"]) or []
        valid = {o["id"] for o in q["options"]}
        if not chosen_ids:
            raise TrainingError(f"Please answer every question (missing: “{q['prompt']}”).")
        if not set(chosen_ids) <= valid or (not q.get("multiple") and len(chosen_ids) != 1):
            raise TrainingError(f"That answer is not one of the options for “{q['prompt']}”.")
        right = set(chosen_ids) == {o["id"] for o in q["options"] if o["correct"]}
        correct_count += right
        clean[q["id"]] = sorted(chosen_ids)
        chosen = [o for o in q["options"] if o["id"] in chosen_ids]
        feedback.append(QuestionFeedback(q["id"], q["prompt"], right, chosen))
        xapi.record_statement(user, "answered", f"{course.uuid}/{key}/{q['id']}", q["prompt"],
                              result={"success": right, "response": ",".join(clean[q["id"]])})
    score = correct_count / len(check["questions"])
    passed = score >= float(check["pass_mark"])
    attempt = CheckAttempt(enrollment_id=enrollment.id, check_id=check_id, answers=clean,
                           score=score, passed=passed)
    db.session.add(attempt)
    open_step(user, enrollment, course, key)
    xapi.record_statement(user, "passed" if passed else "failed", f"{course.uuid}/{key}",
                          check["title"], result={"success": passed, "score": {"scaled": score}})
    completed = _mark_done(user, enrollment, course, key) if passed else False
    db.session.flush()
    return CheckResult(attempt, score, passed, float(check["pass_mark"]), feedback, completed)


def last_attempt(enrollment: Enrollment, check_id: str) -> CheckAttempt | None:
    return db.session.scalars(select_attempts(enrollment.id, check_id)).first()
