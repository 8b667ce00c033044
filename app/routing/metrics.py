"""Contact-center metrics from run records, measured the way an analyst would.

Definitions (times in seconds):

- *Measured contacts* arrive in ``[warmup, horizon)``; contacts arriving during warm-up
  are dropped from every contact metric (they still occupy agents and queues). Contacts
  still being handled after the horizon are followed to the end (no truncation).
- *Offered*: measured contacts that arrived. *Answered*: taken by an agent. *Abandoned*:
  a live customer (phone, chat) hung up before being answered; ``abandon_rate`` =
  abandoned / offered. *Unanswered*: neither (e.g. e-mail still open when staff went home).
- *Service level*: answered within T seconds / offered, abandoned ones included in the
  denominator (no short-abandon exclusion). T is the contact's channel's own threshold
  (``service_level.channels``; e-mail and fax default to the e-mail promise). A block with
  live contacts (phone, chat) measures them only; an e-mail- or fax-only block (e.g. its
  ``by_channel`` entry) measures its own contacts, answered = taken by an agent.
- *ASA* and wait percentiles: waiting time of answered contacts of the same set (zero
  waits count).
  ``p_wait``: share of offered live contacts not answered on arrival.
- *AHT*: mean handling time (answer to finish) of completed contacts, all channels.
- *Occupancy* per agent group: seconds with at least one contact in progress / seconds on
  duty (shift minus breaks), both inside ``[warmup, horizon)``.
- *E-mail*: every e-mail is acknowledged on arrival with a promised response time;
  response time = arrival to reply sent (end of handling); ``promises_kept`` = replies
  within the promise / e-mails offered (unanswered ones count as broken promises).
- *Transfer legs* (the second skill of a transferred contact) are not contacts of their
  own: they are left out of every block and summarized under ``transfers``. Callbacks
  are new contacts (``callbacks`` counts them).
- *Intervals* cover the whole day by arrival time (warm-up included): offered, answered,
  abandoned, service level and ASA as above; ``avg_queue``/``max_queue``: time-average and
  maximum number of live contacts waiting during the interval.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from app.routing.records import Records
from app.routing.schema import CHANNELS, TIERS

LAST_LIVE = 1  # phone and chat come first in CHANNELS
assert CHANNELS[: LAST_LIVE + 1] == ("phone", "chat")
EMAIL = CHANNELS.index("email")


def _mean(values: np.ndarray) -> float | None:
    """``values.mean()`` (the same pairwise sum over the same count), without its
    Python-level bookkeeping."""
    n = len(values)
    return float(np.add.reduce(values)) / n if n else None


def count(flags: np.ndarray) -> int:
    """Number of true values, as a plain int."""
    return int(np.count_nonzero(flags))


def _share(part: float, whole: float) -> float | None:
    return float(part / whole) if whole else None


def per_contact(rec: Records, sl_seconds: float | list[float]) -> float | np.ndarray:
    """The threshold of each contact: one number, or one per channel code."""
    if isinstance(sl_seconds, int | float):
        return sl_seconds
    return np.asarray(sl_seconds, dtype=float)[rec.channel]


def percentiles(values: np.ndarray, qs: tuple[float, ...]) -> list[float]:
    """``np.percentile(values, qs)`` (linear method, same floating-point steps) from one
    sort; numpy's own spends most of its time on bookkeeping for small arrays, and a
    partition at several positions takes longer than sorting them all."""
    n = len(values)
    spots = [(n - 1) * (q / 100) for q in qs]
    part = np.sort(values)
    out = []
    for v in spots:
        lo = int(v)
        if v >= n - 1:
            out.append(float(part[n - 1]))
            continue
        a, b, t = float(part[lo]), float(part[lo + 1]), v - lo
        step = b - a
        out.append(b - step * (1 - t) if t >= 0.5 else a + step * t)
    return out


class Base:
    """Per-contact facts every block needs, computed once per run (see ``block``)."""

    def __init__(self, rec: Records, sl_seconds: float | list[float], promise: float) -> None:
        self.answered = ~np.isnan(rec.start)
        ended = ~np.isnan(rec.end)
        self.done = self.answered & ended
        self.live = rec.channel <= LAST_LIVE
        self.wait = rec.start - rec.arrival
        with np.errstate(invalid="ignore"):
            self.within = self.wait <= per_contact(rec, sl_seconds)
            self.instant = self.wait <= 0
        self.handle = rec.end - rec.start
        self.email = rec.channel == EMAIL
        self.replied = self.email & ended
        self.response = rec.end - rec.arrival
        with np.errstate(invalid="ignore"):
            self.kept = self.replied & (self.response <= promise)


def block(rec: Records, mask: np.ndarray, sl_seconds: float | list[float],
          promise: float, base: Base | None = None) -> dict[str, Any]:
    """Metrics for the contacts selected by ``mask`` (see module docstring);
    ``sl_seconds`` is one threshold or one per channel code; ``base`` the run's
    ``Base`` for the same thresholds and promise, when the caller has it."""
    b = base if base is not None else Base(rec, sl_seconds, promise)
    rows = np.flatnonzero(mask)
    offered = len(rows)
    answered, abandoned = b.answered[rows], rec.abandoned[rows]
    live = b.live[rows]
    n_live = count(live)
    if not n_live:
        live, n_live = np.ones(offered, dtype=bool), offered
    live_answered = live & answered
    wait = b.wait[rows][live_answered]
    result: dict[str, Any] = {
        "offered": offered,
        "answered": count(answered),
        "abandoned": count(abandoned),
        "service_level": _share(count(live_answered & b.within[rows]), n_live),
        "asa": _mean(wait),
        "p_wait": _share(n_live - count(live_answered & b.instant[rows]), n_live),
        "abandon_rate": _share(count(live & abandoned), n_live),
        "aht": _mean(b.handle[rows][b.done[rows]]),
    }
    result["unanswered"] = offered - result["answered"] - result["abandoned"]
    quantiles = percentiles(wait, (50, 90, 95)) if len(wait) else [None] * 3
    result.update(zip(("wait_p50", "wait_p90", "wait_p95"), quantiles, strict=True))
    n_email = count(b.email[rows])
    if n_email:
        replied = b.replied[rows]
        response = b.response[rows][replied]
        result["email"] = {
            "offered": n_email,
            "acknowledged": n_email,
            "replied": count(replied),
            "response_mean": _mean(response),
            "response_p90": percentiles(response, (90,))[0] if len(response) else None,
            "promises_kept": _share(count(b.kept[rows]), n_email),
        }
    return result


def _queue_profile(rec: Records, edges: np.ndarray) -> tuple[list[float], list[int]]:
    live = rec.channel <= LAST_LIVE
    leave = np.where(np.isnan(rec.start), np.where(rec.abandoned, rec.give_up, np.inf),
                     rec.start)
    waited = live & (leave > rec.arrival)
    # leaves (-1) before joins (+1): a stable sort by time puts a leave first at a tie
    n_waited = int(np.count_nonzero(waited))
    times = np.concatenate([np.minimum(leave[waited], edges[-1]), rec.arrival[waited]])
    deltas = np.concatenate([-np.ones(n_waited), np.ones(n_waited)])
    order = np.argsort(times, kind="stable")
    times, level = times[order], np.cumsum(deltas[order])
    # Interval k covers its start, the changes strictly inside it and its end: t_k, and
    # the queue q_k from its start. All intervals' t_k and q_k are laid end to end (one
    # gather each); the area of interval k is then q_k . diff(t_k), as one dot product.
    n, n_int = len(times), len(edges) - 1
    lo, hi = edges[:-1], edges[1:]
    a = np.searchsorted(times, lo, "right")
    inner = np.searchsorted(times, hi, "left") - a
    t_start = np.concatenate([[0], np.cumsum(inner + 2)[:-1]])
    t_index = np.repeat(a - t_start - 1, inner + 2) + np.arange(int(t_start[-1] + inner[-1] + 2))
    t_index[t_start] = n + np.arange(n_int)
    t_index[t_start + inner + 1] = n + n_int + np.arange(n_int)
    step = np.diff(np.concatenate([times, lo, hi])[t_index])
    q_start = t_start - np.arange(n_int)
    # the queue before the first change is 0: index -1 reads the 0 appended at the end
    q_index = np.repeat(a - 1 - q_start, inner + 1) + np.arange(int(q_start[-1] + inner[-1] + 1))
    queue = np.concatenate([level, [0.0]])[q_index]
    avg = [float(np.dot(queue[q:q + m + 1], step[t:t + m + 1]) / (b - e))
           for q, t, m, e, b in zip(q_start.tolist(), t_start.tolist(), inner.tolist(),
                                    lo.tolist(), hi.tolist(), strict=True)]
    peak = np.maximum.reduceat(queue, q_start).astype(np.int64).tolist()
    return avg, peak


def intervals(rec: Records, horizon: float, interval: float,
              sl_seconds: float | list[float]) -> list[dict[str, Any]]:
    """Per-interval rows (by arrival time) for charts; see module docstring."""
    n_int = max(1, int(np.ceil(horizon / interval - 1e-9)))
    edges = np.minimum(np.arange(n_int + 1) * interval, horizon)
    idx = np.minimum((rec.arrival // interval).astype(np.int64), n_int - 1)
    answered = ~np.isnan(rec.start)
    live = rec.channel <= LAST_LIVE
    wait = np.where(answered, rec.start - rec.arrival, 0.0)

    if len(idx) < 2 or bool((idx[1:] >= idx[:-1]).all()):
        # contacts in arrival order (no follow-ups): each interval is a run of rows
        starts = np.searchsorted(idx, np.arange(n_int))
        offered = np.diff(np.append(starts, len(idx)))
        empty = offered == 0

        def tally(flags: np.ndarray) -> np.ndarray:
            sums = np.add.reduceat(np.append(flags, False), starts, dtype=np.int64)
            sums[empty] = 0  # reduceat gives an empty run's first row
            return sums
    else:
        offered = np.bincount(idx, minlength=n_int)

        def tally(flags: np.ndarray) -> np.ndarray:
            return np.bincount(idx, weights=flags, minlength=n_int)

    n_answered, abandoned, n_live = tally(answered), tally(rec.abandoned), tally(live)
    live_answered = live & answered
    within = tally(live_answered & (wait <= per_contact(rec, sl_seconds)))
    live_ans = tally(live_answered)
    wait_sum = np.bincount(idx, weights=np.where(live_answered, wait, 0.0), minlength=n_int)
    avg_q, max_q = _queue_profile(rec, edges)
    return [
        {
            "start": float(edges[k]),
            "offered": int(offered[k]),
            "answered": int(n_answered[k]),
            "abandoned": int(abandoned[k]),
            "service_level": _share(within[k], n_live[k]),
            "asa": _share(wait_sum[k], live_ans[k]),
            "avg_queue": avg_q[k],
            "max_queue": max_q[k],
        }
        for k in range(n_int)
    ]


def summarize(rec: Records, warmup: float, horizon: float, interval: float,
              sl_seconds: float | list[float], promise: float) -> dict[str, Any]:
    """All metrics of one run: overall, by channel, skill, tier, agent group and interval;
    ``sl_seconds`` is one threshold or one per channel code."""
    window = (rec.arrival >= warmup) & (rec.arrival < horizon)
    measured = window & (rec.origin != 1)
    base = Base(rec, sl_seconds, promise)
    overall = block(rec, measured, sl_seconds, promise, base)
    legs = window & (rec.origin == 1)
    if legs.any():
        overall["transfers"] = block(rec, legs, sl_seconds, promise, base)
    if (rec.origin == 2).any():
        overall["callbacks"] = int((measured & (rec.origin == 2)).sum())
    total = int(measured.sum())

    def by(codes: np.ndarray, names: list[str] | tuple[str, ...]) -> dict[str, Any]:
        counts = np.bincount(codes[measured], minlength=len(names))
        return {name: overall if counts[k] == total else
                block(rec, measured & (codes == k), sl_seconds, promise, base)
                for k, name in enumerate(names) if counts[k]}

    groups = {}
    for g, name in enumerate(rec.group_names):
        members = rec.agent_group == g
        staffed = float(rec.staffed[members].sum())
        groups[name] = {
            "agents": int(members.sum()),
            "occupancy": _share(float(rec.busy[members].sum()), staffed),
        }
    return {
        "overall": overall,
        "by_channel": by(rec.channel, CHANNELS),
        "by_skill": by(rec.skill, rec.skills),
        "by_tier": by(rec.tier, TIERS),
        "by_type": by(rec.ctype, rec.types),
        "by_group": groups,
        "intervals": intervals(rec, horizon, interval, sl_seconds),
    }
