"""The general engine: skills, channels with concurrency, shifts, breaks, priorities.

Waiting contacts sit in buckets keyed by (skill, channel, policy rank), each in arrival
order. A freed agent looks at the heads of the buckets it can serve and takes the contact
with the best (rank, arrival). Idle agents sit in pools keyed by (skill, channel), in
the order they became idle. Patience is checked lazily: a contact whose patience ran out
before an agent reached it is recorded as abandoned at ``arrival + patience``.

An agent works one channel at a time, up to its concurrency for that channel (e.g. two
chats). External (human) agents are never assigned automatically; see ``interactive.py``.

Wrap-up keeps the agent busy after the contact ends (``end`` is the end of the talk).
Overflow rules add a pseudo skill per rule held by the overflow group: a contact still
waiting after the rule's delay is also queued there, so it may sit in two buckets; the
``gone`` flag lets the second copy be skipped. A transfer leg arrives when its first leg
ends; a callback arrives ``delay`` seconds after its parent abandoned (the parent's
abandonment is then an event at its exact time rather than being found lazily).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import deque
from collections.abc import Sequence
from heapq import heappush

import numpy as np

from app.routing.arrivals import ContactTable
from app.routing.kernel import ARRIVAL, AVAILABILITY, FINISH, Kernel
from app.routing.policies import SELECTORS, ContactKind, make_policy
from app.routing.schema import CHANNELS, TIERS, AgentGroup, Overflow

NONE = -2
ALL = -1
NCH = len(CHANNELS)


class Agent:
    """Run-time state of one agent (simulated or external). Agents of one group share
    their proficiency, speed, concurrency, keys, buckets and transition lists, which are
    never changed after construction."""

    __slots__ = ("index", "name", "group", "prof", "speed", "conc", "external", "active",
                 "channel", "off", "mode", "busy_since", "busy_time", "keys", "buckets", "trans")

    def __init__(self, index: int, name: str, group: int, external: bool,
                 like: Agent | None = None) -> None:
        self.index, self.name, self.group, self.external = index, name, group, external
        self.active, self.channel, self.off, self.mode = 0, -1, 0, NONE
        self.busy_since, self.busy_time = 0.0, 0.0
        if like is None:
            self.prof: list[float] = []
            self.speed: list[float] = []
            self.conc: list[int] = []
            self.keys: dict[int, list[int]] = {}
            self.buckets: dict[int, list[deque]] = {}
            self.trans: dict[tuple[int, int], tuple[list[dict], list[dict]]] = {}
        else:
            self.prof, self.speed, self.conc = like.prof, like.speed, like.conc
            self.keys, self.buckets, self.trans = like.keys, like.buckets, like.trans


class Engine:
    """One simulation run over a fixed ContactTable (all seconds)."""

    def __init__(self, table: ContactTable, skills: list[str], groups: list[AgentGroup],
                 policy: str, selection: str, care_types: list[str], scale_handle: bool,
                 window: tuple[float, float], externals: list[AgentGroup] = (),
                 channel_order: Sequence[str] | None = None,
                 overflow: Sequence[Overflow] = ()) -> None:
        self.kernel = Kernel()
        self.table, self.window = table, window
        self.skills = list(skills) + [f"{r.skill}>{r.group}" for r in overflow]
        self.overflow = list(overflow)
        n = self.n = len(table)
        self.n_base = table.n_base
        follow = self.n_base < n
        self.arrival = table.arrival.tolist()
        self.handle = table.handle.tolist()
        patient = not follow and not np.isfinite(table.patience).any()
        self.give_up = [math.inf] * n if patient else (table.arrival + table.patience).tolist()
        self.channel = table.channel.tolist()
        self.skill = table.skill.tolist()
        self.has_wrap = bool(table.wrap.any())
        self.wrap = table.wrap.tolist() if self.has_wrap else [0.0] * n
        # Read only when follow-ups (transfer legs, callbacks) may arise.
        self.patience = table.patience.tolist() if follow else []
        self.transfer = table.transfer.tolist() if follow else [-1] * n
        self.callback = table.callback.tolist() if follow else [-1] * n
        self.delay = table.delay.tolist() if follow else [0.0] * n
        self._outcome: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self.start = [math.nan] * n
        self.end = [math.nan] * n
        self.agent_of = [-1] * n
        self.abandoned = [False] * n
        self.gone = [False] * n
        self._ranks(policy, care_types, channel_order)
        self.rules_of = self._overflow_rules(skills)
        self.selector = SELECTORS[selection]()
        self.pools: dict[int, dict[int, None]] = {}
        self.agents: list[Agent] = []
        names = [g.group for g in groups]
        for g, group in enumerate(groups):
            extra = [group.skills.get(r.skill, 1.0) if r.group == group.group else 0.0
                     for r in self.overflow]
            for k in range(group.count):
                self._add_agent(f"{group.group}-{k + 1}", g, group, scale_handle, False, extra)
        for g, human in enumerate(externals):
            self._add_agent(human.group, len(groups) + g, human, scale_handle, True,
                            [0.0] * len(self.overflow))
        self.group_names = names
        self.pool_of: list[dict[int, None]] = []
        self.prof_of = [[a.prof[s] for a in self.agents].__getitem__
                        for s in range(len(self.skills))]

    def _overflow_rules(self, skills: Sequence[str]) -> list[list[int]] | None:
        if not self.overflow:
            return None
        index = {s: k for k, s in enumerate(skills)}
        by_kind: dict[tuple[int, int], list[int]] = {}
        for r, rule in enumerate(self.overflow):
            for ch in ([CHANNELS.index(rule.channel)] if rule.channel else range(NCH)):
                by_kind.setdefault((index[rule.skill], ch), []).append(r)
        return [by_kind.get((s, c), []) for s, c in zip(self.skill, self.channel, strict=True)]

    def _ranks(self, policy_name: str, care_types: list[str],
               channel_order: Sequence[str] | None) -> None:
        policy = make_policy(policy_name, care_types, channel_order)
        t = self.table
        code = ((t.skill * NCH + t.channel) * len(t.types) + t.ctype) * len(TIERS) + t.tier
        kinds = np.flatnonzero(np.bincount(code)) if len(code) else code
        rank_of = []
        for c in kinds.tolist():
            rest, tier = divmod(c, len(TIERS))
            rest, ctype = divmod(rest, len(t.types))
            skill, channel = divmod(rest, NCH)
            kind = ContactKind(CHANNELS[channel], t.types[ctype], TIERS[tier], self.skills[skill])
            rank_of.append(policy.rank(kind))
        self.n_ranks = max(rank_of, default=0) + 1
        lookup = np.zeros(len(kinds) and int(kinds[-1]) + 1, dtype=np.int64)
        lookup[kinds] = rank_of
        ranks = lookup[code]
        self.rank = ranks.tolist() if self.overflow or t.n_base < self.n else []
        self.qkey = (ranks * (self.n + 1) + np.arange(self.n)).tolist()
        # numpy here; the kernel's lists are made in begin()
        self.pool_keys = t.skill * NCH + t.channel
        self.bucket_keys = self.pool_keys * self.n_ranks + ranks
        self.bucket_of: list[int] = []
        self.buckets = [deque() for _ in range(len(self.skills) * NCH * self.n_ranks)]

    def _add_agent(self, name: str, g: int, group: AgentGroup, scale: bool, ext: bool,
                   extra: list[float]) -> None:
        first = self.agents[-1] if self.agents and self.agents[-1].group == g else None
        agent = Agent(len(self.agents), name, g, ext, first)
        if first is None:
            prof = [group.skills.get(s, 0.0)
                    for s in self.skills[:len(self.skills) - len(extra)]] + extra
            agent.prof = prof
            agent.speed = [1.0 / p if (scale and p > 0) else 1.0 for p in prof]
            conc = agent.conc = [group.channels.get(c, 0) for c in CHANNELS]
            skills = [s for s, p in enumerate(prof) if p > 0]
            for ch in range(NCH):
                keys = [s * NCH + ch for s in skills] if conc[ch] else []
                agent.keys[ch] = keys
                agent.buckets[ch] = [self.buckets[k * self.n_ranks + r]
                                     for k in keys for r in range(self.n_ranks)]
            agent.keys[ALL] = [k for ch in range(NCH) for k in agent.keys[ch]]
            agent.buckets[ALL] = [b for ch in range(NCH) for b in agent.buckets[ch]]
            agent.keys[NONE] = []
            for key in agent.keys[ALL]:
                self.pools.setdefault(key, {})
        self.agents.append(agent)
        shift = group.shift
        if shift.start > 0:
            agent.off = 1
            self.kernel.schedule(shift.start, AVAILABILITY, self._shift, (agent.index, -1))
        if shift.end is not None:
            self.kernel.schedule(shift.end, AVAILABILITY, self._shift, (agent.index, 1))
        for pause in group.breaks:
            self.kernel.schedule(pause.start, AVAILABILITY, self._shift, (agent.index, 1))
            self.kernel.schedule(pause.start + pause.duration, AVAILABILITY, self._shift,
                                 (agent.index, -1))

    def begin(self) -> None:
        """Put the agents on duty in their pools and feed the arrivals to the kernel;
        call once before running (the batch loop keeps its own idle lines instead)."""
        for agent in self.agents:
            self._sync(agent)
        base = self.arrival[:self.n_base] if self.n_base < self.n else self.arrival
        self.bucket_of = self.bucket_keys.tolist()
        self.pool_of = [self.pools.get(k, {}) for k in self.pool_keys.tolist()]
        self.kernel.stream(base, ARRIVAL, self._arrive)
        for i in range(self.n_base):
            if self.callback[i] >= 0 and self.give_up[i] < math.inf:
                self.kernel.schedule(self.give_up[i], ARRIVAL, self._expire, i)

    def _activate(self, c: int, at: float) -> None:
        """A follow-up contact ``c`` arrives at ``at`` seconds."""
        self.arrival[c] = at
        self.give_up[c] = at + self.patience[c]
        position = bisect_right(self.arrival, at, 0, self.n_base)
        self.qkey[c] = self.rank[c] * (self.n + 1) + position - 0.5
        if at <= self.kernel.now:
            self._arrive(c)
        else:
            self.kernel.schedule(at, ARRIVAL, self._arrive, c)

    def _expire(self, i: int) -> None:
        if not self.gone[i]:
            self.gone[i] = self.abandoned[i] = True
            self._activate(self.callback[i], self.kernel.now + self.delay[i])

    def _overflow(self, arg: tuple[int, int]) -> None:
        i, r = arg
        if self.gone[i] or self.give_up[i] < self.kernel.now:
            return
        key = (len(self.skills) - len(self.overflow) + r) * NCH + self.channel[i]
        pool = self.pools.get(key)
        if pool:
            chosen = self.selector.choose(pool, self.prof_of[key // NCH])
            self._start(self.agents[chosen], i)
        else:
            self.buckets[key * self.n_ranks + self.rank[i]].append(i)

    def run(self, until: float = math.inf) -> None:
        """Advance the clock to ``until`` seconds (or until no events are left)."""
        self.kernel.run(until)

    def _sync(self, a: Agent) -> None:
        if a.off or a.external:
            mode = NONE
        elif a.active == 0:
            mode = ALL
        elif a.active < a.conc[a.channel]:
            mode = a.channel
        else:
            mode = NONE
        if mode == a.mode:
            return
        change = a.trans.get((a.mode, mode))
        if change is None:
            old, new = a.keys[a.mode], a.keys[mode]
            change = a.trans[a.mode, mode] = (
                [self.pools[k] for k in old if k not in new],
                [self.pools[k] for k in new if k not in old],
            )
        idx = a.index
        for pool in change[0]:
            del pool[idx]
        for pool in change[1]:
            pool[idx] = None
        a.mode = mode

    def _arrive(self, i: int) -> None:
        pool = self.pool_of[i]
        if pool:
            chosen = self.selector.choose(pool, self.prof_of[self.skill[i]])
            self._start(self.agents[chosen], i)
        else:
            self.buckets[self.bucket_of[i]].append(i)
            if self.rules_of is not None:
                for r in self.rules_of[i]:
                    self.kernel.schedule(self.kernel.now + self.overflow[r].after, ARRIVAL,
                                         self._overflow, (i, r))

    def _start(self, a: Agent, i: int) -> None:
        now = self.kernel.now
        self.gone[i] = True
        self.start[i] = now
        self.agent_of[i] = a.index
        if a.active == 0:
            a.busy_since = now
            a.channel = self.channel[i]
        a.active += 1
        mode = a.channel if a.active < a.conc[a.channel] and not a.external else NONE
        if mode != a.mode:
            self._sync(a)
        if not a.external:
            done = now + self.handle[i] * a.speed[self.skill[i]]
            heappush(self.kernel.heap, (done, FINISH, next(self.kernel.seq), (self._finish, i)))

    def _finish(self, i: int) -> None:
        now = self.kernel.now
        self.end[i] = now
        if self.has_wrap and self.wrap[i] > 0:
            heappush(self.kernel.heap, (now + self.wrap[i], FINISH, next(self.kernel.seq),
                                        (self._release, i)))
        else:
            self._release(i)
        if self.n_base < self.n and self.transfer[i] >= 0:
            self._activate(self.transfer[i], now)

    def _release(self, i: int) -> None:
        now = self.kernel.now
        a = self.agents[self.agent_of[i]]
        a.active -= 1
        if a.active == 0:
            lo, hi = max(a.busy_since, self.window[0]), min(now, self.window[1])
            if hi > lo:
                a.busy_time += hi - lo
        self._refill(a)

    def _shift(self, arg: tuple[int, int]) -> None:
        a = self.agents[arg[0]]
        a.off += arg[1]
        self._refill(a)

    def _refill(self, a: Agent) -> None:
        if not a.off and not a.external:
            while True:
                if a.active == 0:
                    candidates = a.buckets[ALL]
                elif a.active < a.conc[a.channel]:
                    candidates = a.buckets[a.channel]
                else:
                    return
                j = self.take_best(candidates)
                if j < 0:
                    break
                self._start(a, j)
        self._sync(a)

    def take_best(self, candidates: list[deque], remove: bool = True) -> int:
        """Index of the best waiting contact among bucket heads (-1 if none); the expired
        heads are recorded as abandoned on the way."""
        best, best_key, best_q = -1, math.inf, None
        now, give_up, qkey, gone = self.kernel.now, self.give_up, self.qkey, self.gone
        for q in candidates:
            while q:
                j = q[0]
                if gone[j]:
                    q.popleft()
                    continue
                if give_up[j] < now:
                    q.popleft()
                    self.abandoned[j] = True
                    continue
                if qkey[j] < best_key:
                    best, best_key, best_q = j, qkey[j], q
                break
        if best >= 0 and remove:
            best_q.popleft()
        return best

    def outcome(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Start, end (seconds) and agent index per contact as arrays; call after the
        run (converted once)."""
        if self._outcome is None:
            self._outcome = (np.asarray(self.start), np.asarray(self.end),
                             np.asarray(self.agent_of, dtype=np.int64))
        return self._outcome

    def purge(self) -> None:
        """Record as abandoned every waiting contact whose patience has run out by now."""
        now = self.kernel.now
        for q in self.buckets:
            if q and any(self.give_up[j] < now or self.gone[j] for j in q):
                for j in q:
                    if self.give_up[j] < now and not self.gone[j]:
                        self.abandoned[j] = True
                kept = [j for j in q if self.give_up[j] >= now and not self.gone[j]]
                q.clear()
                q.extend(kept)

    def finalize(self) -> None:
        """After the last event: contacts still waiting with finite patience abandon."""
        for q in self.buckets:
            for j in q:
                if self.give_up[j] < math.inf and not self.gone[j]:
                    self.abandoned[j] = True
            q.clear()
