"""Forward xAPI statements to the configured LRS in the background (in-process when no
broker is configured). Only public statements ever leave; see app.training.xapi."""

from __future__ import annotations

from app.extensions import db
from app.jobs import celery, enqueue
from app.training import xapi


@celery.task(name="training.forward_xapi")
def forward_xapi() -> int:
    sent = xapi.forward_pending()
    db.session.commit()
    return sent


def forward_after_commit() -> None:
    """Call after the request committed new statements; does nothing without an LRS."""
    if xapi.configured_forwarder() is not None:
        enqueue(forward_xapi)
