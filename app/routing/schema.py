"""Pydantic models of a scenario file (YAML). Times are seconds, rates are contacts per hour."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Channel = Literal["phone", "chat", "email", "fax"]
Tier = Literal["basic", "enhanced", "premium"]
CHANNELS: tuple[str, ...] = ("phone", "chat", "email", "fax")
LIVE_CHANNELS: tuple[str, ...] = ("phone", "chat")
TIERS: tuple[str, ...] = ("basic", "enhanced", "premium")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Dist(_Model):
    """A handle-time or patience distribution (seconds)."""

    dist: Literal["exponential", "lognormal", "deterministic", "empirical"]
    mean: float | None = Field(default=None, gt=0)
    sd: float | None = Field(default=None, gt=0)
    values: list[float] | None = None

    @model_validator(mode="after")
    def _complete(self) -> Dist:
        if self.dist == "empirical":
            if not self.values:
                raise ValueError("an empirical distribution needs a non-empty 'values' list")
            if min(self.values) < 0:
                raise ValueError("empirical values must not be negative")
        elif self.mean is None:
            raise ValueError(f"a {self.dist} distribution needs 'mean' (seconds)")
        if self.dist == "lognormal" and self.sd is None:
            raise ValueError("a lognormal distribution needs 'sd' (seconds)")
        return self


class Transfer(_Model):
    """A share of a stream's contacts needs a second skill after the first agent: the
    customer is put through to a queue for ``skill`` with its own handle time."""

    share: float = Field(gt=0, le=1)
    skill: str
    handle: Dist


class Callback(_Model):
    """An abandoning customer calls back with ``probability`` after ``delay`` (seconds)."""

    probability: float = Field(gt=0, le=1)
    delay: Dist


class Stream(_Model):
    """A Poisson arrival stream: one channel and skill, a mix of contact types and tiers."""

    name: str
    channel: Channel
    skill: str
    types: dict[str, float] = Field(default_factory=lambda: {"inquiry": 1.0})
    tiers: dict[Tier, float] = Field(default_factory=lambda: {"basic": 1.0})
    rate_per_hour: float | None = Field(default=None, ge=0)
    rates_per_hour: list[float] | None = None
    handle: Dist
    patience: Dist | None = None
    wrapup: Dist | None = None
    transfer: Transfer | None = None
    callback: Callback | None = None

    @field_validator("types", "tiers")
    @classmethod
    def _weights(cls, value: dict[str, float]) -> dict[str, float]:
        if not value or min(value.values()) < 0 or sum(value.values()) <= 0:
            raise ValueError("weights must be non-negative and not all zero")
        return value

    @field_validator("rates_per_hour")
    @classmethod
    def _rates(cls, value: list[float] | None) -> list[float] | None:
        if value is not None and any(rate < 0 for rate in value):
            raise ValueError("arrival rates must not be negative")
        return value

    @model_validator(mode="after")
    def _one_rate(self) -> Stream:
        if (self.rate_per_hour is None) == (self.rates_per_hour is None):
            raise ValueError("give exactly one of 'rate_per_hour' or 'rates_per_hour'")
        if self.patience is not None and self.channel == "fax":
            raise ValueError("patience applies to phone, chat and e-mail, not fax")
        if self.callback is not None and self.patience is None:
            raise ValueError("a callback needs 'patience' (only abandoning customers call back)")
        return self


class ScriptedContact(_Model):
    """One contact arriving at a fixed time; ``payload`` is opaque data for the caller."""

    at: float = Field(ge=0)
    channel: Channel
    skill: str
    type: str = "inquiry"
    tier: Tier = "basic"
    handle: float = Field(default=300, gt=0)
    patience: float | None = Field(default=None, gt=0)
    wrapup: float = Field(default=0, ge=0)
    payload: dict | None = None


class Shift(_Model):
    start: float = Field(default=0, ge=0)
    end: float | None = Field(default=None, gt=0)


class Break(_Model):
    start: float = Field(ge=0)
    duration: float = Field(gt=0)


class AgentGroup(_Model):
    """``count`` identical agents: skills with proficiency, concurrency per channel, shift."""

    group: str
    count: int = Field(default=1, ge=0)
    skills: dict[str, float]
    channels: dict[Channel, int] = Field(
        default_factory=lambda: {"phone": 1, "chat": 1, "email": 1, "fax": 1}
    )
    shift: Shift = Field(default_factory=Shift)
    breaks: list[Break] = Field(default_factory=list)
    shrinkage: float | None = Field(default=None, ge=0, lt=1)

    @field_validator("skills")
    @classmethod
    def _skills(cls, value: dict[str, float]) -> dict[str, float]:
        if not value:
            raise ValueError("an agent needs at least one skill")
        if min(value.values()) <= 0:
            raise ValueError("proficiency must be positive (1.0 = standard speed)")
        return value

    @field_validator("channels")
    @classmethod
    def _channels(cls, value: dict[str, int]) -> dict[str, int]:
        if not value or min(value.values()) < 1:
            raise ValueError("each listed channel needs a concurrency of at least 1")
        return value


class Target(_Model):
    seconds: float = Field(gt=0)
    target: float = Field(default=0.8, gt=0, le=1)


class ServiceLevel(_Model):
    """Answer within ``seconds`` for ``target`` of contacts; ``channels`` overrides both per
    channel (e.g. chat at 60 s). E-mail and fax default to the e-mail promise."""

    seconds: float = Field(default=20, gt=0)
    target: float = Field(default=0.8, gt=0, le=1)
    channels: dict[Channel, Target] = Field(default_factory=dict)


class Overflow(_Model):
    """A contact for ``skill`` (on ``channel``, or any) still waiting after ``after`` seconds
    may also be taken by the agents of ``group``."""

    skill: str
    channel: Channel | None = None
    after: float = Field(ge=0)
    group: str


class ScenarioModel(_Model):
    """The whole scenario file."""

    id: str
    schema_version: int = 1
    name: str = ""
    description: str = ""
    horizon: float = Field(gt=0)
    warmup: float = Field(default=0, ge=0)
    warmup_detection: Literal["none", "mser5"] = "none"
    max_contacts: int | None = Field(default=None, ge=1)
    shrinkage: float = Field(default=0, ge=0, lt=1)
    channel_order: list[Channel] | None = None
    overflow: list[Overflow] = Field(default_factory=list)
    interval: float = Field(default=1800, gt=0)
    policy: str = "blended_fifo"
    agent_selection: str = "longest_idle"
    care_types: list[str] = Field(default_factory=lambda: ["complaint", "problem"])
    service_level: ServiceLevel = Field(default_factory=ServiceLevel)
    email_promise: float = Field(default=14400, gt=0)
    proficiency_scales_handle: bool = True
    skills: list[str] = Field(min_length=1)
    streams: list[Stream] = Field(default_factory=list)
    scripted: list[ScriptedContact] = Field(default_factory=list)
    agents: list[AgentGroup] = Field(min_length=1)

    @field_validator("channel_order")
    @classmethod
    def _order(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and len(set(value)) != len(value):
            raise ValueError("each channel may appear only once")
        return value

    def threshold(self, channel: str) -> float:
        """Service-level threshold (seconds) of ``channel``."""
        if channel in self.service_level.channels:
            return self.service_level.channels[channel].seconds
        return self.service_level.seconds if channel in LIVE_CHANNELS else self.email_promise

    def target(self, channel: str) -> float:
        """Service-level target (share) of ``channel``."""
        if channel in self.service_level.channels:
            return self.service_level.channels[channel].target
        return self.service_level.target
