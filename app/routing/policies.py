"""Routing policies and agent-selection rules, each a small class registered by name.

A *policy* orders waiting contacts: ``rank(kind)`` puts a contact in a priority class
(lower is served first); within a class contacts are served in the order received. A freed
agent takes the best-ranked, oldest contact among those it is skilled for.

An *agent selector* picks which idle agent gets an arriving contact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple, Protocol


class ContactKind(NamedTuple):
    """What a policy may look at: channel, contact type, customer tier and required skill."""

    channel: str
    type: str
    tier: str
    skill: str


class Policy(Protocol):
    name: str

    def rank(self, kind: ContactKind) -> int:
        """Priority class of a waiting contact; lower is served first."""
        ...


class BlendedFifo:
    """One blended queue: the oldest waiting contact first, whatever the channel."""

    name = "blended_fifo"

    def __init__(self, care_types: Iterable[str] = (),
                 channel_order: Sequence[str] | None = None) -> None:
        pass

    def rank(self, kind: ContactKind) -> int:
        """Priority class of a waiting contact; lower is served first."""
        return 0


class ChannelPriority:
    """By default phone first, then chat, then e-mail and fax; oldest first within each
    class. ``channel_order`` (e.g. ``["chat", "phone", "email"]``) replaces the default:
    channels left out share the last class."""

    name = "channel_priority"
    ORDER = {"phone": 0, "chat": 1, "email": 2, "fax": 2}

    def __init__(self, care_types: Iterable[str] = (),
                 channel_order: Sequence[str] | None = None) -> None:
        if channel_order:
            last = len(channel_order)
            self.ORDER = {c: channel_order.index(c) if c in channel_order else last
                          for c in ("phone", "chat", "email", "fax")}

    def rank(self, kind: ContactKind) -> int:
        """Priority class of a waiting contact; lower is served first."""
        return self.ORDER[kind.channel]


class TierPriority:
    """Premium before enhanced before basic, except *care* contacts (complaints, problems),
    which share the top class whatever the tier and so are served in the order received:
    a customer with a problem never waits behind a later contact of any tier."""

    name = "tier_priority"
    ORDER = {"premium": 0, "enhanced": 1, "basic": 2}

    def __init__(self, care_types: Iterable[str] = ("complaint", "problem"),
                 channel_order: Sequence[str] | None = None) -> None:
        self.care_types = frozenset(care_types)

    def rank(self, kind: ContactKind) -> int:
        """Priority class of a waiting contact; lower is served first."""
        return 0 if kind.type in self.care_types else self.ORDER[kind.tier]


POLICIES: dict[str, type] = {
    cls.name: cls for cls in (BlendedFifo, ChannelPriority, TierPriority)
}


class LongestIdle:
    """The agent idle the longest gets the contact."""

    name = "longest_idle"

    def choose(self, idle: Iterable[int], proficiency: Callable[[int], float]) -> int:
        """Pick from agent indices ``idle`` (ordered longest idle first)."""
        return next(iter(idle))


class MostProficient:
    """The most proficient idle agent for the contact's skill; ties go to the longest idle."""

    name = "most_proficient"

    def choose(self, idle: Iterable[int], proficiency: Callable[[int], float]) -> int:
        """Pick from agent indices ``idle`` (ordered longest idle first)."""
        return max(idle, key=proficiency)


SELECTORS: dict[str, type] = {cls.name: cls for cls in (LongestIdle, MostProficient)}


def make_policy(name: str, care_types: Iterable[str] = ("complaint", "problem"),
                channel_order: Sequence[str] | None = None) -> Policy:
    """Instantiate the registered policy ``name``."""
    return POLICIES[name](care_types, channel_order)
