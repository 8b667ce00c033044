"""The general engine's event loop in one function, for whole-day batch runs.

Same model and the same event order as ``Engine`` driven by ``Kernel`` (skills, channels
with concurrency, shifts and breaks, policy ranks, both agent selectors, wrap-up), with
the per-event method calls, handler tuples and attribute look-ups taken out: agent state
lives in flat lists and starting a contact is inlined where it happens.

The heap holds bare event times (floats compare fastest); ``due`` maps a time to what
happens then: the contact ``i`` for the end of a talk, ``~i`` for the end of its wrap-up.
Two events at the same time (rare) keep their scheduling order through ``later``, as the
kernel's sequence numbers do. Shift and break changes are known before the run and, like
the arrivals, read from a sorted list; at equal times a heap event runs first, then a
shift change, then an arrival (the kernel's priorities).

An agent free for a channel holds a stamp for it (taken when it became free, -1 when
not free). Agents of one group share their skills and channels (a *kind*); the idle
agents of a kind wait in one line per channel (one line in all when agents join and leave
all their channels at once), a deque of ``(stamp, agent)`` in stamp order, longest idle
first. An arriving contact compares the heads of the lines of the kinds that serve its
skill and channel: the oldest stamp (longest idle), or the most proficient kind and the
oldest stamp within it (most proficient; ties to the longest idle). Entries whose stamp no
longer matches are dropped lazily (and compacted when a line grows past four per agent),
so choosing an agent costs O(kinds), whatever the number of agents, and joining the idle
agents one append per line.

Used when there are no external agents, overflow rules or follow-up contacts (those run
through ``Engine`` and ``Kernel``). Times are seconds.
"""

from __future__ import annotations

import math
import sys
from collections import deque
from heapq import heappop, heappush, heapreplace
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from app.routing.engine import Engine

NONE, ALL = -2, -1


def _gather(items: list, index: np.ndarray) -> list:
    """``[items[k] for k in index]``, taken by numpy from an object array."""
    table = np.empty(len(items), dtype=object)
    for k, item in enumerate(items):
        table[k] = item
    return table[index].tolist()


def _present(keys: np.ndarray) -> list[int]:
    """The distinct values of ``keys`` (small non-negative ints), ascending."""
    return np.flatnonzero(np.bincount(keys)).tolist() if len(keys) else []


def _simple_busy(e: Engine, simple: list[bool], busy_time: list[float]) -> list[float]:
    """Busy seconds inside the window per agent: for an agent with concurrency 1 the sum
    of its contacts from start to the end of wrap-up, clipped; others as counted."""
    start, end, agent = e.outcome()
    taken = agent >= 0
    agent = agent[taken]
    lo, hi = e.window
    release = end[taken] + e.table.wrap[taken]
    spans = np.clip(release, lo, hi) - np.clip(start[taken], lo, hi)
    summed = np.bincount(agent, weights=spans, minlength=len(simple)).tolist()
    return [summed[a] if simple[a] else busy_time[a] for a in range(len(simple))]


def _outcome(e: Engine, speeds: list[list[float]] | None) -> None:
    """Set the run's start, end and agent arrays. Every contact taken has ended by the
    last event, at its start plus its (scaled) handling time: the same sum the loop
    scheduled, so the end is computed here rather than stored per event."""
    start = np.fromiter(e.start, float, len(e.start))
    agent = np.fromiter(e.agent_of, np.int64, len(e.agent_of))
    taken = agent >= 0
    duration = e.table.handle[taken]
    if speeds is not None:
        duration = duration * np.asarray(speeds)[agent[taken], e.table.skill[taken]]
    end = np.full(len(start), math.nan)
    end[taken] = start[taken] + duration
    e._outcome = (start, end, agent)


def run_batch(e: Engine) -> None:  # noqa: C901, PLR0912, PLR0915
    """Run ``e`` (built, not begun) to the end of its events, filling its records."""
    agents = e.agents
    n_agents = len(agents)
    nch = len(agents[0].conc) if agents else 4
    longest = e.selector.name == "longest_idle"
    cap = 4 * n_agents + 64
    clock = 0  # the last stamp handed out
    queued = 0  # contacts in the buckets (an expired one counts until met at a head)

    active = [0] * n_agents
    chan = [-1] * n_agents
    mode = [NONE] * n_agents
    off = [a.off for a in agents]
    conc = [a.conc for a in agents]
    speed = [a.speed for a in agents]
    busy_since = [0.0] * n_agents
    busy_time = [0.0] * n_agents
    simple = [max(a.conc) <= 1 for a in agents]
    # Agents of one group share their keys: a "kind" is the first agent of such a run.
    kind: list[int] = []
    for a in agents:
        kind.append(kind[-1] if a.index and a.keys is agents[a.index - 1].keys else a.index)
    kinds = sorted(set(kind))
    # A freed agent looks only at the buckets some contact of the run goes to (no
    # follow-ups or overflow here, so that set is known before the run).
    filled = {id(e.buckets[b]) for b in _present(e.bucket_keys)}
    shown = {k: {ch: [q for q in qs if id(q) in filled]
                 for ch, qs in agents[k].buckets.items()} for k in kinds}
    cand_all = [shown[kind[a]][ALL] for a in range(n_agents)]
    cands = [shown[kind[a]] for a in range(n_agents)]
    served = {k: sorted({key % nch for key in agents[k].keys[ALL]}) for k in kinds}
    # When every agent is simple (joins and leaves all its channels at once) or serves
    # one channel, its stamps are equal on all its channels: one list serves them all,
    # and one idle deque per kind does too.
    one = all(simple[k] or len(served[k]) <= 1 for k in kinds)
    stamp = [-1] * n_agents
    stamps = [stamp] * nch if one else [[-1] * n_agents for _ in range(nch)]
    lines: dict[tuple[int, int], deque] = {}
    for k in kinds:
        shared = deque()
        for c in served[k]:
            lines[k, c] = shared if one else deque()
    members: list[list[tuple[float, deque]]] = [[] for _ in range(len(e.skills) * nch)]
    for k in kinds:
        for key in agents[k].keys[ALL]:
            members[key].append((-agents[k].prof[key // nch], lines[k, key % nch]))
    for group in members:
        group.sort(key=lambda m: m[0])
    single = [m[0][1] if len(m) == 1 else None for m in members]
    multi = [[q for _neg, q in m] if longest else m for m in members]
    leave_all = {k: list({id(stamps[c]): stamps[c] for c in served[k]}.values()) for k in kinds}
    # The mode of an idle agent: ALL, or its one channel for a kind that serves one
    # channel at a concurrency above 1 (the same lines; no sync between the two).
    wide = [served[kind[a]][0] if not simple[a] and len(served[kind[a]]) == 1 else ALL
            for a in range(n_agents)]
    join_all = {k: list({id(lines[k, c]): (stamps[c], lines[k, c])
                         for c in served[k]}.values()) for k in kinds}
    # with one line per kind: the line a simple agent joins when it becomes idle
    line_of = [join_all[kind[a]][0][1] if one and join_all[kind[a]] else None
               for a in range(n_agents)]
    trans: dict[tuple[int, int, int], tuple[list, list]] = {}
    scaled = any(v != 1.0 for a in {id(a.speed): a for a in agents}.values()
                 for v in a.speed)

    def channels(a: int, m: int) -> list[int]:
        if m == ALL:
            return served[kind[a]]
        return [m] if m >= 0 and m in served[kind[a]] else []

    def compact(q: deque, st: list[int]) -> None:
        kept = [(s, a) for s, a in q if st[a] == s]
        q.clear()
        q.extend(kept)

    def change(a: int, old: int, new: int) -> tuple[list, list]:
        was, will = channels(a, old), channels(a, new)
        k = kind[a]
        found = trans[k, old, new] = (
            list({id(stamps[c]): stamps[c] for c in was if c not in will}.values()),
            list({id(lines[k, c]): (stamps[c], lines[k, c])
                  for c in will if c not in was}.values()))
        return found

    def sync(a: int, new: int) -> None:
        nonlocal clock
        if one and (new == NONE or mode[a] == NONE):
            # one stamp and one line per agent: leave all channels or join all of them.
            # Only leaving can leave an entry behind, so only then is the line compacted.
            q = line_of[a]
            if new == NONE:
                stamp[a] = -1
                if q is not None and len(q) > cap:
                    compact(q, stamp)
            elif mode[a] == NONE and q is not None:
                clock += 1
                stamp[a] = clock
                q.append((clock, a))
            mode[a] = new
            return
        key = (kind[a], mode[a], new)
        leave, join = trans[key] if key in trans else change(a, mode[a], new)
        for st in leave:
            st[a] = -1
        if join:
            clock += 1
            s = clock
            for st, q in join:
                st[a] = s
                q.append((s, a))
                if len(q) > cap:
                    compact(q, st)
        mode[a] = new

    for a in range(n_agents):
        if not off[a]:
            # sync(a, ALL) from NONE, inlined: a new stamp and one entry per line
            clock += 1
            for st, q in join_all[kind[a]]:
                st[a] = clock
                q.append((clock, a))
            mode[a] = wide[a]

    # Sentinels: a last arrival and shift change at ``never`` (finite, after every event)
    # and an infinite event that stays in the heap: no bounds or emptiness checks.
    never = sys.float_info.max
    arrival, handle, give_up = e.arrival[:e.n_base] + [never], e.handle, e.give_up
    channel, skill, qkey = e.channel, e.skill, e.qkey
    start, agent_of, abandoned = e.start, e.agent_of, e.abandoned
    wrap, has_wrap = e.wrap, e.has_wrap
    bucket_of = _gather(e.buckets, e.bucket_keys)
    queue_of = _gather(single, e.pool_keys)
    # per contact only where it varies: the lines of several kinds, the stamps per channel
    several = any(single[k] is None for k in _present(e.pool_keys))
    multi_of = _gather(multi, e.pool_keys) if several else []
    stamp_of = [] if one else _gather(stamps, e.table.channel)
    lo, hi = e.window
    # Shift and break changes are all known before the run: a sorted list of their own.
    shifts = sorted((t, s, arg) for t, _p, s, (_h, arg) in e.kernel.heap)
    e.kernel.heap.clear()
    heap: list[float] = [math.inf]
    due: dict[float, int] = {}
    later: dict[float, deque] = {}
    setdefault, pop = due.setdefault, due.pop
    inf = math.inf

    def clash(t: float, i: int) -> None:
        """A second event at time ``t``: it runs after the one(s) already due then."""
        later.setdefault(t, deque()).append(i)

    def unclash(t: float) -> None:
        waiting = later[t]
        due[t] = waiting.popleft()
        if not waiting:
            del later[t]

    def refill(a: int, now: float) -> bool:
        """Give agent ``a`` waiting contacts while it has room; True if it took one."""
        nonlocal queued
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
                            queued -= 1
                            abandoned[j] = True
                            continue
                        if qkey[j] < best_key:
                            best, best_key, best_q = j, qkey[j], q
                        break
                if best < 0:
                    break
                best_q.popleft()
                queued -= 1
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
                done = now + handle[best] * speed[a][skill[best]]
                heappush(heap, done)
                if setdefault(done, best) != best:
                    clash(done, best)
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
            new = wide[a]
        elif n < conc[a][chan[a]]:
            new = chan[a]
        else:
            new = NONE
        if new != mode[a]:
            sync(a, new)

    k = 0
    pending = arrival[0]
    n_shifts, s_next = len(shifts), 0
    shifted = n_shifts > 0 or any(off)  # an agent can be off duty
    # Simple agents of one line per kind never off duty: only their stamp and line
    # entry matter (no refill, settle or sync ever reads their mode or active count).
    bare = one and not shifted
    shift_at = shifts[0][0] if n_shifts else never
    soon = pending if pending < shift_at else shift_at
    now = 0.0
    st = stamp
    while True:
        if heap[0] <= soon:
            now = heap[0]
            i = pop(now)
            if later and now in later:
                unclash(now)
            if has_wrap:
                if i < 0:
                    i = ~i
                elif wrap[i] > 0:
                    done = now + wrap[i]
                    heapreplace(heap, done)
                    if setdefault(done, ~i) != ~i:
                        clash(done, ~i)
                    continue
            a = agent_of[i]
            if simple[a]:
                # (a simple agent's chan is never read: its one contact fills it)
                if shifted and off[a]:
                    active[a] = 0
                    heappop(heap)
                    settle(a)
                    continue
                best = -1
                if queued:
                    best_key, best_q = inf, None
                    for q in cand_all[a]:
                        while q:
                            j = q[0]
                            if give_up[j] < now:
                                q.popleft()
                                queued -= 1
                                abandoned[j] = True
                                continue
                            if qkey[j] < best_key:
                                best, best_key, best_q = j, qkey[j], q
                            break
                if best < 0:
                    heappop(heap)
                    clock += 1
                    if one:
                        stamp[a] = clock
                        line_of[a].append((clock, a))
                        if bare:
                            continue
                    else:
                        for st, q in join_all[kind[a]]:
                            st[a] = clock
                            q.append((clock, a))
                            if len(q) > cap:
                                compact(q, st)
                    active[a] = 0
                    mode[a] = ALL
                    continue
                best_q.popleft()
                queued -= 1
                start[best] = now
                agent_of[best] = a
                done = now + handle[best] * speed[a][skill[best]] if scaled else now + handle[best]
                heapreplace(heap, done)
                if setdefault(done, best) != best:
                    clash(done, best)
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
            if shifted and off[a]:
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
            best = -1
            if queued:
                best_key, best_q = inf, None
                for q in candidates:
                    while q:
                        j = q[0]
                        if give_up[j] < now:
                            q.popleft()
                            queued -= 1
                            abandoned[j] = True
                            continue
                        if qkey[j] < best_key:
                            best, best_key, best_q = j, qkey[j], q
                        break
            if best < 0:
                heappop(heap)
                new = wide[a] if n == 0 else chan[a]
                if new != mode[a]:
                    if one and mode[a] == NONE:
                        # sync(a, new) inlined: rejoin the kind's one line
                        clock += 1
                        stamp[a] = clock
                        line_of[a].append((clock, a))
                        mode[a] = new
                    else:
                        sync(a, new)
                continue
            best_q.popleft()
            queued -= 1
            start[best] = now
            agent_of[best] = a
            done = now + handle[best] * speed[a][skill[best]] if scaled else now + handle[best]
            heapreplace(heap, done)
            if setdefault(done, best) != best:
                clash(done, best)
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
        if shift_at <= pending:
            if shift_at == never:
                break
            now, _s, (a, delta) = shifts[s_next]
            s_next += 1
            shift_at = shifts[s_next][0] if s_next < n_shifts else never
            soon = pending if pending < shift_at else shift_at
            off[a] += delta
            refill(a, now)
            continue
        i = k
        now = pending
        k += 1
        pending = arrival[k]
        soon = pending if pending < shift_at else shift_at
        q = queue_of[i]
        if not one:
            st = stamp_of[i]
        if q is not None:
            while q:
                s, a = q[0]
                if st[a] == s:
                    break
                q.popleft()
            else:
                bucket_of[i].append(i)
                queued += 1
                continue
        else:
            # several kinds of agent serve this key: compare the heads of their lines
            first = inf
            if longest:
                for line in multi_of[i]:
                    while line:
                        s, b = line[0]
                        if st[b] == s:
                            if s < first:
                                first, a, q = s, b, line
                            break
                        line.popleft()
            else:
                top = inf
                for neg, line in multi_of[i]:
                    if neg > top:
                        break
                    while line:
                        s, b = line[0]
                        if st[b] == s:
                            if neg < top or s < first:
                                top, first, a, q = neg, s, b, line
                            break
                        line.popleft()
            if q is None:
                bucket_of[i].append(i)
                queued += 1
                continue
        start[i] = now
        agent_of[i] = a
        done = now + handle[i] * speed[a][skill[i]] if scaled else now + handle[i]
        heappush(heap, done)
        if setdefault(done, i) != i:
            clash(done, i)
        if simple[a]:
            q.popleft()
            if bare:
                continue
            active[a] = 1
            if one:
                stamp[a] = -1
            else:
                for st in leave_all[kind[a]]:
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
            if one and new == NONE:
                # sync(a, NONE) inlined: its entry, the head of q, stays behind
                stamp[a] = -1
                if len(q) > cap:
                    compact(q, stamp)
                mode[a] = NONE
            else:
                sync(a, new)
    e.kernel.now = now
    _outcome(e, [speed[a] for a in range(n_agents)] if scaled else None)
    if any(simple):
        busy_time = _simple_busy(e, simple, busy_time)
    for a, agent in enumerate(agents):
        agent.busy_time = busy_time[a]
        agent.active, agent.off = active[a], off[a]
