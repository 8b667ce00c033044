"""gunicorn settings for Service Academy, driven by the environment.

    gunicorn -c deploy/gunicorn.conf.py deploy.wsgi:app
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: one request per process, no shared state; sessions, CSRF and answers
# live in PostgreSQL (and rate limits in Redis), so any worker can serve any request.
worker_class = "sync"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
backlog = 2048
timeout = 30
graceful_timeout = 20
keepalive = 2
# Recycle workers now and then (a guard against slow leaks), rarely enough that a busy
# sitting day does not restart them every few minutes.
max_requests = 100000
max_requests_jitter = 10000
preload_app = True  # create_app does no I/O; each worker opens its own DB connections
# The load balancer's address(es): gunicorn trusts X-Forwarded-Proto only from them.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "service-academy"


def post_worker_init(worker):  # noqa: ANN001, ANN201
    """Parse the assessment catalog before taking requests, so candidates autosaving to
    a fresh (or recycled) worker do not wait for it."""
    if getattr(worker.wsgi, "import_name", None) != "app":  # not Service Academy's app
        return
    from app.hiring.catalog import current_catalog

    try:
        with worker.wsgi.app_context():
            current_catalog()
    except Exception as exc:  # noqa: BLE001 - a worker without a catalog still serves
        worker.log.warning("catalog not preloaded: %s", exc)
