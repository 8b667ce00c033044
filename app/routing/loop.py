"""The general engine's event loop in one function, for whole-day batch runs.

Same model and the same event order as ``Engine`` driven by ``Kernel`` (skills, channels
with concurrency, shifts and breaks, policy ranks, both agent selectors, wrap-up), with
the per-event method calls, event tuples of handlers and attribute look-ups taken out:
agent state lives in flat lists, events are ``(time, priority, seq, kind, arg)`` and the
handlers are inlined. An agent free for a channel holds a stamp (when it became free for
it, -1 when not free); idle agents per (skill, channel) are a deque of ``(stamp, agent)``
(longest idle: oldest stamp first) or a heap of ``(-proficiency, stamp, agent)`` (most
proficient, ties to the longest idle). Entries whose stamp no longer matches are dropped
lazily (and compacted when a queue grows past four per agent), so choosing an agent
never scans the idle agents.

Used when there are no external agents, overflow rules or follow-up contacts (those run
through ``Engine`` and ``Kernel``). Times are seconds.
"""

from __future__ import annotations

import math
from collections import deque
from heapq import heapify, heappop, heappush
from itertools import count
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.routing.engine import Engine

FINISH, AVAILABILITY, ARRIVAL = 0, 1, 2
DONE, SHIFT, RELEASE = 0, 1, 2
NONE, ALL = -2, -1


def run_batch(e: Engine) -> None:  # noqa: C901, PLR0912, PLR0915
    """Run ``e`` (built, not begun) to the end of its events, filling its records."""
    agents = e.agents
    n_agents = len(agents)
    nch = len(agents[0].conc) if agents else 4
    longest = e.selector.name == "longest_idle"
    n_keys = len(e.skills) * nch
    queues: list = [deque() if longest else [] for _ in range(n_keys)]
    cap = 4 * n_agents + 64
    tick = count()

    active = [0] * n_agents
    chan = [-1] * n_agents
    mode = [NONE] * n_agents
    off = [a.off for a in agents]
    conc = [a.conc for a in agents]
    speed = [a.speed for a in agents]
    busy_since = [0.0] * n_agents
    busy_time = [0.0] * n_agents
    cands = [{m: a.buckets[m] for m in a.buckets} for a in agents]
    stamp = [[-1] * nch for _ in range(n_agents)]
    channels_of = []
    joins = []
    for a in agents:
        by_mode = {m: sorted({k % nch for k in a.keys[m]}) for m in a.keys}
        channels_of.append(by_mode)
        joins.append([[(queues[k], -a.prof[k // nch]) for k in a.keys[ALL] if k % nch == c]
                      for c in range(nch)])
    trans = [[[None] * (nch + 2) for _ in range(nch + 2)] for _ in range(n_agents)]

    def compact(q: deque | list, c: int) -> None:
        if longest:
            kept = [(s, a) for s, a in q if stamp[a][c] == s]
            q.clear()
            q.extend(kept)
        else:
            q[:] = [(neg, s, a) for neg, s, a in q if stamp[a][c] == s]
            heapify(q)

    def sync(a: int, new: int) -> None:
        old = mode[a]
        change = trans[a][old + 2][new + 2]
        if change is None:
            was, will = channels_of[a][old], channels_of[a][new]
            change = trans[a][old + 2][new + 2] = (
                [c for c in was if c not in will], [c for c in will if c not in was])
        mine = stamp[a]
        for c in change[0]:
            mine[c] = -1
        for c in change[1]:
            s = mine[c] = next(tick)
            if longest:
                for q, _ in joins[a][c]:
                    q.append((s, a))
                    if len(q) > cap:
                        compact(q, c)
            else:
                for q, neg in joins[a][c]:
                    heappush(q, (neg, s, a))
                    if len(q) > cap:
                        compact(q, c)
        mode[a] = new

    for a in range(n_agents):
        if not off[a]:
            sync(a, ALL)

    arrival, handle, give_up = e.arrival, e.handle, e.give_up
    channel, skill, qkey = e.channel, e.skill, e.qkey
    start, end, agent_of, abandoned = e.start, e.end, e.agent_of, e.abandoned
    wrap, has_wrap = e.wrap, e.has_wrap
    buckets, bucket_of = e.buckets, e.bucket_of
    queue_of = [queues[k] for k in e.pool_key]
    lo, hi = e.window
    seq = e.kernel.seq
    heap = []
    for t, p, s, (_handler, arg) in e.kernel.heap:
        heap.append((t, p, s, SHIFT, arg))
    heap.sort()
    e.kernel.heap.clear()
    inf = math.inf

    def begin(a: int, i: int, now: float) -> None:
        start[i] = now
        agent_of[i] = a
        n = active[a]
        if n == 0:
            busy_since[a] = now
            c = chan[a] = channel[i]
        else:
            c = chan[a]
        n += 1
        active[a] = n
        new = c if n < conc[a][c] else NONE
        if new != mode[a]:
            sync(a, new)
        heappush(heap, (now + handle[i] * speed[a][skill[i]], FINISH, next(seq), DONE, i))

    def refill(a: int, now: float) -> None:
        if not off[a]:
            mine = cands[a]
            while True:
                n = active[a]
                if n == 0:
                    candidates = mine[ALL]
                elif n < conc[a][chan[a]]:
                    candidates = mine[chan[a]]
                else:
                    break
                best, best_key, best_q = -1, inf, None
                for q in candidates:
                    while q:
                        j = q[0]
                        if give_up[j] < now:
                            q.popleft()
                            abandoned[j] = True
                            continue
                        if qkey[j] < best_key:
                            best, best_key, best_q = j, qkey[j], q
                        break
                if best < 0:
                    break
                best_q.popleft()
                begin(a, best, now)
        if off[a]:
            new = NONE
        elif active[a] == 0:
            new = ALL
        elif active[a] < conc[a][chan[a]]:
            new = chan[a]
        else:
            new = NONE
        if new != mode[a]:
            sync(a, new)

    def release(a: int, now: float) -> None:
        n = active[a] = active[a] - 1
        if n == 0:
            b0 = busy_since[a] if busy_since[a] > lo else lo
            b1 = now if now < hi else hi
            if b1 > b0:
                busy_time[a] += b1 - b0
        refill(a, now)

    k, n_arr = 0, e.n_base
    pending = arrival[0] if n_arr else inf
    now = 0.0
    while True:
        if heap:
            top = heap[0]
            if top[0] < pending or (top[0] == pending and top[1] <= ARRIVAL):
                heappop(heap)
                now = top[0]
                kind, i = top[3], top[4]
                if kind == DONE:
                    end[i] = now
                    if has_wrap and wrap[i] > 0:
                        heappush(heap, (now + wrap[i], FINISH, next(seq), RELEASE, i))
                    else:
                        release(agent_of[i], now)
                elif kind == RELEASE:
                    release(agent_of[i], now)
                else:
                    a, delta = i
                    off[a] += delta
                    refill(a, now)
                continue
        if pending == inf:
            break
        i = k
        now = pending
        k += 1
        pending = arrival[k] if k < n_arr else inf
        q, c = queue_of[i], channel[i]
        if longest:
            while q and stamp[q[0][1]][c] != q[0][0]:
                q.popleft()
            if q:
                begin(q[0][1], i, now)
                continue
        else:
            while q and stamp[q[0][2]][c] != q[0][1]:
                heappop(q)
            if q:
                begin(q[0][2], i, now)
                continue
        buckets[bucket_of[i]].append(i)
    e.kernel.now = now
    for a, agent in enumerate(agents):
        agent.busy_time = busy_time[a]
        agent.active, agent.off = active[a], off[a]
