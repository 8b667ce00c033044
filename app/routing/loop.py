"""The general engine's event loop in one function, for whole-day batch runs.

Same model and the same event order as ``Engine`` driven by ``Kernel`` (skills, channels
with concurrency, shifts and breaks, policy ranks, both agent selectors, wrap-up), with
the per-event method calls, handler tuples and attribute look-ups taken out: agent state
lives in flat lists and starting a contact is inlined where it happens.

Heap events are ``(time, key, what)``: ``key`` is the kernel's sequence number, plus
``SHIFTED`` for availability changes so that at equal times a finish runs before a shift
change (the kernel's priorities); ``what`` is the contact ``i`` for the end of a talk,
``~i`` for the end of its wrap-up, ``(agent, delta)`` for a shift change. Arrivals are
sorted, so they are read from their list and merged with the heap (a heap event first on
equal times, as in ``Kernel.run``).

An agent free for a channel holds a stamp for it (taken when it became free, -1 when
not free). Idle agents per (skill, channel) are a deque of ``(stamp, agent)`` in stamp
order (longest idle first) or a heap of ``(-proficiency, stamp, agent)`` (most proficient,
ties to the longest idle). Entries whose stamp no longer matches are dropped lazily (and
compacted when a queue grows past four per agent), so choosing an agent costs O(1)
(longest idle) or O(log n) (most proficient) and never scans the idle agents.

Used when there are no external agents, overflow rules or follow-up contacts (those run
through ``Engine`` and ``Kernel``). Times are seconds.
"""

from __future__ import annotations

import math
from collections import deque
from heapq import heapify, heappop, heappush, heapreplace
from itertools import count
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from app.routing.engine import Engine

NONE, ALL = -2, -1
SHIFTED = 1 << 52


def _gather(items: list, index: list[int]) -> list:
    """``[items[k] for k in index]``."""
    return [items[k] for k in index]


def _simple_busy(e: Engine, simple: list[bool], busy_time: list[float]) -> list[float]:
    """Busy seconds inside the window per agent: for an agent with concurrency 1 the sum
    of its contacts from start to the end of wrap-up, clipped; others as counted."""
    agent = np.asarray(e.agent_of, dtype=np.int64)
    taken = agent >= 0
    agent = agent[taken]
    lo, hi = e.window
    release = np.asarray(e.end)[taken] + np.asarray(e.wrap)[taken]
    spans = np.clip(release, lo, hi) - np.clip(np.asarray(e.start)[taken], lo, hi)
    summed = np.bincount(agent, weights=spans, minlength=len(simple)).tolist()
    return [summed[a] if simple[a] else busy_time[a] for a in range(len(simple))]


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
    seq = count(next(e.kernel.seq))

    active = [0] * n_agents
    chan = [-1] * n_agents
    mode = [NONE] * n_agents
    off = [a.off for a in agents]
    conc = [a.conc for a in agents]
    speed = [a.speed for a in agents]
    busy_since = [0.0] * n_agents
    busy_time = [0.0] * n_agents
    cand_all = [a.buckets[ALL] for a in agents]
    cands = [a.buckets for a in agents]
    simple = [max(a.conc) <= 1 for a in agents]
    served = []
    for a in agents:
        same = a.index and a.keys is agents[a.index - 1].keys
        served.append(served[-1] if same else sorted({k % nch for k in a.keys[ALL]}))
    # When every agent is simple (joins and leaves all its channels at once) or serves
    # one channel, its stamps are equal on all its channels: one list serves them all.
    one = all(simple[a] or len(served[a]) <= 1 for a in range(n_agents))
    stamp = [-1] * n_agents
    stamps = [stamp] * nch if one else [[-1] * n_agents for _ in range(nch)]
    joins, leave_all, join_all, kind = [], [], [], []
    for a in agents:
        if a.index and a.keys is agents[a.index - 1].keys:
            kind.append(kind[-1])
            joins.append(joins[-1])
            leave_all.append(leave_all[-1])
            join_all.append(join_all[-1])
            continue
        chs = served[a.index]
        by_channel = [[(queues[k], -a.prof[k // nch]) for k in a.keys[ALL] if k % nch == c]
                      for c in range(nch)]
        kind.append(a.index)
        joins.append(by_channel)
        leave_all.append(list({id(stamps[c]): stamps[c] for c in chs}.values()))
        join_all.append([(stamps[c], q, neg) for c in chs for q, neg in by_channel[c]])
    trans: dict[tuple[int, int, int], tuple[list, list]] = {}
    scaled = any(v != 1.0 for a in {id(a.speed): a for a in agents}.values()
                 for v in a.speed)

    def channels(a: int, m: int) -> list[int]:
        if m == ALL:
            return served[a]
        return [m] if m >= 0 and m in served[a] else []

    def compact(q: deque | list, st: list[int]) -> None:
        if longest:
            kept = [(s, a) for s, a in q if st[a] == s]
            q.clear()
            q.extend(kept)
        else:
            q[:] = [(neg, s, a) for neg, s, a in q if st[a] == s]
            heapify(q)

    def change(a: int, old: int, new: int) -> tuple[list, list]:
        was, will = channels(a, old), channels(a, new)
        found = trans[kind[a], old, new] = (
            [stamps[c] for c in was if c not in will],
            [(stamps[c], joins[a][c]) for c in will if c not in was])
        return found

    def sync(a: int, new: int) -> None:
        key = (kind[a], mode[a], new)
        leave, join = trans[key] if key in trans else change(a, mode[a], new)
        for st in leave:
            st[a] = -1
        if join:
            s = next(tick)
            for st, qs in join:
                st[a] = s
                for q, neg in qs:
                    if longest:
                        q.append((s, a))
                    else:
                        heappush(q, (neg, s, a))
                    if len(q) > cap:
                        compact(q, st)
        mode[a] = new

    for a in range(n_agents):
        if not off[a]:
            sync(a, ALL)

    arrival, handle, give_up = e.arrival, e.handle, e.give_up
    channel, skill, qkey = e.channel, e.skill, e.qkey
    start, end, agent_of, abandoned = e.start, e.end, e.agent_of, e.abandoned
    wrap, has_wrap = e.wrap, e.has_wrap
    buckets = e.buckets
    bucket_of = _gather(buckets, e.bucket_of)
    queue_of = _gather(queues, e.pool_key)
    stamp_of = _gather(stamps, channel)
    lo, hi = e.window
    heap: list = [(t, SHIFTED + s, arg) for t, _p, s, (_h, arg) in e.kernel.heap]
    heap.sort()
    e.kernel.heap.clear()
    inf = math.inf

    def refill(a: int, now: float) -> bool:
        """Give agent ``a`` waiting contacts while it has room; True if it took one."""
        took = False
        if not off[a]:
            while True:
                n = active[a]
                if n == 0:
                    candidates = cand_all[a]
                elif n < conc[a][chan[a]]:
                    candidates = cands[a][chan[a]]
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
                took = True
                start[best] = now
                agent_of[best] = a
                if n == 0:
                    busy_since[a] = now
                    c = chan[a] = channel[best]
                else:
                    c = chan[a]
                n += 1
                active[a] = n
                heappush(heap, (now + handle[best] * speed[a][skill[best]], next(seq), best))
                new = c if n < conc[a][c] else NONE
                if new != mode[a]:
                    sync(a, new)
        settle(a)
        return took

    def settle(a: int) -> None:
        n = active[a]
        if off[a]:
            new = NONE
        elif n == 0:
            new = ALL
        elif n < conc[a][chan[a]]:
            new = chan[a]
        else:
            new = NONE
        if new != mode[a]:
            sync(a, new)

    k, n_arr = 0, e.n_base
    pending = arrival[0] if n_arr else inf
    now = 0.0
    while True:
        if heap and heap[0][0] <= pending:
            now, key, i = heap[0]
            if key >= SHIFTED:
                heappop(heap)
                a, delta = i
                off[a] += delta
                refill(a, now)
                continue
            if i >= 0:
                end[i] = now
                if has_wrap and wrap[i] > 0:
                    heapreplace(heap, (now + wrap[i], next(seq), ~i))
                    continue
            else:
                i = ~i
            a = agent_of[i]
            if simple[a]:
                active[a] = 0
                if off[a]:
                    heappop(heap)
                    settle(a)
                    continue
                best, best_key, best_q = -1, inf, None
                for q in cand_all[a]:
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
                    heappop(heap)
                    s = next(tick)
                    for st, q, neg in join_all[a]:
                        st[a] = s
                        if longest:
                            q.append((s, a))
                        else:
                            heappush(q, (neg, s, a))
                        if len(q) > cap:
                            compact(q, st)
                    mode[a] = ALL
                    continue
                best_q.popleft()
                start[best] = now
                agent_of[best] = a
                done = now + handle[best] * speed[a][skill[best]] if scaled else now + handle[best]
                heapreplace(heap, (done, next(seq), best))
                chan[a] = channel[best]
                active[a] = 1
                continue
            n = active[a] - 1
            active[a] = n
            if n == 0:
                b0 = busy_since[a]
                if b0 < lo:
                    b0 = lo
                b1 = now if now < hi else hi
                if b1 > b0:
                    busy_time[a] += b1 - b0
            if off[a]:
                heappop(heap)
                settle(a)
                continue
            # the common case inlined: the freed agent takes the best waiting contact
            if n == 0:
                candidates = cand_all[a]
            elif n < conc[a][chan[a]]:
                candidates = cands[a][chan[a]]
            else:
                heappop(heap)
                settle(a)
                continue
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
                heappop(heap)
                new = ALL if n == 0 else chan[a]
                if new != mode[a]:
                    sync(a, new)
                continue
            best_q.popleft()
            start[best] = now
            agent_of[best] = a
            done = now + handle[best] * speed[a][skill[best]] if scaled else now + handle[best]
            heapreplace(heap, (done, next(seq), best))
            if n == 0:
                busy_since[a] = now
                c = chan[a] = channel[best]
            else:
                c = chan[a]
            n += 1
            active[a] = n
            new = c if n < conc[a][c] else NONE
            if new != mode[a]:
                sync(a, new)
            if n < conc[a][c]:
                refill(a, now)
            continue
        if pending == inf:
            break
        i = k
        now = pending
        k += 1
        pending = arrival[k] if k < n_arr else inf
        q, st = queue_of[i], stamp_of[i]
        if longest:
            while q:
                s, a = q[0]
                if st[a] == s:
                    break
                q.popleft()
            else:
                bucket_of[i].append(i)
                continue
        else:
            while q:
                _neg, s, a = q[0]
                if st[a] == s:
                    break
                heappop(q)
            else:
                bucket_of[i].append(i)
                continue
        start[i] = now
        agent_of[i] = a
        done = now + handle[i] * speed[a][skill[i]] if scaled else now + handle[i]
        heappush(heap, (done, next(seq), i))
        if simple[a]:
            if longest:
                q.popleft()
            else:
                heappop(q)
            chan[a] = channel[i]
            active[a] = 1
            if one:
                stamp[a] = -1
            else:
                for st in leave_all[a]:
                    st[a] = -1
            mode[a] = NONE
            continue
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
    e.kernel.now = now
    if any(simple):
        busy_time = _simple_busy(e, simple, busy_time)
    for a, agent in enumerate(agents):
        agent.busy_time = busy_time[a]
        agent.active, agent.off = active[a], off[a]
