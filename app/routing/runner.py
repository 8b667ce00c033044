"""Batch runs: one seeded run, replications with confidence intervals, policy comparison.

Replication ``r`` of ``replicate(scenario, seed, ...)`` draws from
``numpy.random.default_rng([seed, r])``; every policy sees the same arrivals for the same
seed (common random numbers), because arrivals never depend on routing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.routing.arrivals import ContactTable, generate_contacts
from app.routing.engine import Engine
from app.routing.fastpath import eligible, run_fifo
from app.routing.metrics import summarize
from app.routing.records import Records, staffed_seconds
from app.routing.scenario import Scenario
from app.routing.stats import aggregate


@dataclass
class RunResult:
    """One run: raw ``records`` and the ``metrics`` tree (see ``metrics.py``)."""

    scenario: str
    seed: Any
    policy: str
    engine: str
    records: Records
    metrics: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """JSON-serializable metrics (overall, by channel/skill/tier/type/group, intervals)."""
        return {"scenario": self.scenario, "seed": self.seed, "policy": self.policy,
                "engine": self.engine, "contacts": int(len(self.records.arrival)),
                **self.metrics}


@dataclass
class Summary:
    """Replications of one scenario and policy; numbers become ``{"mean", "ci95"}``."""

    scenario: str
    seed: int
    policy: str
    runs: list[RunResult] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-serializable means and 95% confidence half-widths across replications."""
        combined = aggregate([run.metrics for run in self.runs])
        return {"scenario": self.scenario, "seed": self.seed, "policy": self.policy,
                "replications": len(self.runs), **combined}


def make_table(scenario: Scenario, seed: Any) -> ContactTable:
    """All contacts of a run of ``scenario`` with ``seed`` (int or list of ints)."""
    rng = np.random.default_rng(seed)
    return generate_contacts(scenario.streams, scenario.scripted, scenario.skills,
                             scenario.horizon, scenario.interval, rng)


def run_table(scenario: Scenario, table: ContactTable, policy: str,
              engine: str = "auto") -> tuple[Records, str]:
    """Route ``table`` through the agents; ``engine`` is "auto", "events" or "fifo"."""
    groups, window = list(scenario.agents), (scenario.warmup, scenario.horizon)
    fast = engine == "fifo" or (engine == "auto" and eligible(
        table, scenario.skills, groups, policy, scenario.care_types))
    agent_group = np.repeat(np.arange(len(groups)), [g.count for g in groups])
    staffed = np.repeat([staffed_seconds(g, window) for g in groups],
                        [g.count for g in groups]).astype(float)
    if fast:
        group = next(g for g in groups if g.count)
        skill = scenario.skills[int(table.skill[0])]
        speed = 1.0 / group.skills[skill] if scenario.proficiency_scales_handle else 1.0
        start, end, agent, abandoned, busy = run_fifo(table, len(agent_group), speed, window)
    else:
        sim = Engine(table, scenario.skills, groups, policy, scenario.agent_selection,
                     scenario.care_types, scenario.proficiency_scales_handle, window)
        sim.begin()
        sim.run()
        sim.finalize()
        start, end = np.asarray(sim.start), np.asarray(sim.end)
        agent = np.asarray(sim.agent_of, dtype=np.int64)
        abandoned = np.asarray(sim.abandoned, dtype=bool)
        busy = np.asarray([a.busy_time for a in sim.agents])
    records = Records(
        arrival=table.arrival, start=start, end=end, abandoned=abandoned, agent=agent,
        give_up=table.arrival + table.patience, channel=table.channel, skill=table.skill,
        ctype=table.ctype, tier=table.tier, types=table.types, skills=list(scenario.skills),
        agent_group=agent_group, busy=busy, staffed=staffed,
        group_names=[g.group for g in groups],
    )
    return records, "fifo" if fast else "events"


def simulate(scenario: Scenario, seed: Any, policy: str | None = None,
             engine: str = "auto") -> RunResult:
    """One run of ``scenario`` with ``seed``; ``policy`` overrides the scenario's policy.
    The same seed always gives the same records."""
    policy = policy or scenario.policy
    records, used = run_table(scenario, make_table(scenario, seed), policy, engine)
    metrics = summarize(records, scenario.warmup, scenario.horizon, scenario.interval,
                        scenario.service_level.seconds, scenario.email_promise)
    return RunResult(scenario.id, seed, policy, used, records, metrics)


def replicate(scenario: Scenario, seed: int, replications: int, policy: str | None = None,
              progress: Callable[[int, int], None] | None = None) -> Summary:
    """``replications`` independent runs (seeds ``[seed, r]``) summarized with 95% CIs;
    ``progress(done, total)`` is called after each run."""
    summary = Summary(scenario.id, seed, policy or scenario.policy)
    for r in range(replications):
        summary.runs.append(simulate(scenario, [seed, r], policy))
        if progress is not None:
            progress(r + 1, replications)
    return summary


def compare(scenario: Scenario, policies: Sequence[str], seed: int, replications: int,
            progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Run each policy on the same arrivals (common random numbers) and summarize."""
    total = len(policies) * replications
    results = {}
    for p, name in enumerate(policies):
        def step(done: int, _total: int, offset: int = p * replications) -> None:
            if progress is not None:
                progress(offset + done, total)

        results[name] = replicate(scenario, seed, replications, name, step).to_dict()
    return {"scenario": scenario.id, "seed": seed, "replications": replications,
            "policies": results}
