"""Live evaluation rules. Services add and flush; the view or CLI commits.

Training is consulted only through `app.monitoring.training_gate`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from app.extensions import db
from app.identity.models import Team, User
from app.monitoring import training_gate
from app.monitoring.models import (
    AgentDayMetric,
    Evaluation,
    select_supervised_teams,
    select_team_agents,
)
from app.monitoring.scorecards import Scorecard, answer_problems, score_answers
from app.orm import transition, utcnow

OUTCOME_WINDOW_DAYS = 90


class MonitoringError(ValueError):
    """A rule was broken; the message is fit to show the user."""


class TrainingPeriodBlock(MonitoringError):
    def __init__(self, agent_name: str, period: training_gate.TrainingPeriod) -> None:
        self.period = period
        super().__init__(training_block_message(agent_name, period))


def training_block_message(agent_name: str, period: training_gate.TrainingPeriod) -> str:
    return (
        f"{agent_name} is in a training period ({period.reason}) from "
        f"{period.start:%d %b %Y} to {period.end:%d %b %Y}, both days included. Training is a "
        "safe place to fail, so no live evaluation can be recorded for a contact in that "
        "period or while it lasts."
    )


@dataclass(frozen=True)
class EvaluationInput:
    agent_id: int
    scorecard: Scorecard
    contact_ref: str
    channel: str
    contact_date: date
    answers: dict[str, str]
    notes: dict[str, str]
    comment: str


@dataclass(frozen=True)
class OutcomeView:
    user_id: int
    start_date: date
    qa_mean: float | None  # mean live QA score (0-100) in the window
    qa_count: int
    fcr_mean: float | None  # mean daily first-contact resolution, percent
    still_employed: bool


def team_agents(supervisor: User) -> list[User]:
    """Every active member of the teams this supervisor leads (not the supervisor)."""
    teams = db.session.scalars(select_supervised_teams(supervisor.id)).all()
    agents = [a for t in teams for a in db.session.scalars(select_team_agents(t.id))]
    return [a for a in agents if a.id != supervisor.id and a.has_role("employee")]


def agent_for(supervisor: User, agent_id: int) -> User | None:
    """The agent if they belong to one of this supervisor's teams, else None."""
    return next((a for a in team_agents(supervisor) if a.id == agent_id), None)


def block_for(agent: User, contact_date: date) -> training_gate.TrainingPeriod | None:
    """The training period that forbids evaluating this contact now, if any."""
    today = utcnow().date()
    for day in dict.fromkeys((contact_date, today)):
        period = training_gate.training_period(agent.id, day)
        if period is not None:
            return period
    return None


def record_evaluation(supervisor: User, data: EvaluationInput) -> Evaluation:
    """Record a live evaluation of an agent in the supervisor's own team."""
    agent = agent_for(supervisor, data.agent_id)
    if agent is None:
        raise MonitoringError("You can evaluate only agents of a team you supervise.")
    if data.contact_date > utcnow().date():
        raise MonitoringError("The contact date is in the future.")
    if data.channel not in data.scorecard.channels:
        raise MonitoringError(
            f"The scorecard “{data.scorecard.title}” is not for {data.channel} contacts."
        )
    period = block_for(agent, data.contact_date)
    if period is not None:
        raise TrainingPeriodBlock(agent.name, period)
    problems = answer_problems(data.scorecard, data.answers)
    if problems:
        raise MonitoringError(" ".join(problems))
    result = score_answers(data.scorecard, data.answers)
    criteria = {c.id for c in data.scorecard.criteria()}
    evaluation = Evaluation(
        agent_id=agent.id,
        evaluator_id=supervisor.id,
        team_id=agent.team_id,
        contact_ref=data.contact_ref.strip(),
        channel=data.channel,
        contact_date=data.contact_date,
        scorecard_id=data.scorecard.id,
        scorecard=data.scorecard.model_dump(mode="json"),
        answers={k: v for k, v in data.answers.items() if k in criteria},
        notes={k: v.strip() for k, v in data.notes.items() if k in criteria and v.strip()},
        comment=data.comment.strip(),
        score=result.score,
        auto_failed=result.auto_failed,
        section_scores=result.section_scores,
    )
    db.session.add(evaluation)
    db.session.flush()
    return evaluation


def acknowledge(evaluation: Evaluation, agent: User, note: str = "") -> None:
    """The agent confirms they have read the evaluation."""
    _check_reply(evaluation, agent)
    _reply(evaluation, "acknowledged", note.strip())


def dispute(evaluation: Evaluation, agent: User, reason: str) -> None:
    """The agent disputes the evaluation, saying why."""
    _check_reply(evaluation, agent)
    if len(reason.strip()) < 10:
        raise MonitoringError("Please explain the dispute in at least 10 characters.")
    _reply(evaluation, "disputed", reason.strip())


def resolve_dispute(evaluation: Evaluation, supervisor: User, resolution: str) -> None:
    """The team's supervisor answers a dispute."""
    if evaluation.status != "disputed":
        raise MonitoringError("Only a disputed evaluation can be resolved.")
    if not evaluation.visible_to(supervisor) or supervisor.id == evaluation.agent_id:
        raise MonitoringError("Only the team's supervisor can resolve this dispute.")
    if len(resolution.strip()) < 10:
        raise MonitoringError("Please write a resolution of at least 10 characters.")
    if not transition(db.session, evaluation, {"status": "disputed"}, status="resolved",
                      resolution=resolution.strip(), resolved_at=utcnow()):
        raise MonitoringError(f"This evaluation was already {evaluation.status}.")


def _reply(evaluation: Evaluation, status: str, text: str) -> None:
    """The agent's one reply: of an acknowledge and a dispute racing, one is kept."""
    if not transition(db.session, evaluation, {"status": "recorded"},
                      status=status, agent_reply=text, replied_at=utcnow()):
        raise MonitoringError(f"This evaluation was already {evaluation.status}.")


def _check_reply(evaluation: Evaluation, agent: User) -> None:
    if evaluation.agent_id != agent.id:
        raise MonitoringError("Only the agent evaluated can reply to an evaluation.")
    if evaluation.status != "recorded":
        raise MonitoringError(f"This evaluation was already {evaluation.status}.")


def qa_means(agent_ids: list[int], start: date, end: date) -> dict[int, tuple[float, int]]:
    """(mean score, number of evaluations) per agent with contacts in [start, end]."""
    if not agent_ids:
        return {}
    rows = db.session.execute(
        select(Evaluation.agent_id, func.avg(Evaluation.score), func.count(Evaluation.id))
        .where(Evaluation.agent_id.in_(agent_ids), Evaluation.score.is_not(None),
               Evaluation.contact_date.between(start, end))
        .group_by(Evaluation.agent_id)
    ).all()
    return {uid: (round(float(mean), 1), int(n)) for uid, mean, n in rows}


def team_overview(supervisor: User) -> list[dict[str, Any]]:
    """One block per team: agents with 30-day QA mean, a training-completion badge and
    the training period they are in today (no live evaluation then)."""
    teams = db.session.scalars(select_supervised_teams(supervisor.id)).all()
    agents = team_agents(supervisor)
    today = utcnow().date()
    means = qa_means([a.id for a in agents], today - timedelta(days=30), today)
    completion = training_gate.training_completion([a.id for a in agents])
    out = []
    for team in teams:
        rows = [
            {"agent": a, "qa": means.get(a.id), "training": completion_badge(completion[a.id]),
             "period": training_gate.training_period(a.id, today)}
            for a in agents if a.team_id == team.id
        ]
        out.append({"team": team, "rows": rows})
    return out


def completion_badge(rows: list[training_gate.Completion]) -> str | None:
    """One word for a list of course completions: overdue, due, done, or None."""
    statuses = {r.status for r in rows}
    for status in ("overdue", "due", "done"):
        if status in statuses:
            return status
    return None


def visible_team(user: User, team_id: int) -> Team | None:
    team = db.session.get(Team, team_id)
    return team if team is not None and team.supervisor_id == user.id else None


def hiring_outcomes(
    user_ids: list[int], start_dates: dict[int, date] | None = None
) -> dict[int, OutcomeView]:
    """90-day live outcomes per employee for the predictive-validity analysis.

    The window is [start, start + 90 days) where start is `start_dates[uid]` or, when not
    given, the day the account was created. Consent is decided by the caller. Unknown
    user ids are left out.
    """
    users = db.session.scalars(select(User).where(User.id.in_(list(user_ids)))).all()
    result: dict[int, OutcomeView] = {}
    for user in users:
        start = (start_dates or {}).get(user.id) or user.created_at.date()
        end = start + timedelta(days=OUTCOME_WINDOW_DAYS - 1)
        qa = qa_means([user.id], start, end).get(user.id)
        fcr = db.session.scalar(
            select(func.avg(AgentDayMetric.fcr_pct)).where(
                AgentDayMetric.user_id == user.id, AgentDayMetric.day.between(start, end),
                AgentDayMetric.fcr_pct.is_not(None))
        )
        result[user.id] = OutcomeView(
            user_id=user.id,
            start_date=start,
            qa_mean=qa[0] if qa else None,
            qa_count=qa[1] if qa else 0,
            fcr_mean=round(float(fcr), 1) if fcr is not None else None,
            still_employed=not user.disabled,
        )
    return result
