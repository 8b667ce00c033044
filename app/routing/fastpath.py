"""An exact shortcut for the common one-pool FIFO case (e.g. the Erlang C/A models).

When every agent can take every contact, all agents are alike (one speed, concurrency 1,
always on duty) and the policy gives every contact the same rank, contacts enter service in
arrival order and each takes the agent that became free first. The event-driven engine
then reduces to the recursion ``start = max(arrival, earliest free time)``, with a
contact abandoning when ``arrival + patience < earliest free time``. This produces the
same start times, abandonments and agents as ``engine.Engine`` (the tests check it) at a
fraction of the cost. Times are seconds.
"""

from __future__ import annotations

import math
from heapq import heapreplace

import numpy as np

from app.routing.arrivals import ContactTable
from app.routing.policies import ContactKind, make_policy
from app.routing.schema import CHANNELS, TIERS, AgentGroup


def eligible(table: ContactTable, skills: list[str], groups: list[AgentGroup], policy: str,
             care_types: list[str], channel_order: list[str] | None = None) -> bool:
    """True when the one-pool FIFO recursion reproduces the engine exactly."""
    staffed = [g for g in groups if g.count > 0]
    if not staffed or not len(table):
        return False
    code = ((table.skill * len(CHANNELS) + table.channel) * len(table.types)
            + table.ctype) * len(TIERS) + table.tier
    kinds = []
    for c in np.unique(code).tolist():
        rest, tier = divmod(c, len(TIERS))
        rest, ctype = divmod(rest, len(table.types))
        skill, channel = divmod(rest, len(CHANNELS))
        kinds.append(ContactKind(CHANNELS[channel], table.types[ctype], TIERS[tier],
                                 skills[skill]))
    used_skills = {k.skill for k in kinds}
    used_channels = {k.channel for k in kinds}
    speeds = set()
    for g in staffed:
        if g.shift.start > 0 or g.shift.end is not None or g.breaks:
            return False
        if any(g.channels.get(c, 0) != 1 for c in used_channels):
            return False
        if not used_skills <= set(g.skills):
            return False
        speeds |= {g.skills[s] for s in used_skills}
    rule = make_policy(policy, care_types, channel_order)
    return len(speeds) == 1 and len({rule.rank(kind) for kind in kinds}) == 1


def run_fifo(table: ContactTable, n_agents: int, speed: float, window: tuple[float, float]
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Start, end, agent index, abandoned flag per contact and busy seconds per agent
    (clipped to ``window``)."""
    n = len(table)
    duration_a = table.handle * speed
    give_up_a = table.arrival + table.patience
    duration, give_up = duration_a.tolist(), give_up_a.tolist()
    start = [math.nan] * n
    agent = [-1] * n
    free = [(0.0, k) for k in range(n_agents)]
    i = -1
    for arrive, patient_until, length in zip(table.arrival.tolist(), give_up, duration,
                                             strict=True):
        i += 1
        earliest, k = free[0]
        if earliest <= arrive:
            begin = arrive
        elif patient_until < earliest:
            continue
        else:
            begin = earliest
        heapreplace(free, (begin + length, k))
        start[i] = begin
        agent[i] = k
    start_a = np.asarray(start)
    end_a = start_a + duration_a
    agent_a = np.asarray(agent, dtype=np.int64)
    abandoned = np.isnan(start_a) & np.isfinite(give_up_a)
    served = agent_a >= 0
    clipped = np.clip(end_a[served], *window) - np.clip(start_a[served], *window)
    busy = np.bincount(agent_a[served], weights=clipped, minlength=n_agents)
    return start_a, end_a, agent_a, abandoned, busy
