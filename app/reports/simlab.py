"""Simulation lab: what-if runs of shipped scenarios, as background jobs.

A job stores its parameters; the task rebuilds the scenario, runs every chosen policy
on the same arrivals and stores plain results. Progress is written as it goes, so the
page can show it. With no Redis the task runs in-process (Celery eager mode)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db
from app.jobs import celery
from app.orm import utcnow
from app.reports.models import SimulationJob, count_active_jobs
from app.routing import POLICIES, Scenario, ScenarioError, compare, load_scenario

MAX_ACTIVE_JOBS = 2
MAX_REPLICATIONS = 20


class LabError(ValueError):
    """A request the lab cannot run; the message is fit to show."""


class TooManyJobs(LabError):
    """The user already has the maximum number of simulations running."""


def build_scenario(params: dict[str, Any]) -> Scenario:
    scenario = load_scenario(params["scenario"])
    counts = {k: int(v) for k, v in (params.get("agent_counts") or {}).items()}
    return scenario.with_changes(agent_counts=counts or None)


def start_job(user_id: int, params: dict[str, Any]) -> SimulationJob:
    """Validate the what-if and queue it (flushes; the caller commits, then enqueues)."""
    if count_active_jobs(user_id) >= MAX_ACTIVE_JOBS:
        raise TooManyJobs(f"You already have {MAX_ACTIVE_JOBS} simulations running. "
                          "Wait for one to finish.")
    policies = [p for p in params.get("policies", []) if p in POLICIES]
    if not policies:
        raise LabError("Choose at least one routing policy.")
    replications = int(params.get("replications", 1))
    if not 1 <= replications <= MAX_REPLICATIONS:
        raise LabError(f"Replications must be between 1 and {MAX_REPLICATIONS}.")
    if any(int(v) < 0 or int(v) > 2000 for v in (params.get("agent_counts") or {}).values()):
        raise LabError("Agent counts must be between 0 and 2000.")
    try:
        build_scenario(params)
    except ScenarioError as exc:
        raise LabError(str(exc)) from exc
    job = SimulationJob(user_id=user_id, params=params | {"policies": policies},
                        total=len(policies) * replications)
    db.session.add(job)
    db.session.flush()
    return job


@celery.task(name="reports.run_simulation", bind=True, max_retries=2)
def run_simulation(self, job_id: int) -> None:
    """Run a lab job; idempotent (a finished job is left as it is)."""
    job = db.session.get(SimulationJob, job_id)
    if job is None or job.status == "done":
        return
    job.status, job.done, job.error = "running", 0, None
    db.session.commit()

    def progress(done: int, total: int) -> None:
        job.done, job.total = done, total
        db.session.commit()

    try:
        params = job.params
        result = compare(build_scenario(params), params["policies"], int(params["seed"]),
                         int(params["replications"]), progress)
        job.result, job.status = result, "done"
    except (ScenarioError, ValueError) as exc:
        job.status, job.error = "failed", str(exc)
    except SQLAlchemyError:
        db.session.rollback()
        raise
    job.finished_at = utcnow()
    db.session.commit()


def chart_data(result: dict[str, Any]) -> dict[str, Any]:
    """Per-interval service level and queue length per policy, for the charts."""
    labels: list[str] = []
    service, queue = {}, {}
    for name, summary in result["policies"].items():
        intervals = summary.get("intervals", [])
        labels = [_clock(i["start"]) for i in intervals]
        service[name] = [_mean(i.get("service_level")) for i in intervals]
        queue[name] = [_mean(i.get("avg_queue")) for i in intervals]
    return {"labels": labels, "service": service, "queue": queue}


def _mean(value: Any) -> float | None:
    if isinstance(value, dict):
        value = value.get("mean")
    return None if value is None else float(value)


def _clock(seconds: Any) -> str:
    seconds = int(_mean(seconds) or 0)
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
