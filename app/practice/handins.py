"""Hand-ins: a learner hands in text and an optional file for a course's hand-in
activity; the trainer of their cohort writes feedback and completes it. Completing
announces `handin.completed`, on which the training slice marks the step done.

Services add and flush; the view commits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.events import emit
from app.extensions import db
from app.identity.models import Cohort, CohortMember, User
from app.orm import transition, utcnow
from app.practice.coaching_models import HandIn, HandInFile, get_handin, select_handins_of
from app.practice.models import coaches, select_learner_ids
from app.practice.uploads import UploadError, check_file
from app.training.courses import CourseView, StepView, get_course
from app.training.models import Enrollment

MAX_TEXT = 20000
MAX_FEEDBACK = 5000


class HandInError(ValueError):
    """Bad input or a hand-in that cannot change; the message is fit to show."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class HandInStep:
    """A hand-in step of one enrollment, with what was handed in so far (or None)."""

    enrollment: Enrollment
    course: CourseView
    step: StepView
    activity: dict[str, Any]
    hand_in: HandIn | None


def handin_step(enrollment: Enrollment, key: str) -> HandInStep | None:
    """The hand-in step `key` of the enrollment's course, or None when it is not one."""
    course = get_course(enrollment.course_uuid)
    step = course.step(key) if course else None
    if step is None or not step.hand_in:
        return None
    return HandInStep(enrollment, course, step, course.activity(step.ref),
                      get_handin(enrollment.id, key))


def has_trainer(learner_id: int) -> bool:
    """Whether a trainer leads a cohort the learner belongs to (someone will read it)."""
    return db.session.scalar(
        select(CohortMember.user_id).join(Cohort, Cohort.id == CohortMember.cohort_id)
        .where(CohortMember.user_id == learner_id, Cohort.trainer_id.is_not(None)).limit(1)
    ) is not None


def submit(item: HandInStep, text: str, upload: tuple[str, bytes] | None) -> HandIn:
    """Save (or revise) the learner's hand-in. Nothing changes when the text or the
    file is refused, so what was saved before stays as it was."""
    text = (text or "").strip()
    if item.hand_in is not None and item.hand_in.completed:
        raise HandInError("This hand-in is completed; it can no longer be changed.", 409)
    if len(text) > MAX_TEXT:
        raise HandInError(f"text: at most {MAX_TEXT} characters (this has {len(text)}).")
    try:
        checked = check_file(*upload) if upload else None
    except UploadError as exc:
        raise HandInError(str(exc), exc.status) from exc
    has_file = checked is not None or (item.hand_in is not None and item.hand_in.file)
    if not text and not has_file:
        raise HandInError("text: write your hand-in, attach a file, or both.")
    row = item.hand_in
    if row is None:
        row = HandIn(learner_id=item.enrollment.user_id, enrollment_id=item.enrollment.id,
                     course_uuid=item.course.uuid, step_key=item.step.key)
        db.session.add(row)
    row.text, row.status, row.submitted_at = text, "submitted", utcnow()
    if checked is not None:
        if row.file is not None:
            db.session.delete(row.file)
            db.session.flush()
        row.file = HandInFile(filename=checked.filename, media_type=checked.media_type,
                              size=len(checked.data), data=checked.data)
    db.session.flush()
    return row


def give_feedback(trainer: User, hand_in: HandIn, feedback: str, complete: bool) -> bool:
    """Store the trainer's feedback; with `complete`, finish the hand-in once and announce
    it. True when this call completed it."""
    if not coaches(trainer.id, hand_in.learner_id):
        raise HandInError("You coach only the learners of your own cohorts.", 403)
    feedback = (feedback or "").strip()
    if not feedback:
        raise HandInError("feedback: write your feedback for the learner first.")
    if len(feedback) > MAX_FEEDBACK:
        raise HandInError(f"feedback: at most {MAX_FEEDBACK} characters.")
    if hand_in.completed:
        raise HandInError("This hand-in is already completed.", 409)
    state = "completed" if complete else "feedback"
    now = utcnow()
    won = transition(db.session, hand_in, {"status": hand_in.status}, status=state,
                     feedback=feedback, trainer_id=trainer.id, feedback_at=now,
                     completed_at=now if complete else None)
    if not won:
        raise HandInError("The learner changed this hand-in just now; read it again.", 409)
    if complete:
        emit("handin.completed", {"user_id": hand_in.learner_id,
                                  "enrollment_id": hand_in.enrollment_id,
                                  "step_key": hand_in.step_key, "trainer_id": trainer.id})
    return complete


def step_title(hand_in: HandIn) -> str:
    course = get_course(hand_in.course_uuid)
    step = course.step(hand_in.step_key) if course else None
    return step.title if step else hand_in.step_key


def for_trainer(trainer_id: int) -> list[dict[str, Any]]:
    """Hand-ins of the trainer's learners, each with its learner and step title."""
    learner_ids = list(db.session.scalars(select_learner_ids(trainer_id)))  # other bind
    rows = db.session.scalars(select_handins_of(learner_ids)).all()
    names = dict(db.session.execute(
        select(User.id, User.name).where(User.id.in_({r.learner_id for r in rows}))).all())
    return [{"hand_in": r, "learner": names.get(r.learner_id, "?"), "title": step_title(r)}
            for r in rows]


def user_name(user_id: int | None) -> str:
    user = db.session.get(User, user_id) if user_id else None
    return user.name if user else "your trainer"
