"""Sweeps in the Simulation lab: every grid cell is its own Celery task.

``launch`` sends a chord: a group of ``reports.sweep_cell`` tasks (one per cell) whose
results go to ``reports.finish_sweep``. Each cell adds one to the job's ``done`` count as
it finishes (an atomic UPDATE, so parallel workers do not lose counts) and does nothing
once the job is cancelled. Without Redis the chord runs in-process (Celery eager mode);
the cells are the same pure computations either way, so the results are identical for
the same seed."""

from __future__ import annotations

from typing import Any

from celery import chord, group
from sqlalchemy import update

from app.extensions import db
from app.jobs import celery
from app.orm import utcnow
from app.reports.models import SimulationJob, count_active_jobs
from app.reports.simlab import MAX_ACTIVE_JOBS, LabError, TooManyJobs
from app.routing import POLICIES, ScenarioError, load_scenario
from app.routing.sweep import cell_scenario, cells, heat_map, run_cell

MAX_CELLS = 400
PARAMETERS = {
    "": "none",
    "shrinkage": "shrinkage (share)",
    "service_level.seconds": "service-level threshold (s)",
    "streams.0.rate_per_hour": "first stream's arrival rate (per hour)",
}


def start_sweep(user_id: int, params: dict[str, Any]) -> SimulationJob:
    """Validate a sweep and store its job (flushes; the caller commits, then launches)."""
    if count_active_jobs(user_id) >= MAX_ACTIVE_JOBS:
        raise TooManyJobs(f"You already have {MAX_ACTIVE_JOBS} simulations running. "
                          "Wait for one to finish.")
    policies = [p for p in params.get("policies", []) if p in POLICIES]
    if not policies:
        raise LabError("Choose at least one routing policy.")
    agents = params.get("agents") or []
    if not agents or any(not 1 <= a <= 2000 for a in agents):
        raise LabError("Agent totals must be between 1 and 2000.")
    parameter = params.get("parameter") or None
    if parameter not in (None, *PARAMETERS):
        raise LabError("Unknown parameter to sweep.")
    values = params.get("values") or []
    if parameter and not values:
        raise LabError("Give the values of the parameter to sweep.")
    grid = cells(agents, policies, parameter, values)
    if len(grid) > MAX_CELLS:
        raise LabError(f"At most {MAX_CELLS} cells per sweep (this one has {len(grid)}).")
    try:
        scenario = load_scenario(params["scenario"])
        data = scenario.to_dict()
        for cell in {(c["parameter"], c["value"]): c for c in grid}.values():
            cell_scenario(data, cell)
    except ScenarioError as exc:
        raise LabError(str(exc)) from exc
    job = SimulationJob(user_id=user_id, total=len(grid),
                        params=params | {"kind": "sweep", "policies": policies,
                                         "parameter": parameter, "cells": grid,
                                         "scenario_data": data})
    db.session.add(job)
    db.session.flush()
    return job


@celery.task(name="reports.sweep_cell")
def sweep_cell(scenario_data: dict[str, Any], cell: dict[str, Any], seed: int,
               replications: int, job_id: int | None = None) -> dict[str, Any] | None:
    """One grid cell; with ``job_id``, skipped when the job was cancelled and counted."""
    if job_id is not None:
        status = db.session.scalar(db.select(SimulationJob.status).where(
            SimulationJob.id == job_id))
        if status in (None, "cancelled"):
            return None
    result = run_cell(scenario_data, cell, seed, replications)
    if job_id is not None:
        db.session.execute(update(SimulationJob).where(SimulationJob.id == job_id).values(
            done=SimulationJob.done + 1, status="running"))
        db.session.commit()
    return result


@celery.task(name="reports.finish_sweep")
def finish_sweep(results: list[dict[str, Any] | None], job_id: int) -> None:
    """Store the sweep's cells and heat map (a cancelled job keeps what it has)."""
    job = db.session.get(SimulationJob, job_id)
    if job is None:
        return
    db.session.refresh(job)
    found = sorted((r for r in results if r is not None), key=lambda r: r["index"])
    job.result = {"cells": found, "heat_map": heat_map(found) if found else None}
    if job.status != "cancelled":
        job.status = "done"
    job.finished_at = utcnow()
    db.session.commit()


def signature(job: SimulationJob) -> chord:
    """The chord of one sweep job: its cells, then ``finish_sweep``."""
    p = job.params
    header = group(sweep_cell.s(p["scenario_data"], cell, int(p["seed"]),
                                int(p["replications"]), job.id) for cell in p["cells"])
    return chord(header, finish_sweep.s(job.id))


@celery.task(name="reports.run_sweep")
def run_sweep(job_id: int) -> None:
    """Send the chord of a sweep job (runs it in-process when Celery is eager)."""
    job = db.session.get(SimulationJob, job_id)
    if job is None or job.status in ("done", "cancelled"):
        return
    job.status = "running"
    db.session.commit()
    signature(job).apply_async()


def cancel(job: SimulationJob) -> None:
    """Stop a sweep: cells not yet started do nothing (the caller commits)."""
    if job.status in ("queued", "running"):
        job.status = "cancelled"
        job.finished_at = utcnow()
