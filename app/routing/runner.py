"""Batch runs: one seeded run, replications with confidence intervals, policy comparison.

Replication ``r`` of ``replicate(scenario, seed, ...)`` draws from
``numpy.random.default_rng([seed, r])``; every policy sees the same arrivals for the same
seed (common random numbers), because arrivals never depend on routing.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.routing.arrivals import ContactTable, generate_contacts
from app.routing.engine import Engine
from app.routing.fastpath import eligible, run_fifo
from app.routing.loop import run_batch
from app.routing.metrics import summarize
from app.routing.records import Records, staffed_seconds
from app.routing.scenario import Scenario
from app.routing.schema import CHANNELS, AgentGroup
from app.routing.stats import aggregate, detect_warmup


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
                             scenario.horizon, scenario.interval, rng, scenario.max_contacts)


def on_phones(scenario: Scenario) -> list[AgentGroup]:
    """The agent groups with ``count`` cut by shrinkage (rounded): the agents actually
    available to take contacts out of those scheduled."""
    groups = []
    for group in scenario.agents:
        share = scenario.shrinkage if group.shrinkage is None else group.shrinkage
        groups.append(group if not share else
                      group.model_copy(update={"count": round(group.count * (1 - share))}))
    return groups


def end_of(scenario: Scenario, table: ContactTable) -> float:
    """End of the measured span: the horizon, or just after the last arrival when the
    run stops after ``max_contacts`` contacts."""
    if scenario.max_contacts is not None and table.n_base == scenario.max_contacts:
        return float(np.nextafter(table.arrival[table.n_base - 1], np.inf))
    return scenario.horizon


def run_table(scenario: Scenario, table: ContactTable, policy: str,
              engine: str = "auto") -> tuple[Records, str]:
    """Route ``table`` through the agents; ``engine`` is "auto", "events" or "fifo"
    ("kernel" runs the events through ``Kernel`` handlers instead of ``loop.run_batch``;
    both give the same records)."""
    groups, window = on_phones(scenario), (scenario.warmup, end_of(scenario, table))
    fast = engine == "fifo" or (engine == "auto" and not scenario.overflow
                                and not table.has_followups and not table.wrap.any()
                                and eligible(table, scenario.skills, groups, policy,
                                             scenario.care_types, scenario.channel_order))
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
                     scenario.care_types, scenario.proficiency_scales_handle, window,
                     channel_order=scenario.channel_order, overflow=scenario.overflow)
        if scenario.overflow or table.has_followups or engine == "kernel":
            sim.begin()
            sim.run()
        else:
            # The loop makes no reference cycles; collections would only walk its
            # many live event tuples.
            enabled = gc.isenabled()
            gc.disable()
            try:
                run_batch(sim)
            finally:
                if enabled:
                    gc.enable()
        sim.finalize()
        start, end, agent = sim.outcome()
        abandoned = np.fromiter(sim.abandoned, bool, len(sim.abandoned))
        busy = np.asarray([a.busy_time for a in sim.agents])
        if table.has_followups:
            arrival = np.asarray(sim.arrival)
            happened = ~np.isnan(arrival)
            table = _subset(table, happened, arrival)
            start, end, agent, abandoned = (x[happened] for x in (start, end, agent, abandoned))
    records = Records(
        arrival=table.arrival, start=start, end=end, abandoned=abandoned, agent=agent,
        give_up=table.arrival + table.patience, channel=table.channel, skill=table.skill,
        ctype=table.ctype, tier=table.tier, types=table.types, skills=list(scenario.skills),
        agent_group=agent_group, busy=busy, staffed=staffed,
        group_names=[g.group for g in groups], origin=table.origin,
    )
    return records, "fifo" if fast else "events"


def _subset(table: ContactTable, keep: np.ndarray, arrival: np.ndarray) -> ContactTable:
    """The contacts that happened (follow-ups that never arose dropped), with the
    arrival times the run gave the follow-ups."""
    return ContactTable(
        arrival=arrival[keep], handle=table.handle[keep], patience=table.patience[keep],
        channel=table.channel[keep], skill=table.skill[keep], ctype=table.ctype[keep],
        tier=table.tier[keep], types=table.types, wrap=table.wrap[keep],
        origin=table.origin[keep])


def thresholds(scenario: Scenario) -> list[float]:
    """Service-level threshold (seconds) per channel code."""
    return [scenario.threshold(c) for c in CHANNELS]


def measure(scenario: Scenario, records: Records, table_end: float) -> dict[str, Any]:
    """Metrics of one run; with ``warmup_detection: mser5`` the warm-up is found by
    MSER-5 on the waits in arrival order and reported with batch-means CIs."""
    warmup, detected = scenario.warmup, None
    if scenario.warmup_detection == "mser5":
        detected = detect_warmup(records, table_end, thresholds(scenario))
        warmup = max(warmup, detected["seconds"])
    metrics = summarize(records, warmup, table_end, scenario.interval,
                        thresholds(scenario), scenario.email_promise)
    if detected is not None:
        metrics["warmup"] = detected
    return metrics


def simulate(scenario: Scenario, seed: Any, policy: str | None = None,
             engine: str = "auto") -> RunResult:
    """One run of ``scenario`` with ``seed``; ``policy`` overrides the scenario's policy.
    The same seed always gives the same records."""
    policy = policy or scenario.policy
    table = make_table(scenario, seed)
    records, used = run_table(scenario, table, policy, engine)
    metrics = measure(scenario, records, end_of(scenario, table))
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
