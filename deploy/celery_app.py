"""The Celery entry point: `celery -A deploy.celery_app:celery worker`.

Builds the Flask app (so tasks run inside its app context with its configuration) and
exposes the one Celery app of app/jobs.py, with every task module imported."""

import app.webhooks.jobs  # noqa: F401  (registers webhooks.deliver)
import deploy.wsgi  # noqa: F401  (create_app: configures Celery from REDIS_URL)
from app.jobs import celery

__all__ = ["celery"]
