"""One Celery app. With REDIS_URL it uses Redis as broker; without it, tasks run
in-process (eager), so the embedded default needs no broker."""

from __future__ import annotations

import threading

from celery import Celery, Task
from flask import Flask, has_app_context

from app.orm import write_transactions

celery = Celery("service_academy")


def init_jobs(app: Flask) -> Celery:
    redis_url = app.config.get("REDIS_URL")

    class FlaskTask(Task):
        def __call__(self, *args: object, **kwargs: object) -> object:
            if has_app_context():  # eager call from inside a request or CLI command
                return self.run(*args, **kwargs)
            with app.app_context(), write_transactions():
                return self.run(*args, **kwargs)

    celery.conf.update(
        broker_url=redis_url or "memory://",
        result_backend=redis_url or "cache+memory://",
        task_always_eager=not redis_url,
        task_eager_propagates=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        # a job whose worker was killed goes back to the queue after 15 minutes, not 1 h
        broker_transport_options={"visibility_timeout": 900},
        task_ignore_result=False,
    )
    celery.Task = FlaskTask
    app.extensions["celery"] = celery
    return celery


def enqueue(task: Task, *args: object) -> None:
    """Run a task: on the Celery worker when Redis is configured; otherwise in-process,
    in a background thread so the page can show progress (synchronously under TESTING)."""
    from flask import current_app

    if current_app.config.get("REDIS_URL"):
        try:
            task.delay(*args)
            return
        except Exception as exc:  # noqa: BLE001 - broker down: do the work here instead
            current_app.logger.warning("broker unavailable (%s); running %s in-process",
                                       exc, task.name)
    if current_app.testing:
        task.run(*args)  # in the caller's app context, so tests see one transaction
    else:
        threading.Thread(target=task.apply, kwargs={"args": args}, daemon=True).start()
