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

    def __len__(self) -> int:
        return len(self.arrival)


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
    p = np.asarray(list(weights.values()), dtype=float)
    return np.asarray(codes, dtype=np.int64)[rng.choice(len(p), n, p=p / p.sum())]


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
    return [times, handle, patience, np.full(n, CHANNELS.index(stream.channel)),
            np.full(n, index["skills"][stream.skill]), ctype, tier]


def generate_contacts(
    streams: Sequence[Stream],
    scripted: Sequence[ScriptedContact],
    skills: Sequence[str],
    horizon: float,
    interval: float,
    rng: np.random.Generator,
) -> ContactTable:
    """Draw all contacts arriving in ``[0, horizon)`` seconds, sorted by arrival time."""
    types = sorted({t for s in streams for t in s.types} | {c.type for c in scripted})
    index = {"types": {t: i for i, t in enumerate(types)},
             "skills": {s: i for i, s in enumerate(skills)}}
    children = rng.spawn(len(streams)) if streams else []
    parts = [_stream_arrays(s, index, child, horizon, interval)
             for s, child in zip(streams, children, strict=True)]
    if scripted:
        parts.append([
            np.asarray([c.at for c in scripted], dtype=float),
            np.asarray([c.handle for c in scripted], dtype=float),
            np.asarray([np.inf if c.patience is None else c.patience for c in scripted]),
            np.asarray([CHANNELS.index(c.channel) for c in scripted]),
            np.asarray([index["skills"][c.skill] for c in scripted]),
            np.asarray([index["types"][c.type] for c in scripted]),
            np.asarray([TIERS.index(c.tier) for c in scripted]),
        ])
    if not parts:
        parts = [[np.zeros(0)] * 7]
    columns = [np.concatenate([p[k] for p in parts]) for k in range(7)]
    if len(parts) == 1 and not np.any(np.diff(columns[0]) < 0):
        order = np.arange(len(columns[0]))
        arrival, handle, patience, channel, skill, ctype, tier = columns
    else:
        order = np.argsort(columns[0], kind="stable")
        arrival, handle, patience, channel, skill, ctype, tier = (c[order] for c in columns)
    payload: list[dict | None] = []
    if any(c.payload is not None for c in scripted):
        n_generated = len(columns[0]) - len(scripted)
        raw = [None] * n_generated + [c.payload for c in scripted]
        payload = [raw[i] for i in order.tolist()]
    floats = {"dtype": float, "copy": False}
    ints = {"dtype": np.int64, "copy": False}
    return ContactTable(
        arrival=arrival.astype(**floats), handle=handle.astype(**floats),
        patience=patience.astype(**floats), channel=channel.astype(**ints),
        skill=skill.astype(**ints), ctype=ctype.astype(**ints), tier=tier.astype(**ints),
        types=types, payload=payload,
    )
