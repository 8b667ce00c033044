"""Generate the contacts of one run: Poisson streams with per-interval rates plus scripted ones.

Every random draw comes from the numpy Generator passed in; each stream draws from its own
child generator, so changing agents or policy leaves the arrivals unchanged (common random
numbers). Times are seconds from the start of the day; contacts are numbered in arrival order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from app.routing.distributions import sample
from app.routing.schema import CHANNELS, TIERS, ScriptedContact, Stream


@dataclass
class ContactTable:
    """Contacts of one run as parallel arrays, sorted by arrival time (seconds)."""

    arrival: np.ndarray
    handle: np.ndarray
    patience: np.ndarray
    channel: np.ndarray
    skill: np.ndarray
    ctype: np.ndarray
    tier: np.ndarray
    types: list[str]
    payload: list[dict | None] = field(default_factory=list)
    wrap: np.ndarray | None = None
    origin: np.ndarray | None = None
    transfer: np.ndarray | None = None
    callback: np.ndarray | None = None
    delay: np.ndarray | None = None
    n_base: int = -1

    def __post_init__(self) -> None:
        n = len(self.arrival)
        if self.n_base < 0:
            self.n_base = n
        if self.wrap is None:
            self.wrap = np.zeros(n)
        if self.origin is None:
            self.origin = np.zeros(n, dtype=np.int64)
        if self.transfer is None:
            self.transfer = np.full(n, -1, dtype=np.int64)
        if self.callback is None:
            self.callback = np.full(n, -1, dtype=np.int64)
        if self.delay is None:
            self.delay = np.zeros(n)

    def __len__(self) -> int:
        return len(self.arrival)

    @property
    def has_followups(self) -> bool:
        """True when some contacts may be followed by a transfer leg or a callback."""
        return self.n_base < len(self.arrival)


def poisson_times(per_hour: Sequence[float], interval: float, horizon: float,
                  rng: np.random.Generator) -> np.ndarray:
    """Sorted arrival times (seconds) of a Poisson process whose rate is ``per_hour[k]``
    contacts per hour during interval k: a unit-rate process (cumulated exponential gaps)
    mapped through the inverse of the cumulative rate."""
    n_int = len(per_hour)
    edges = np.minimum(np.arange(n_int + 1) * interval, horizon)
    cumulative = np.concatenate([[0.0], np.cumsum(np.asarray(per_hour) / 3600.0
                                                  * np.diff(edges))])
    total = float(cumulative[-1])
    if total <= 0:
        return np.zeros(0)
    chunks, reached = [], 0.0
    while reached <= total:
        size = int(total - reached + 5 * np.sqrt(total - reached + 1) + 16)
        chunk = reached + np.cumsum(rng.exponential(1.0, size))
        chunks.append(chunk)
        reached = float(chunk[-1])
    unit = np.concatenate(chunks)
    unit = unit[: np.searchsorted(unit, total, "left")]
    return np.interp(unit, cumulative, edges)


def _pick(weights: dict[str, float], codes: list[int], rng: np.random.Generator,
          n: int) -> np.ndarray:
    if len(weights) == 1:
        return np.full(n, codes[0], dtype=np.int64)
    # rng.choice(len(p), n, p=p / p.sum()) without its argument checks: the same
    # uniform draws and the same cumulative table, so the same picks
    p = np.asarray(list(weights.values()), dtype=float)
    cdf = (p / p.sum()).cumsum()
    cdf /= cdf[-1]
    picks = cdf.searchsorted(rng.random(n), side="right")
    return np.asarray(codes, dtype=np.int64)[picks]


def _stream_arrays(stream: Stream, index: dict, rng: np.random.Generator, horizon: float,
                   interval: float) -> list[np.ndarray]:
    n_int = max(1, int(np.ceil(horizon / interval - 1e-9)))
    per_hour = stream.rates_per_hour or [stream.rate_per_hour] * n_int
    times = poisson_times(per_hour, interval, horizon, rng)
    n = len(times)
    ctype = _pick(stream.types, [index["types"][t] for t in stream.types], rng, n)
    tier = _pick(stream.tiers, [TIERS.index(t) for t in stream.tiers], rng, n)
    handle = sample(stream.handle.model_dump(), rng, n)
    patience = sample(stream.patience.model_dump() if stream.patience else None, rng, n)
    wrap = sample(stream.wrapup.model_dump(), rng, n) if stream.wrapup else np.zeros(n)
    nan = np.full(n, np.nan)
    xfer_skill, xfer_handle = np.full(n, -1), nan
    if stream.transfer:
        moved = rng.random(n) < stream.transfer.share
        xfer_skill = np.where(moved, index["skills"][stream.transfer.skill], -1)
        xfer_handle = sample(stream.transfer.handle.model_dump(), rng, n)
    cb_delay, cb_handle, cb_patience = nan, nan, nan
    if stream.callback:
        calls = rng.random(n) < stream.callback.probability
        cb_delay = np.where(calls, sample(stream.callback.delay.model_dump(), rng, n), np.nan)
        cb_handle = sample(stream.handle.model_dump(), rng, n)
        cb_patience = sample(stream.patience.model_dump(), rng, n)
    return [times, handle, patience, np.full(n, CHANNELS.index(stream.channel)),
            np.full(n, index["skills"][stream.skill]), ctype, tier,
            wrap, xfer_skill, xfer_handle, cb_delay, cb_handle, cb_patience]


def generate_contacts(
    streams: Sequence[Stream],
    scripted: Sequence[ScriptedContact],
    skills: Sequence[str],
    horizon: float,
    interval: float,
    rng: np.random.Generator,
    limit: int | None = None,
) -> ContactTable:
    """Draw all contacts arriving in ``[0, horizon)`` seconds, sorted by arrival time
    (only the first ``limit`` if given). Possible follow-ups (transfer legs, callbacks)
    are drawn up front too and appended after them with a NaN arrival; the engine sets
    the arrival if the follow-up happens."""
    types = sorted({t for s in streams for t in s.types} | {c.type for c in scripted})
    index = {"types": {t: i for i, t in enumerate(types)},
             "skills": {s: i for i, s in enumerate(skills)}}
    children = rng.spawn(len(streams)) if streams else []
    parts = [_stream_arrays(s, index, child, horizon, interval)
             for s, child in zip(streams, children, strict=True)]
    if scripted:
        m = len(scripted)
        parts.append([
            np.asarray([c.at for c in scripted], dtype=float),
            np.asarray([c.handle for c in scripted], dtype=float),
            np.asarray([np.inf if c.patience is None else c.patience for c in scripted]),
            np.asarray([CHANNELS.index(c.channel) for c in scripted]),
            np.asarray([index["skills"][c.skill] for c in scripted]),
            np.asarray([index["types"][c.type] for c in scripted]),
            np.asarray([TIERS.index(c.tier) for c in scripted]),
            np.asarray([c.wrapup for c in scripted], dtype=float), np.full(m, -1),
            *[np.full(m, np.nan)] * 4,
        ])
    if not parts:
        parts = [[np.zeros(0)] * 13]
    columns = [np.concatenate([p[k] for p in parts]) for k in range(13)]
    if len(parts) == 1 and not np.any(np.diff(columns[0]) < 0):
        order = np.arange(len(columns[0]))
    else:
        order = np.argsort(columns[0], kind="stable")
        columns = [c[order] for c in columns]
    if limit is not None and limit < len(order):
        order, columns = order[:limit], [c[:limit] for c in columns]
    arrival, handle, patience, channel, skill, ctype, tier = columns[:7]
    wrap, followups = columns[7], _followups(columns)
    payload: list[dict | None] = []
    if any(c.payload is not None for c in scripted):
        n_generated = len(columns[0]) - len(scripted)
        raw = [None] * n_generated + [c.payload for c in scripted]
        payload = [raw[i] for i in order.tolist()]
    n = len(arrival)
    transfer, callback = np.full(n, -1), np.full(n, -1)
    delay = np.concatenate([np.nan_to_num(columns[10]), np.zeros(len(followups["parent"]))])
    origin = np.zeros(n, dtype=np.int64)
    if len(followups["parent"]):
        rows = n + np.arange(len(followups["parent"]))
        is_xfer = followups["origin"] == 1
        transfer[followups["parent"][is_xfer]] = rows[is_xfer]
        callback[followups["parent"][~is_xfer]] = rows[~is_xfer]
        arrival = np.concatenate([arrival, np.full(len(rows), np.nan)])
        handle = np.concatenate([handle, followups["handle"]])
        patience = np.concatenate([patience, followups["patience"]])
        parent = followups["parent"]
        channel = np.concatenate([channel, channel[parent]])
        skill = np.concatenate([skill, followups["skill"]])
        ctype = np.concatenate([ctype, ctype[parent]])
        tier = np.concatenate([tier, tier[parent]])
        wrap = np.concatenate([wrap, np.where(is_xfer, 0.0, wrap[parent])])
        origin = np.concatenate([origin, followups["origin"]])
        transfer = np.concatenate([transfer, np.full(len(rows), -1)])
        callback = np.concatenate([callback, np.full(len(rows), -1)])
        if payload:
            payload += [None] * len(rows)
    floats = {"dtype": float, "copy": False}
    ints = {"dtype": np.int64, "copy": False}
    return ContactTable(
        arrival=arrival.astype(**floats), handle=handle.astype(**floats),
        patience=patience.astype(**floats), channel=channel.astype(**ints),
        skill=skill.astype(**ints), ctype=ctype.astype(**ints), tier=tier.astype(**ints),
        types=types, payload=payload, wrap=wrap.astype(**floats), origin=origin,
        transfer=transfer.astype(**ints), callback=callback.astype(**ints),
        delay=delay.astype(**floats), n_base=n,
    )


def _followups(columns: list[np.ndarray]) -> dict[str, np.ndarray]:
    """Rows of possible follow-ups: transfer legs (origin 1), then callbacks (origin 2)."""
    skill, xfer_skill, xfer_handle = columns[4], columns[8], columns[9]
    cb_delay, cb_handle, cb_patience = columns[10], columns[11], columns[12]
    moved = np.nonzero(xfer_skill >= 0)[0]
    calls = np.nonzero(~np.isnan(cb_delay))[0]
    return {
        "parent": np.concatenate([moved, calls]).astype(np.int64),
        "origin": np.concatenate([np.ones(len(moved)), np.full(len(calls), 2)]).astype(
            np.int64),
        "skill": np.concatenate([xfer_skill[moved], skill[calls]]).astype(np.int64),
        "handle": np.concatenate([xfer_handle[moved], cb_handle[calls]]),
        "patience": np.concatenate([np.full(len(moved), np.inf), cb_patience[calls]]),
    }
