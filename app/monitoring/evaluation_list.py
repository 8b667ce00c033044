"""Evaluation lists as pages: the agent's page, the agent's own list and the search."""

from __future__ import annotations

from collections.abc import Sequence

from app.monitoring.models import Evaluation
from app.paging import Page, paginate

SORTS = {
    "date": lambda e: e.contact_date,
    "agent": lambda e: e.agent.name,
    "reference": lambda e: e.contact_ref,
    "channel": lambda e: e.channel,
    "scorecard": lambda e: e.scorecard.get("title", ""),
    "score": lambda e: e.score,
    "status": lambda e: e.status,
}


def evaluation_page(evaluations: Sequence[Evaluation]) -> Page:
    """One page of evaluations (25), sorted by the query string's `sort`/`dir`."""
    return paginate(evaluations, per_page=25, sorts=SORTS)
