"""Staffing by simulation, and a builder for the textbook M/M/c(+M) scenario.

``staff_by_simulation`` finds the fewest agents in one group whose simulated service level
(mean over replications with common random numbers) meets the target; it searches by
bisection, assuming more agents never lower the service level.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.routing.runner import replicate
from app.routing.scenario import Scenario, ScenarioError, parse_scenario


def mmc_scenario(calls_per_hour: float, aht: float, agents: int, patience: float | None = None,
                 hours: float = 24.0, warmup: float = 3600.0, sl_seconds: float = 20.0,
                 sl_target: float = 0.8) -> Scenario:
    """One phone queue with Poisson arrivals (per hour), exponential handle time ``aht``
    seconds and, if given, exponential patience with mean ``patience`` seconds."""
    stream: dict[str, Any] = {
        "name": "calls", "channel": "phone", "skill": "general",
        "rate_per_hour": calls_per_hour, "handle": {"dist": "exponential", "mean": aht},
    }
    if patience is not None:
        stream["patience"] = {"dist": "exponential", "mean": patience}
    data = {
        "id": "mmc" if patience is None else "mmc_m", "horizon": hours * 3600,
        "warmup": warmup, "interval": 3600, "skills": ["general"], "streams": [stream],
        "service_level": {"seconds": sl_seconds, "target": sl_target},
        "agents": [{"group": "agents", "count": agents, "skills": {"general": 1.0},
                    "channels": {"phone": 1}}],
    }
    return parse_scenario(data, source="mmc")


def staff_by_simulation(scenario: Scenario, seed: int = 1, group: str | None = None,
                        sl_target: float | None = None, replications: int = 3,
                        max_agents: int = 2000,
                        progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Fewest agents in ``group`` (default: the only group) whose mean simulated service
    level meets ``sl_target`` (default: the scenario's target); returns the count and the
    service level, ASA (seconds) and abandonment share found there."""
    names = [g.group for g in scenario.agents]
    if group is None:
        if len(names) != 1:
            raise ScenarioError(scenario.id, "agents", "several groups: say which to staff")
        group = names[0]
    if group not in names:
        raise ScenarioError(scenario.id, "agents", f"no agent group named {group!r}")
    target = sl_target if sl_target is not None else scenario.service_level.target
    cache: dict[int, dict[str, Any]] = {}

    def evaluate(n: int) -> dict[str, Any]:
        if n not in cache:
            runs = replicate(scenario.with_changes(agent_counts={group: n}), seed, replications)
            overall = [run.metrics["overall"] for run in runs.runs]
            cache[n] = {k: sum(o[k] or 0.0 for o in overall) / len(overall)
                        for k in ("service_level", "asa", "abandon_rate")}
            if progress is not None:
                progress(len(cache), len(cache) + 1)
        return cache[n]

    low, high = 0, max(1, next(g.count for g in scenario.agents if g.group == group))
    while evaluate(high)["service_level"] < target:
        low, high = high, high * 2
        if high > max_agents:
            raise ValueError(f"no staffing up to {max_agents} agents meets the target")
    while high - low > 1:
        mid = (low + high) // 2
        if evaluate(mid)["service_level"] >= target:
            high = mid
        else:
            low = mid
    return {"agents": high, "group": group, "target": target, **evaluate(high),
            "evaluations": len(cache)}
