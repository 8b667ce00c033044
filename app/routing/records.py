"""Per-contact and per-agent records of one run, as numpy arrays (times in seconds)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.routing.schema import AgentGroup


@dataclass
class Records:
    """What happened in one run. ``start``/``end`` are NaN for contacts never answered;
    ``agent`` is -1 for them. ``give_up`` is arrival + patience (inf when patient).
    ``origin`` is 0 for a first contact, 1 for a transfer leg, 2 for a callback."""

    arrival: np.ndarray
    start: np.ndarray
    end: np.ndarray
    abandoned: np.ndarray
    agent: np.ndarray
    give_up: np.ndarray
    channel: np.ndarray
    skill: np.ndarray
    ctype: np.ndarray
    tier: np.ndarray
    types: list[str]
    skills: list[str]
    agent_group: np.ndarray
    busy: np.ndarray
    staffed: np.ndarray
    group_names: list[str]
    origin: np.ndarray | None = None

    def __post_init__(self) -> None:
        if self.origin is None:
            self.origin = np.zeros(len(self.arrival), dtype=np.int64)

    def same_as(self, other: Records) -> bool:
        """True when both runs produced identical contact records."""
        return all(
            np.array_equal(getattr(self, name), getattr(other, name), equal_nan=True)
            for name in ("arrival", "start", "end", "abandoned", "agent")
        )


def staffed_seconds(group: AgentGroup, window: tuple[float, float]) -> float:
    """Seconds one agent of ``group`` is on duty (shift minus breaks) inside ``window``."""
    lo, hi = window
    end = group.shift.end if group.shift.end is not None else np.inf
    on = max(0.0, min(end, hi) - max(group.shift.start, lo))
    for pause in group.breaks:
        b0 = max(pause.start, group.shift.start, lo)
        b1 = min(pause.start + pause.duration, end, hi)
        on -= max(0.0, b1 - b0)
    return max(on, 0.0)
