"""Helpers for routing tests: tiny scenarios built in code (no app fixture)."""

from __future__ import annotations

from typing import Any

import pytest

from app.routing import parse_scenario


def one_agent_script(contacts: list[dict[str, Any]], policy: str = "blended_fifo",
                     agents: int = 1, **extra: Any) -> Any:
    """A scenario with only scripted contacts and ``agents`` all-round agents."""
    data = {
        "id": "script", "horizon": 3600, "interval": 600, "policy": policy,
        "skills": ["general"], "scripted": contacts,
        "agents": [{"group": "desk", "count": agents, "skills": {"general": 1.0}}],
        **extra,
    }
    return parse_scenario(data, source="test")


@pytest.fixture(scope="session")
def script():
    return one_agent_script
