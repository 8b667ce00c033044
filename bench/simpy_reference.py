"""An idiomatic SimPy model of the same contact center, written for the benchmark.

It is what a SimPy user would write: one generator process per arrival stream and per
contact; agents are items in a ``FilterStore`` (a contact asks for any agent with its skill
and channel, and waiting requests are served in the order they were made, which is the
blended first-in-first-out queue with longest-idle agent selection); impatience is
``yield get | env.timeout(patience)``. A chat agent who handles two chats at once puts
two items (slots) in the store. For the single-queue M/M/c cases a plain ``Resource`` is
used. Times are seconds; supports constant-rate streams, no shifts or breaks.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import simpy

from app.routing.scenario import Scenario


@dataclass
class Outcome:
    """One contact as seen by the SimPy model (seconds)."""

    arrival: float
    channel: str
    wait: float | None
    abandoned: bool


@dataclass
class Slot:
    """One unit of agent capacity in the store."""

    name: str
    skills: dict[str, float]
    channels: frozenset[str]


def draw(rng: random.Random, spec: dict | None) -> float:
    """One value (seconds) from a distribution spec; ``None`` means infinite patience."""
    if spec is None:
        return math.inf
    kind = spec["dist"]
    if kind == "exponential":
        return rng.expovariate(1.0 / spec["mean"])
    if kind == "deterministic":
        return float(spec["mean"])
    if kind == "lognormal":
        sigma2 = math.log1p((spec["sd"] / spec["mean"]) ** 2)
        return rng.lognormvariate(math.log(spec["mean"]) - sigma2 / 2, math.sqrt(sigma2))
    return float(rng.choice(spec["values"]))


def run_mmc(
    per_hour: float, aht: float, agents: int, hours: float, patience: float | None, seed: int
) -> list[Outcome]:
    """M/M/c (or M/M/c+M) with ``simpy.Resource``: Poisson arrivals per hour until
    ``hours``; customers still present then are followed to the end."""
    rng = random.Random(seed)
    env = simpy.Environment()
    desk = simpy.Resource(env, capacity=agents)
    outcomes: list[Outcome] = []

    def customer(env: simpy.Environment):
        arrived = env.now
        with desk.request() as request:
            if patience is None:
                yield request
            else:
                result = yield request | env.timeout(rng.expovariate(1.0 / patience))
                if request not in result:
                    outcomes.append(Outcome(arrived, "phone", None, True))
                    return
            outcomes.append(Outcome(arrived, "phone", env.now - arrived, False))
            yield env.timeout(rng.expovariate(1.0 / aht))

    def source(env: simpy.Environment):
        while True:
            yield env.timeout(rng.expovariate(per_hour / 3600.0))
            if env.now >= hours * 3600:
                return
            env.process(customer(env))

    env.process(source(env))
    env.run()
    return outcomes


def run_scenario(scenario: Scenario, seed: int) -> list[Outcome]:
    """The scenario's streams and agent groups, blended FIFO with longest-idle agents."""
    rng = random.Random(seed)
    env = simpy.Environment()
    agents = simpy.FilterStore(env)
    for group in scenario.agents:
        for k in range(group.count):
            if len(group.channels) == 1:
                ((channel, slots),) = group.channels.items()
                for _ in range(slots):
                    agents.put(Slot(f"{group.group}-{k}", group.skills, frozenset([channel])))
            else:
                agents.put(Slot(f"{group.group}-{k}", group.skills, frozenset(group.channels)))
    outcomes: list[Outcome] = []

    def contact(env: simpy.Environment, stream):
        arrived = env.now
        get = agents.get(lambda s: stream.skill in s.skills and stream.channel in s.channels)
        patience = draw(rng, stream.patience.model_dump() if stream.patience else None)
        if math.isinf(patience):
            slot = yield get
        else:
            result = yield get | env.timeout(patience)
            if get not in result:
                get.cancel()
                if get.triggered:
                    agents.put(get.value)
                outcomes.append(Outcome(arrived, stream.channel, None, True))
                return
            slot = result[get]
        outcomes.append(Outcome(arrived, stream.channel, env.now - arrived, False))
        handle = draw(rng, stream.handle.model_dump())
        if scenario.proficiency_scales_handle:
            handle /= slot.skills[stream.skill]
        yield env.timeout(handle)
        yield agents.put(slot)

    def source(env: simpy.Environment, stream):
        while True:
            yield env.timeout(rng.expovariate(stream.rate_per_hour / 3600.0))
            if env.now >= scenario.horizon:
                return
            env.process(contact(env, stream))

    for stream in scenario.streams:
        env.process(source(env, stream))
    env.run()
    return outcomes


def summarize(outcomes: list[Outcome], warmup: float, sl_seconds: float) -> dict[str, float]:
    """Service level, ASA (seconds) and abandonment share of live contacts after warm-up."""
    live = [o for o in outcomes if o.arrival >= warmup and o.channel in ("phone", "chat")]
    waits = [o.wait for o in live if o.wait is not None]
    return {
        "contacts": len(outcomes),
        "service_level": sum(w <= sl_seconds for w in waits) / len(live),
        "asa": sum(waits) / len(waits),
        "abandon_rate": sum(o.abandoned for o in live) / len(live),
    }
