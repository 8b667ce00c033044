"""Load and validate scenario files; errors name the file, the field and what is wrong.

A scenario is plain data (see ``schema.py``). ``Scenario.with_changes`` returns a modified
copy for what-if questions (more agents, another policy).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.routing.policies import POLICIES, SELECTORS
from app.routing.schema import ScenarioModel
from app.yaml_reader import YamlError, load_yaml


class ScenarioError(ValueError):
    """A scenario is invalid. ``str()`` gives ``source: field: message``."""

    def __init__(self, source: str, field: str, message: str) -> None:
        self.source, self.field, self.message = source, field, message
        super().__init__(f"{source}: {field}: {message}")


class Scenario(ScenarioModel):
    """A validated scenario. Times in seconds; use ``with_changes`` for what-ifs."""

    @property
    def n_intervals(self) -> int:
        """Number of reporting intervals covering the arrival horizon."""
        return max(1, math.ceil(self.horizon / self.interval - 1e-9))

    @property
    def total_agents(self) -> int:
        """Number of simulated agents over all groups."""
        return sum(group.count for group in self.agents)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serializable data; ``parse_scenario(s.to_dict(), ...)`` round-trips."""
        return self.model_dump(mode="json", exclude_none=True)

    def with_changes(
        self,
        agents_scale: float | None = None,
        policy: str | None = None,
        agent_counts: dict[str, int] | None = None,
        **fields: Any,
    ) -> Scenario:
        """Return a validated copy with agent counts scaled (rounded) or set per group name,
        another policy, or other top-level fields replaced (e.g. ``horizon=7200``)."""
        data = self.to_dict()
        unknown = set(agent_counts or {}) - {group["group"] for group in data["agents"]}
        if unknown:
            raise ScenarioError(self.id, "agents", f"no agent group named {sorted(unknown)}")
        for group in data["agents"]:
            if agents_scale is not None:
                group["count"] = max(0, round(group["count"] * agents_scale))
            if agent_counts and group["group"] in agent_counts:
                group["count"] = agent_counts[group["group"]]
        if policy is not None:
            data["policy"] = policy
        data.update(fields)
        return parse_scenario(data, source=self.id)


def _field_path(loc: tuple) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top)"


def _check_references(scenario: Scenario, source: str) -> None:
    skills = set(scenario.skills)

    def need_skill(skill: str, field: str) -> None:
        if skill not in skills:
            raise ScenarioError(
                source, field, f"unknown skill {skill!r} (declared: {', '.join(scenario.skills)})"
            )

    if scenario.policy not in POLICIES:
        raise ScenarioError(
            source, "policy", f"unknown policy {scenario.policy!r} (known: {', '.join(POLICIES)})"
        )
    if scenario.agent_selection not in SELECTORS:
        raise ScenarioError(
            source,
            "agent_selection",
            f"unknown agent selection {scenario.agent_selection!r} "
            f"(known: {', '.join(SELECTORS)})",
        )
    if scenario.warmup >= scenario.horizon:
        raise ScenarioError(source, "warmup", "warm-up must be shorter than the horizon")
    for i, stream in enumerate(scenario.streams):
        need_skill(stream.skill, f"streams[{i}].skill")
        rates = stream.rates_per_hour
        if rates is not None and len(rates) != scenario.n_intervals:
            raise ScenarioError(
                source,
                f"streams[{i}].rates_per_hour",
                f"needs one rate per interval: {scenario.n_intervals} values, got {len(rates)}",
            )
        if stream.transfer is not None:
            need_skill(stream.transfer.skill, f"streams[{i}].transfer.skill")
    groups = [g.group for g in scenario.agents]
    for i, rule in enumerate(scenario.overflow):
        need_skill(rule.skill, f"overflow[{i}].skill")
        if rule.group not in groups:
            raise ScenarioError(source, f"overflow[{i}].group",
                                f"unknown agent group {rule.group!r} (known: {', '.join(groups)})")
    for i, contact in enumerate(scenario.scripted):
        need_skill(contact.skill, f"scripted[{i}].skill")
    for i, group in enumerate(scenario.agents):
        for skill in group.skills:
            need_skill(skill, f"agents[{i}].skills.{skill}")
        for j, pause in enumerate(group.breaks):
            if pause.start < group.shift.start:
                raise ScenarioError(
                    source, f"agents[{i}].breaks[{j}].start", "a break starts before the shift"
                )


def parse_scenario(data: Any, source: str = "<scenario>") -> Scenario:
    """Validate plain data (e.g. parsed YAML) into a Scenario or raise ScenarioError."""
    if not isinstance(data, dict):
        raise ScenarioError(source, "(top)", "a scenario must be a mapping of fields")
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        message = error["msg"].removeprefix("Value error, ")
        raise ScenarioError(source, _field_path(tuple(error["loc"])), message) from None
    _check_references(scenario, source)
    return scenario


def _shipped_dir() -> Path:
    return Path(__file__).resolve().parent / "scenarios"


def list_shipped_scenarios() -> list[str]:
    """Names of the example scenarios shipped in ``app/routing/scenarios``."""
    return sorted(path.stem for path in _shipped_dir().glob("*.yaml"))


def load_scenario(path_or_name: str | Path) -> Scenario:
    """Load a scenario from a YAML path or by the name of a shipped scenario (``helpdesk``)."""
    path = Path(path_or_name)
    if not path.exists() and str(path_or_name) in list_shipped_scenarios():
        path = _shipped_dir() / f"{path_or_name}.yaml"
    source = str(path)
    if not path.exists():
        known = ", ".join(list_shipped_scenarios())
        raise ScenarioError(source, "(file)", f"no such file or shipped scenario ({known})")
    try:
        data = load_yaml(path.read_text(encoding="utf-8"), source)
    except YamlError as exc:
        where = f"line {exc.line}, column {exc.column}" if exc.line is not None else "(file)"
        raise ScenarioError(source, where, f"malformed YAML: {exc.problem}") from None
    return parse_scenario(data, source=source)
