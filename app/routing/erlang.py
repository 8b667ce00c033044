"""Reference formulas: Erlang C (M/M/c) and Erlang A (M/M/c+M, exponential patience).

Inputs are an arrival rate in contacts per hour, a mean handle time in seconds and a number
of agents; outputs are P(wait), ASA (mean wait of answered contacts, seconds), the service
level for T seconds (answered within T / offered, abandoned contacts included) and, for
Erlang A, the share of contacts that abandon. Erlang A is computed from the birth-death
chain of the number in system (truncated where the tail is below 1e-16) and the FIFO
position of an arriving customer, with per-stage exit rate c*mu + (i+1)*theta.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np


@dataclass(frozen=True)
class QueueMetrics:
    """Steady-state metrics; times in seconds, shares in [0, 1]."""

    agents: int
    load: float
    p_wait: float
    asa: float
    service_level: float
    abandon: float
    occupancy: float

    def to_dict(self) -> dict[str, float]:
        """Plain data."""
        return asdict(self)


def erlang_b(load: float, agents: int) -> float:
    """Blocking probability for ``load`` Erlangs offered to ``agents`` servers."""
    b = 1.0
    for k in range(1, agents + 1):
        b = load * b / (k + load * b)
    return b


def erlang_c(calls_per_hour: float, aht: float, agents: int, sl_seconds: float = 20.0
             ) -> QueueMetrics:
    """M/M/c: Poisson arrivals (per hour), exponential handle time ``aht`` seconds, no
    abandonment. An overloaded queue (load >= agents) gives P(wait)=1 and infinite ASA."""
    lam, mu = calls_per_hour / 3600.0, 1.0 / aht
    load = lam / mu
    if agents <= load:
        return QueueMetrics(agents, load, 1.0, math.inf, 0.0, 0.0, 1.0)
    b = erlang_b(load, agents)
    c = agents * b / (agents - load * (1 - b))
    gap = agents * mu - lam
    return QueueMetrics(agents, load, c, c / gap, 1 - c * math.exp(-gap * sl_seconds), 0.0,
                        load / agents)


def _stationary(lam: float, mu: float, theta: float, agents: int) -> np.ndarray:
    extra = 256
    while True:
        k = np.arange(1, agents + extra + 1)
        death = np.minimum(k, agents) * mu + np.maximum(k - agents, 0) * theta
        logw = np.concatenate([[0.0], np.cumsum(math.log(lam) - np.log(death))])
        if logw[-1] < logw.max() - 40 or extra > 10_000_000:
            break
        extra *= 4
    weights = np.exp(logw - logw.max())
    keep = int(np.nonzero(weights > 1e-17)[0].max()) + 1
    weights = weights[: max(keep, agents + 1)]
    return weights / weights.sum()


def _within(rates: np.ndarray, horizon: float) -> np.ndarray:
    """P(sum of Exp(rates[0..j]) <= horizon) for every j, by uniformization."""
    top = float(rates.max())
    lt = top * horizon
    steps = int(lt + 10 * math.sqrt(lt) + 30)
    move = rates / top
    v = np.zeros(len(rates))
    total = np.zeros(len(rates))
    log_lt = math.log(lt) if lt > 0 else -math.inf
    for step in range(steps + 1):
        weight = math.exp(step * log_lt - lt - math.lgamma(step + 1)) if lt > 0 else float(
            step == 0)
        total += weight * v
        prev = np.concatenate([[1.0], v[:-1]])
        v = (1 - move) * v + move * prev
    return np.minimum(total, 1.0)


def erlang_a(calls_per_hour: float, aht: float, agents: int, patience: float,
             sl_seconds: float = 20.0) -> QueueMetrics:
    """M/M/c+M: as ``erlang_c`` plus exponential patience with mean ``patience`` seconds."""
    lam, mu, theta = calls_per_hour / 3600.0, 1.0 / aht, 1.0 / patience
    p = _stationary(lam, mu, theta, agents)
    queued = p[agents:]
    j = np.arange(len(queued))
    exit_rate = agents * mu + (j + 1) * theta
    served = np.cumprod((exit_rate - theta) / exit_rate)
    mean_stage = np.cumsum(1.0 / exit_rate)
    p_served = float(p[:agents].sum() + (queued * served).sum())
    asa = float((queued * served * mean_stage).sum()) / p_served
    sl = float(p[:agents].sum() + (queued * served * _within(exit_rate, sl_seconds)).sum())
    busy = float((np.minimum(np.arange(len(p)), agents) * p).sum())
    return QueueMetrics(agents, lam / mu, float(queued.sum()), asa, sl, 1 - p_served,
                        busy / agents)


def staff_by_formula(calls_per_hour: float, aht: float, sl_target: float = 0.8,
                     sl_seconds: float = 20.0, patience: float | None = None,
                     max_agents: int = 100_000) -> QueueMetrics:
    """Fewest agents whose service level for ``sl_seconds`` meets ``sl_target`` (Erlang C,
    or Erlang A when ``patience`` seconds is given); returns that staffing's metrics."""
    load = calls_per_hour * aht / 3600.0
    agents = max(1, math.floor(load) + 1) if patience is None else max(1, math.floor(load / 2))
    while agents <= max_agents:
        result = (erlang_c(calls_per_hour, aht, agents, sl_seconds) if patience is None
                  else erlang_a(calls_per_hour, aht, agents, patience, sl_seconds))
        if result.service_level >= sl_target:
            return result
        agents += 1
    raise ValueError(f"no staffing up to {max_agents} agents meets the target")
