"""Calibration: several supervisors score the same contact and compare their scores.

A participant sees the others' scores only after submitting their own (no anchoring).
Calibration scores rate the raters, not an agent: they never enter an agent's record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from statistics import mean, pstdev

from sqlalchemy import select

from app.extensions import db
from app.identity.models import User, UserRole
from app.monitoring.models import CalibrationRating, CalibrationSession
from app.monitoring.scorecards import Scorecard, answer_problems, score_answers
from app.monitoring.services import MonitoringError
from app.orm import utcnow


@dataclass(frozen=True)
class Spread:
    scores: list[tuple[str, float | None, bool]]  # rater name, score, auto-failed
    mean: float | None
    low: float | None
    high: float | None
    range: float | None
    sd: float | None
    disagreements: list[tuple[str, dict[str, int]]]  # criterion text, answer -> count


def supervisor_choices(exclude_id: int) -> list[User]:
    stmt = (select(User).join(UserRole).where(UserRole.role == "supervisor",
                                              User.disabled.is_(False), User.id != exclude_id)
            .order_by(User.name))
    return list(db.session.scalars(stmt))


def create_calibration(creator: User, title: str, card: Scorecard, contact_ref: str,
                       channel: str, contact_date: date, participant_ids: list[int]
                       ) -> CalibrationSession:
    """Open a session for the creator and the chosen supervisors."""
    if channel not in card.channels:
        raise MonitoringError(f"The scorecard “{card.title}” is not for {channel} contacts.")
    if contact_date > utcnow().date():
        raise MonitoringError("The contact date is in the future.")
    allowed = {u.id for u in supervisor_choices(creator.id)}
    unknown = set(participant_ids) - allowed
    if unknown:
        raise MonitoringError("Only active supervisors can take part in a calibration.")
    if not participant_ids:
        raise MonitoringError("Choose at least one other supervisor to calibrate with.")
    session = CalibrationSession(
        title=title.strip(), contact_ref=contact_ref.strip(), channel=channel,
        contact_date=contact_date, scorecard_id=card.id,
        scorecard=card.model_dump(mode="json"), created_by_id=creator.id,
    )
    session.ratings = [CalibrationRating(rater_id=uid)
                       for uid in [creator.id, *sorted(set(participant_ids))]]
    db.session.add(session)
    db.session.flush()
    return session


def submit_rating(session: CalibrationSession, rater: User, answers: dict[str, str]) -> None:
    """Store a participant's answers once; they cannot be changed after the spread shows."""
    rating = session.rating_of(rater.id)
    if rating is None:
        raise MonitoringError("You are not a participant of this calibration.")
    if rating.submitted_at is not None:
        raise MonitoringError("You have already scored this contact.")
    card = Scorecard.model_validate(session.scorecard)
    problems = answer_problems(card, answers)
    if problems:
        raise MonitoringError(" ".join(problems))
    result = score_answers(card, answers)
    criteria = {c.id for c in card.criteria()}
    rating.answers = {k: v for k, v in answers.items() if k in criteria}
    rating.score = result.score
    rating.auto_failed = result.auto_failed
    rating.submitted_at = utcnow()
    db.session.flush()


def spread(session: CalibrationSession) -> Spread:
    """Scores of everyone who has submitted, their spread, and where answers differ."""
    done = [r for r in session.ratings if r.submitted_at is not None]
    values = [r.score for r in done if r.score is not None]
    card = Scorecard.model_validate(session.scorecard)
    disagreements = []
    for c in card.criteria():
        counts: dict[str, int] = {}
        for r in done:
            answer = (r.answers or {}).get(c.id, "")
            counts[answer] = counts.get(answer, 0) + 1
        if len(counts) > 1:
            disagreements.append((c.text, counts))
    return Spread(
        scores=[(r.rater.name, r.score, r.auto_failed) for r in done],
        mean=round(mean(values), 1) if values else None,
        low=min(values) if values else None,
        high=max(values) if values else None,
        range=round(max(values) - min(values), 1) if values else None,
        sd=round(pstdev(values), 1) if len(values) > 1 else None,
        disagreements=disagreements,
    )
