"""Parameter sweeps: a grid over total agents x policy (x one scenario parameter).

Each grid cell is independent and fully determined by the scenario, the cell and the seed
(replication ``r`` uses seed ``[seed, r]``, the same arrivals in every cell: common random
numbers), so cells can run in any order or process and give identical results.
``cells`` lists the grid, ``run_cell`` computes one cell, ``heat_map`` arranges results.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from app.routing.runner import replicate
from app.routing.scenario import Scenario, ScenarioError, parse_scenario
from app.routing.schema import CHANNELS

PATH_PART = re.compile(r"^[a-z_]+$|^\d+$")


def with_total(scenario: Scenario, total: int) -> Scenario:
    """``scenario`` with ``total`` agents split over the groups in its proportions."""
    base = max(1, scenario.total_agents)
    counts = {g.group: max(0, round(g.count * total / base)) for g in scenario.agents}
    return scenario.with_changes(agent_counts=counts)


def set_parameter(data: dict[str, Any], path: str, value: Any, source: str) -> dict[str, Any]:
    """Copy of scenario data with the field at dotted ``path`` (``shrinkage``,
    ``service_level.seconds``, ``streams.0.rate_per_hour``) set to ``value``."""
    parts = path.split(".")
    if not path or not all(PATH_PART.match(p) for p in parts):
        raise ScenarioError(source, "parameter", f"{path!r} is not a dotted field path")
    node: Any = data
    for part in parts[:-1]:
        try:
            node = node[int(part)] if isinstance(node, list) else node[part]
        except (KeyError, IndexError, ValueError, TypeError):
            raise ScenarioError(source, "parameter", f"no field {path!r}") from None
    last = parts[-1]
    if isinstance(node, list):
        node[int(last)] = value
    elif isinstance(node, dict):
        node[last] = value
    else:
        raise ScenarioError(source, "parameter", f"no field {path!r}")
    return data


def cells(agents: list[int], policies: list[str], parameter: str | None = None,
          values: list[float] | None = None) -> list[dict[str, Any]]:
    """The grid in row order: parameter value, then policy, then agents."""
    grid = []
    for value in (values if parameter else [None]) or [None]:
        for policy in policies:
            for total in agents:
                grid.append({"index": len(grid), "agents": total, "policy": policy,
                             "parameter": parameter, "value": value})
    return grid


def cell_scenario(scenario_data: dict[str, Any], cell: dict[str, Any]) -> Scenario:
    """The validated scenario of one cell."""
    source = scenario_data.get("id", "<scenario>")
    data = dict(scenario_data)
    if cell.get("parameter"):
        data = set_parameter(copy.deepcopy(scenario_data), cell["parameter"], cell["value"],
                             source)
    return with_total(parse_scenario(data, source=source), cell["agents"])


def run_cell(scenario_data: dict[str, Any], cell: dict[str, Any], seed: int,
             replications: int) -> dict[str, Any]:
    """Mean service level and ASA (seconds), overall and per channel, of one cell."""
    summary = replicate(cell_scenario(scenario_data, cell), seed, replications,
                        cell["policy"]).to_dict()

    def mean(block: dict[str, Any] | None, key: str) -> float | None:
        value = (block or {}).get(key)
        return value["mean"] if isinstance(value, dict) else value

    overall = summary["overall"]
    return cell | {
        "service_level": mean(overall, "service_level"),
        "asa": mean(overall, "asa"),
        "abandon_rate": mean(overall, "abandon_rate"),
        "by_channel": {c: {"service_level": mean(b, "service_level"), "asa": mean(b, "asa")}
                       for c, b in summary["by_channel"].items() if c in CHANNELS},
    }


def heat_map(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Rows (policy, parameter value) x columns (agents) of service level."""
    agents = sorted({r["agents"] for r in results})
    rows: dict[tuple, dict[int, float | None]] = {}
    for r in results:
        rows.setdefault((r["policy"], r["value"]), {})[r["agents"]] = r["service_level"]
    return {"agents": agents,
            "rows": [{"policy": p, "value": v, "cells": [line.get(a) for a in agents]}
                     for (p, v), line in rows.items()]}
