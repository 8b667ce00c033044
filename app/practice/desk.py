"""Honest shift numbers: the simulator's own metrics (``app.routing.metrics.block``) per
channel, for the trainee's customers and for the whole desk, with plain definitions.

The shift is measured as it stands at ``sim.now``: a customer still waiting counts as
offered and not answered. For the service level a customer still waiting past the
channel's threshold counts as not answered in time; one still within it (an e-mail whose
promised reply time has not come yet) is not counted either way — the rule of the live
desk's figure (``InteractiveShift.snapshot``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from app.routing import InteractiveShift
from app.routing.metrics import block
from app.routing.records import Records
from app.routing.schema import CHANNELS


def _records(sim: InteractiveShift) -> Records:
    e = sim.engine
    n = e.n
    arrival = np.asarray(e.arrival, dtype=float)
    return Records(
        arrival=arrival, start=np.asarray(e.start, dtype=float),
        end=np.asarray(e.end, dtype=float), abandoned=np.asarray(e.abandoned, dtype=bool),
        agent=np.asarray(e.agent_of, dtype=np.int64),
        give_up=np.asarray(e.give_up, dtype=float), channel=np.asarray(e.channel),
        skill=np.asarray(e.skill), ctype=np.zeros(n, dtype=np.int64),
        tier=np.zeros(n, dtype=np.int64), types=[], skills=list(e.skills),
        agent_group=np.zeros(0, dtype=np.int64), busy=np.zeros(0), staffed=np.zeros(0),
        group_names=[])


def _rows(rec: Records, mask: np.ndarray, limits: list[float], promise: float, now: float
          ) -> list[dict[str, Any]]:
    rows = []
    for code, channel in enumerate(CHANNELS):
        part = mask & (rec.channel == code)
        if not part.any():
            continue
        m = block(rec, part, limits, promise)
        pending = part & np.isnan(rec.start) & ~rec.abandoned & (
            now - rec.arrival <= limits[code])
        decided = part & ~pending
        level = block(rec, decided, limits, promise)["service_level"] if decided.any() else None
        rows.append({"channel": channel, "threshold": limits[code], "offered": m["offered"],
                     "answered": m["answered"], "abandoned": m["abandoned"],
                     "waiting": m["unanswered"], "asa": m["asa"],
                     "within": int(pending.sum()), "service_level": level})
    return rows


def desk_metrics(sim: InteractiveShift, practice_ids: list[int]) -> dict[str, Any]:
    """Per channel: offered, answered, abandoned, still waiting, ASA and service level for
    the trainee's customers (``practice_ids``) and for every contact of the desk."""
    rec = _records(sim)
    arrived = rec.arrival <= sim.now
    mine = np.zeros(len(rec.arrival), dtype=bool)
    mine[[j for j in practice_ids if j < len(mine)]] = True
    limits = [sim.scenario.threshold(c) for c in CHANNELS]
    promise = sim.scenario.email_promise
    yours = _rows(rec, arrived & mine, limits, promise, sim.now)
    return {"yours": yours, "desk": _rows(rec, arrived, limits, promise, sim.now),
            "threshold": sim.scenario.service_level.seconds,
            "customers": int((arrived & mine).sum()),
            "background": int((arrived & ~mine).sum())}
