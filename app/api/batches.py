"""PDF report batches: every finished candidate of an opening, rendered on the job
worker into one ZIP. At most MAX_ACTIVE_BATCHES per user run at once (429 beyond)."""

from __future__ import annotations

import io
import zipfile

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from app.api.errors import ApiError
from app.api.models import ReportBatch, count_active_batches
from app.extensions import db
from app.hiring.models import Attempt, Invitation, JobOpening
from app.hiring.report import render_candidate_pdf
from app.jobs import celery
from app.orm import utcnow

MAX_ACTIVE_BATCHES = 2


def start_batch(user_id: int, opening: JobOpening) -> ReportBatch:
    """Queue a batch (flush; the caller commits, then enqueues)."""
    if count_active_batches(user_id) >= MAX_ACTIVE_BATCHES:
        raise ApiError(f"You already have {MAX_ACTIVE_BATCHES} report batches running; "
                       "wait for one to finish.", None, 429)
    batch = ReportBatch(user_id=user_id, opening_id=opening.id,
                        total=len(_finished_invitations(opening.id)))
    db.session.add(batch)
    db.session.flush()
    return batch


def _finished_invitations(opening_id: int) -> list[Invitation]:
    return list(db.session.scalars(
        select(Invitation).join(Attempt).where(
            Invitation.opening_id == opening_id, Attempt.status == "scored"
        ).order_by(Invitation.id)
    ))


@celery.task(name="api.render_report_batch", bind=True, max_retries=2)
def render_report_batch(self, batch_id: int) -> None:
    """Render the batch; idempotent (a finished batch is left as it is), and a retry
    after a killed worker starts the archive again from scratch."""
    batch = db.session.get(ReportBatch, batch_id)
    if batch is None or batch.status in ("done", "failed"):
        return
    batch.status, batch.done, batch.error = "running", 0, None
    db.session.commit()
    invitations = _finished_invitations(batch.opening_id)
    batch.total = len(invitations)
    buffer = io.BytesIO()
    try:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for inv in invitations:
                archive.writestr(f"candidate-{inv.id}.pdf", render_candidate_pdf(inv))
                batch.done += 1
                db.session.commit()
        batch.archive, batch.status = buffer.getvalue(), "done"
    except SQLAlchemyError:
        db.session.rollback()
        raise
    except (OSError, ValueError) as exc:
        batch.status, batch.error = "failed", str(exc)[:500]
    batch.finished_at = utcnow()
    db.session.commit()

