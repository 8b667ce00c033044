"""The only place monitoring touches training, and it learns exactly two things:

- whether an employee is in a training period on a day (and its dates), and
- training *completion* per course: done / due / overdue, with dates.

Whatever richer objects training returns, only these fields are copied across, so no
score, attempt, timing or transcript can reach a supervisor through this door. Until
the training slice provides `app.training.services.in_training_period` and
`completion_status_for`, monitoring sees no training period and no completion.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

COMPLETION_STATUSES = ("done", "due", "overdue")


@dataclass(frozen=True)
class TrainingPeriod:
    start: date
    end: date  # inclusive
    reason: str


@dataclass(frozen=True)
class Completion:
    course_title: str
    status: str  # done | due | overdue
    due_date: date | None
    completed_on: date | None


def training_period(user_id: int, day: date) -> TrainingPeriod | None:
    """The training period covering `day` for this employee, if any."""
    try:
        from app.training.services import in_training_period
    except ImportError:
        return None
    found = in_training_period(user_id, day)
    if found is None:
        return None
    return TrainingPeriod(start=found.start, end=found.end, reason=str(found.reason))


def training_completion(user_ids: list[int]) -> dict[int, list[Completion]]:
    """Completion status per course for each employee (empty list when none)."""
    result: dict[int, list[Completion]] = {uid: [] for uid in user_ids}
    if not user_ids:
        return result
    try:
        from app.training.services import completion_status_for
    except ImportError:
        return result
    for uid, rows in completion_status_for(list(user_ids)).items():
        if uid not in result:
            continue
        result[uid] = [
            Completion(
                course_title=str(row.course_title),
                status=row.status,
                due_date=row.due_date,
                completed_on=row.completed_on if row.status == "done" else None,
            )
            for row in rows
            if row.status in COMPLETION_STATUSES
        ]
    return result
