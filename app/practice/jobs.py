"""Retraining the practice scoring model as a background job (Celery; in-process without
Redis). A job row records progress and the resulting model version."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db
from app.jobs import celery
from app.orm import utcnow
from app.practice.grading import train_model
from app.practice.models import RetrainJob


class RetrainBusy(ValueError):
    """A retraining is already queued or running."""


def start_retrain(user_id: int) -> RetrainJob:
    """Queue a retraining (flushes; the caller commits, then enqueues)."""
    active = db.session.scalar(select(func.count()).select_from(RetrainJob).where(
        RetrainJob.status.in_(("queued", "running"))))
    if active:
        raise RetrainBusy("A retraining is already running. Wait for it to finish.")
    job = RetrainJob(requested_by=user_id)
    db.session.add(job)
    db.session.flush()
    return job


@celery.task(name="practice.retrain_model", bind=True, max_retries=2)
def retrain_model(self, job_id: int) -> None:
    """Train, evaluate and store a model; idempotent (a finished job is left alone)."""
    job = db.session.get(RetrainJob, job_id)
    if job is None or job.status in ("done", "failed"):
        return
    job.status, job.done = "running", 0
    db.session.commit()

    def progress(done: int) -> None:
        job.done = done
        db.session.commit()

    try:
        model = train_model(progress)
        job.model_version, job.status, job.done = model.version, "done", job.total
    except ValueError as exc:
        job.status, job.error = "failed", str(exc)
    except SQLAlchemyError:
        db.session.rollback()
        raise
    job.finished_at = utcnow()
    db.session.commit()
