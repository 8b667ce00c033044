"""Service-time and patience distributions, sampled in bulk from an injected numpy Generator.

All values are in seconds. A distribution is described by a small mapping, e.g.
``{"dist": "exponential", "mean": 180}``, ``{"dist": "lognormal", "mean": 240, "sd": 120}``,
``{"dist": "deterministic", "mean": 300}`` or ``{"dist": "empirical", "values": [60, 90, 400]}``
(an empirical distribution draws uniformly from the listed observations).
"""

from __future__ import annotations

import math

import numpy as np


def sample(spec: dict | None, rng: np.random.Generator, n: int) -> np.ndarray:
    """Draw ``n`` values (seconds) from ``spec``; ``None`` means "never" (infinite patience)."""
    if spec is None:
        return np.full(n, math.inf)
    kind = spec["dist"]
    if kind == "exponential":
        return rng.exponential(spec["mean"], n)
    if kind == "deterministic":
        return np.full(n, float(spec["mean"]))
    if kind == "lognormal":
        mean, sd = spec["mean"], spec["sd"]
        sigma2 = math.log1p((sd / mean) ** 2)
        mu = math.log(mean) - sigma2 / 2
        return rng.lognormal(mu, math.sqrt(sigma2), n)
    if kind == "empirical":
        values = np.asarray(spec["values"], dtype=float)
        return values[rng.integers(0, len(values), n)]
    raise ValueError(f"unknown distribution {kind!r}")


def mean_of(spec: dict | None) -> float:
    """Mean of ``spec`` in seconds (infinite for ``None``)."""
    if spec is None:
        return math.inf
    if spec["dist"] == "empirical":
        return float(np.mean(spec["values"]))
    return float(spec["mean"])
