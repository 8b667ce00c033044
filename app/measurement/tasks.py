"""Background job: the retention clean-up on the one Celery app (schedule it daily)."""

from app.extensions import db
from app.jobs import celery
from app.measurement.retention import purge_expired_candidates
from app.orm import utcnow


@celery.task(name="measurement.purge_expired_candidates")
def purge_expired_candidates_task() -> int:
    count = purge_expired_candidates(utcnow())
    db.session.commit()
    return count
