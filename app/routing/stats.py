"""Confidence intervals: Student t quantiles, replication summaries and batch means."""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import NormalDist
from typing import Any

import numpy as np

from app.routing.metrics import block
from app.routing.records import Records

PLAIN_KEYS = frozenset({"start", "agents"})


def t_quantile(p: float, df: int) -> float:
    """Quantile ``p`` of Student's t with ``df`` degrees of freedom (Cornish-Fisher for
    df >= 3; exact for 1 and 2); accurate to about 1e-3 for df >= 3."""
    if df == 1:
        return math.tan(math.pi * (p - 0.5))
    if df == 2:
        return (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    z = NormalDist().inv_cdf(p)
    v = float(df)
    return (z + (z**3 + z) / (4 * v) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * v**2)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * v**3)
            + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * v**4))


def mean_ci(values: Sequence[float], confidence: float = 0.95) -> tuple[float, float]:
    """Mean and half-width of the two-sided t confidence interval (0 for one value)."""
    data = np.asarray(values, dtype=float)
    mean = float(data.mean())
    if len(data) < 2:
        return mean, 0.0
    sd = float(data.std(ddof=1))
    return mean, t_quantile(0.5 + confidence / 2, len(data) - 1) * sd / math.sqrt(len(data))


def batch_means(rec: Records, warmup: float, horizon: float, batches: int,
                sl_seconds: float | list[float], confidence: float = 0.95
                ) -> dict[str, tuple[float, float]]:
    """Batch-means estimate of service level, ASA (seconds), P(wait) and abandonment share:
    the measured span is cut into ``batches`` equal spans by arrival time, each span's
    metric is one observation; returns metric -> (mean, half-width)."""
    edges = np.linspace(warmup, horizon, batches + 1)
    rows = [block(rec, (rec.arrival >= lo) & (rec.arrival < hi), sl_seconds, math.inf)
            for lo, hi in zip(edges[:-1], edges[1:], strict=True)]
    return {name: mean_ci([row[name] or 0.0 for row in rows], confidence)
            for name in ("service_level", "asa", "p_wait", "abandon_rate")}


def mser(series: Sequence[float], batch: int = 5) -> int:
    """MSER-``batch`` truncation point: the number of leading observations to drop.
    The series is cut into batch means; the cut ``d`` (in batches, over the first half)
    minimizes the variance of the remaining batch means over ``(m - d)**2``."""
    data = np.asarray(series, dtype=float)
    m = len(data) // batch
    if m < 4:
        return 0
    means = data[: m * batch].reshape(m, batch).mean(axis=1)
    tail_sum = np.cumsum(means[::-1])[::-1]
    tail_sq = np.cumsum((means**2)[::-1])[::-1]
    d = np.arange(m // 2 + 1)
    kept = m - d
    sse = tail_sq[d] - tail_sum[d] ** 2 / kept
    return int(np.argmin(sse / kept**2)) * batch


def detect_warmup(rec: Records, horizon: float, sl_seconds: float | list[float],
                  batches: int = 20) -> dict[str, Any]:
    """Warm-up found by MSER-5 on the waits (seconds) of live contacts in arrival order
    (abandoned ones count their time to abandon), and batch-means 95% CIs of the metrics
    measured after it."""
    live = np.nonzero((rec.channel <= 1) & (rec.arrival < horizon) & (rec.origin != 1))[0]
    if not len(live):
        live = np.nonzero(rec.arrival < horizon)[0]
    live = live[np.argsort(rec.arrival[live], kind="stable")]
    left = np.where(np.isnan(rec.start), np.minimum(rec.give_up, horizon), rec.start)
    wait = (left - rec.arrival)[live]
    cut = mser(np.nan_to_num(wait, posinf=0.0))
    seconds = float(rec.arrival[live[cut]]) if cut and cut < len(live) else 0.0
    ci = batch_means(rec, seconds, horizon, batches, sl_seconds)
    return {"method": "mser5", "seconds": seconds, "dropped": cut,
            "ci95": {name: {"mean": m, "ci95": h} for name, (m, h) in ci.items()}}


def aggregate(samples: Sequence[Any], confidence: float = 0.95) -> Any:
    """Combine the same-shaped metric trees of several replications: numbers become
    ``{"mean", "ci95"}`` (half-width), dicts and lists are combined element-wise; labels
    such as an interval's ``start`` are kept as they are."""
    present = [s for s in samples if s is not None]
    if not present:
        return None
    first = present[0]
    if isinstance(first, dict):
        keys = list(dict.fromkeys(k for s in present for k in s))
        return {k: present[0].get(k) if k in PLAIN_KEYS else
                aggregate([s.get(k) for s in present], confidence) for k in keys}
    if isinstance(first, list):
        return [aggregate([s[i] for s in present if i < len(s)], confidence)
                for i in range(max(len(s) for s in present))]
    if isinstance(first, bool | str):
        return first
    mean, half = mean_ci(present, confidence)
    return {"mean": mean, "ci95": half}
