"""Practice shifts: one or more human agents work inside a running simulation.

The simulated colleagues and customers keep going while the humans pick contacts. The web
app is stateless, so a shift is rebuilt from its inputs and the log of external actions:
``to_state()`` gives JSON data and ``InteractiveShift.from_state(data)`` (or ``replay``)
rebuilds exactly the same state, because every random draw comes from the seed and every
human action is recorded with its simulated time (seconds).

Clock: ``advance(seconds)`` moves simulated time directly; ``tick(wall_seconds)`` moves it
by ``wall_seconds * speed`` unless the shift is paused (accelerated practice clock).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.routing.arrivals import generate_contacts
from app.routing.engine import ALL, Engine
from app.routing.scenario import Scenario, ScenarioError, parse_scenario
from app.routing.schema import CHANNELS, TIERS, AgentGroup, Channel, ScriptedContact


class HumanAgent(BaseModel):
    """A person in the practice shift: id, skills with proficiency, channel concurrency."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    skills: dict[str, float] = Field(min_length=1)
    channels: dict[Channel, int] = Field(
        default_factory=lambda: {"phone": 1, "chat": 1, "email": 1, "fax": 1})


class ShiftError(ValueError):
    """An external action that is not possible now (e.g. the contact already hung up)."""


def _validated(items: Sequence[Any], model: type[BaseModel], scenario: Scenario,
               source: str) -> list[Any]:
    result = []
    for i, item in enumerate(items):
        try:
            value = item if isinstance(item, model) else model.model_validate(item)
        except ValidationError as exc:
            error = exc.errors()[0]
            field = ".".join(str(p) for p in error["loc"])
            raise ScenarioError(source, f"[{i}].{field}", error["msg"]) from None
        for skill in (value.skills if isinstance(value, HumanAgent) else [value.skill]):
            if skill not in scenario.skills:
                raise ScenarioError(source, f"[{i}].skills", f"unknown skill {skill!r}")
        result.append(value)
    return result


class InteractiveShift:
    """A steppable simulation with external (human) agents; see the module docstring."""

    def __init__(self, scenario: Scenario, seed: int, humans: Sequence[HumanAgent | dict],
                 contacts: Sequence[dict] | None = None, speed: float = 1.0) -> None:
        self.scenario, self.seed, self.speed, self.paused = scenario, seed, speed, False
        self._initial_speed = speed
        self.humans = _validated(humans, HumanAgent, scenario, "humans")
        self.contacts = [dict(c) for c in contacts or []]
        scripted = list(scenario.scripted) + _validated(
            self.contacts, ScriptedContact, scenario, "contacts")
        table = generate_contacts(scenario.streams, scripted, scenario.skills,
                                  scenario.horizon, scenario.interval,
                                  np.random.default_rng(seed))
        externals = [AgentGroup(group=h.id, count=1, skills=h.skills, channels=h.channels)
                     for h in self.humans]
        self.engine = Engine(table, scenario.skills, list(scenario.agents), scenario.policy,
                             scenario.agent_selection, scenario.care_types,
                             scenario.proficiency_scales_handle,
                             (scenario.warmup, scenario.horizon), externals)
        self.engine.begin()
        self._payload = table.payload or [None] * len(table)
        self._human = {a.name: a for a in self.engine.agents if a.external}
        self.actions: list[dict[str, Any]] = []

    @property
    def now(self) -> float:
        """Simulated clock in seconds from the start of the day."""
        return self.engine.kernel.now

    def advance(self, seconds: float) -> float:
        """Move the simulated clock forward by ``seconds``; returns the new time."""
        if seconds < 0:
            raise ShiftError("time only moves forward")
        target = self.now + seconds
        self.engine.run(target)
        if self.actions and self.actions[-1]["kind"] == "advance":
            self.actions[-1]["to"] = target
        else:
            self.actions.append({"kind": "advance", "to": target})
        return target

    def tick(self, wall_seconds: float) -> float:
        """Advance by ``wall_seconds * speed`` unless paused; returns the simulated time."""
        return self.now if self.paused else self.advance(wall_seconds * self.speed)

    def pause(self) -> None:
        """Stop the practice clock (``tick`` does nothing until ``resume``)."""
        self.paused = True
        self.actions.append({"kind": "pause", "at": self.now})

    def resume(self) -> None:
        """Restart the practice clock."""
        self.paused = False
        self.actions.append({"kind": "resume", "at": self.now})

    def set_speed(self, speed: float) -> None:
        """Simulated seconds per wall-clock second for ``tick``."""
        if speed <= 0:
            raise ShiftError("speed must be positive")
        self.speed = speed
        self.actions.append({"kind": "speed", "at": self.now, "speed": speed})

    def _contact(self, j: int) -> dict[str, Any]:
        e, t = self.engine, self.engine.table
        return {
            "id": j, "channel": CHANNELS[e.channel[j]], "type": t.types[int(t.ctype[j])],
            "tier": TIERS[int(t.tier[j])], "skill": e.skills[e.skill[j]],
            "arrival": e.arrival[j], "waited": self.now - e.arrival[j],
            "payload": self._payload[j],
        }

    def _agent(self, agent_id: str):
        if agent_id not in self._human:
            raise ShiftError(f"no human agent {agent_id!r} in this shift")
        return self._human[agent_id]

    def _buckets(self, agent) -> list:
        if agent.active == 0:
            return agent.buckets[ALL]
        if agent.active < agent.conc[agent.channel]:
            return agent.buckets[agent.channel]
        return []

    def queue(self, agent_id: str | None = None) -> list[dict[str, Any]]:
        """Waiting contacts in policy order (all, or those ``agent_id`` could take now),
        each with its wait so far in seconds."""
        self.engine.purge()
        buckets = self.engine.buckets if agent_id is None else self._buckets(
            self._agent(agent_id))
        waiting = sorted((j for q in buckets for j in q), key=self.engine.qkey.__getitem__)
        return [self._contact(j) for j in waiting]

    def offer_next(self, agent_id: str) -> dict[str, Any] | None:
        """The contact the policy would give ``agent_id`` next, or None."""
        self.engine.purge()
        j = self.engine.take_best(self._buckets(self._agent(agent_id)), remove=False)
        return None if j < 0 else self._contact(j)

    def start(self, agent_id: str, contact_id: int) -> dict[str, Any]:
        """The human starts handling a waiting contact (usually the one offered)."""
        agent, e = self._agent(agent_id), self.engine
        e.purge()
        queue = next((q for q in self._buckets(agent) if contact_id in q), None)
        if queue is None:
            raise ShiftError(f"contact {contact_id} is not waiting for {agent_id}")
        queue.remove(contact_id)
        e._start(agent, contact_id)
        self.actions.append({"kind": "start", "at": self.now, "agent": agent_id,
                             "contact": contact_id})
        return self._contact(contact_id)

    def finish(self, agent_id: str, contact_id: int) -> None:
        """The human has finished a contact it started."""
        agent, e = self._agent(agent_id), self.engine
        if e.agent_of[contact_id] != agent.index or not math.isnan(e.end[contact_id]):
            raise ShiftError(f"{agent_id} is not handling contact {contact_id}")
        e._finish(contact_id)
        self.actions.append({"kind": "finish", "at": self.now, "agent": agent_id,
                             "contact": contact_id})

    def snapshot(self) -> dict[str, Any]:
        """Metrics so far: service level (answered within T / live contacts whose outcome
        is known or that waited longer than T), waiting, abandoned, e-mail promises."""
        e, now = self.engine, self.now
        e.purge()
        arrived = np.asarray(e.arrival) <= now
        start, end = np.asarray(e.start), np.asarray(e.end)
        abandoned = np.asarray(e.abandoned) & arrived
        channel = np.asarray(e.channel)
        live = arrived & np.isin(channel, (0, 1))
        answered = ~np.isnan(start)
        wait = np.where(answered, start, now) - np.asarray(e.arrival)
        limit = self.scenario.service_level.seconds
        decided = live & (answered | abandoned | (wait > limit))
        email = arrived & (channel == CHANNELS.index("email"))
        due = np.asarray(e.arrival) + self.scenario.email_promise
        replied = ~np.isnan(end)
        return {
            "now": now, "paused": self.paused, "speed": self.speed,
            "offered": int(arrived.sum()), "answered": int((answered & arrived).sum()),
            "abandoned": int(abandoned.sum()),
            "waiting": sum(len(q) for q in e.buckets),
            "service_level": (float((live & answered & (wait <= limit)).sum() / decided.sum())
                              if decided.any() else None),
            "email": {
                "acknowledged": int(email.sum()),
                "replied": int((email & replied).sum()),
                "kept": int((email & replied & (end <= due)).sum()),
                "broken": int((email & ((replied & (end > due)) | (~replied & (now > due))))
                              .sum()),
            },
            "humans": {name: [j for j in range(e.n) if e.agent_of[j] == a.index
                              and math.isnan(e.end[j])] for name, a in self._human.items()},
        }

    def to_state(self) -> dict[str, Any]:
        """JSON-serializable inputs and action log; ``from_state`` rebuilds the shift."""
        return {"scenario": self.scenario.to_dict(), "seed": self.seed,
                "humans": [h.model_dump() for h in self.humans], "contacts": self.contacts,
                "speed": self._initial_speed, "actions": list(self.actions)}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> InteractiveShift:
        """Rebuild a shift from ``to_state()`` data."""
        scenario = parse_scenario(state["scenario"], source="state")
        return cls.replay(scenario, state["seed"], state["humans"], state["actions"],
                          state.get("contacts"), state.get("speed", 1.0))

    @classmethod
    def replay(cls, scenario: Scenario, seed: int, humans: Sequence[HumanAgent | dict],
               actions: Sequence[dict[str, Any]], contacts: Sequence[dict] | None = None,
               speed: float = 1.0) -> InteractiveShift:
        """A new shift with ``actions`` (from ``.actions``) applied in order."""
        shift = cls(scenario, seed, humans, contacts, speed)
        for action in actions:
            kind = action["kind"]
            if kind == "advance":
                shift.advance(action["to"] - shift.now)
                continue
            if action["at"] < shift.now:
                raise ShiftError("actions must be in time order")
            shift.engine.run(action["at"])
            if kind == "start":
                shift.start(action["agent"], action["contact"])
            elif kind == "finish":
                shift.finish(action["agent"], action["contact"])
            elif kind == "pause":
                shift.pause()
            elif kind == "resume":
                shift.resume()
            elif kind == "speed":
                shift.set_speed(action["speed"])
        return shift
