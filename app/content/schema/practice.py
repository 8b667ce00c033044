"""The practice library: ``courses/practice/contacts/*.yaml`` and ``ratings/*.yaml``."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator

from app.content.schema.base import (
    ContentFile,
    ContentModel,
    ContentProblem,
    Slug,
    Text,
    Unreadable,
    duplicate_uuid_problems,
    load_model,
    parse_yaml_mapping,
    read_text,
    relative_path,
)

Channel = Literal["phone", "chat", "email", "fax"]
ContactType = Literal["inquiry", "order", "complaint", "cancellation", "technical"]
Tier = Literal["basic", "enhanced", "premium"]
Mood = Literal["calm", "confused", "irate"]
Skill = Literal["billing", "orders", "technical", "general"]
Ending = Literal["resolved", "escalated", "lost"]

#: Rubric criteria a trainer rates 0/1 on a free-text practice response.
RUBRIC_CRITERIA: tuple[str, ...] = (
    "introduced_self",
    "used_name",
    "referred_to_purchase",
    "acknowledged_feelings",
    "took_ownership",
    "resolved_accurately",
    "no_blame_or_jargon",
    "honest",
)

DialogueTag = Literal[
    "introduced_self",
    "used_name",
    "referred_to_purchase",
    "acknowledged_feelings",
    "took_ownership",
    "clarified",
    "explained_clearly",
    "set_expectations",
    "honest",
    "resolved",
    "escalated_properly",
    "blamed_customer",
    "jargon",
    "dishonest",
    "dismissive",
    "overpromised",
    "interrupted",
]


class Customer(ContentModel):
    name: Text
    purchase: Text
    history: Text


class HonestyTrap(ContentModel):
    situation: Text
    honest_answer: Text
    tempting_answer: Text


class Choice(ContentModel):
    id: Slug
    text: Text
    next: Slug
    tags: list[DialogueTag] = []
    feedback: Text


class DialogueState(ContentModel):
    customer: Text
    mood: Mood
    choices: list[Choice] = []
    end: Ending | None = None

    @model_validator(mode="after")
    def _terminal_xor_choices(self) -> DialogueState:
        if self.end is not None and self.choices:
            raise ValueError("a terminal state (end) has no choices")
        if self.end is None and not self.choices:
            raise ValueError("a state without choices must set end: resolved|escalated|lost")
        ids = [c.id for c in self.choices]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate choice id")
        return self


class Dialogue(ContentModel):
    start: Slug
    states: Annotated[dict[Slug, DialogueState], Field(min_length=2)]


class PracticeContact(ContentFile):
    channel: Channel
    type: ContactType
    tier: Tier
    mood: Mood
    skill: Skill
    handle_seconds: Annotated[int, Field(gt=0)]
    customer: Customer
    subject: Text
    opening: Text
    key_facts: Annotated[list[Text], Field(min_length=1)]
    hints: list[Text] = []
    must_disclose: list[Text] = []
    must_not: Annotated[list[Text], Field(min_length=1)]
    jargon: list[Text] = []
    model_reply: Text | None = None
    honesty_trap: HonestyTrap | None = None
    dialogue: Dialogue | None = None

    @model_validator(mode="after")
    def _channel_fields(self) -> PracticeContact:
        if self.channel == "phone" and self.dialogue is None:
            raise ValueError("a phone contact needs a dialogue")
        if self.channel != "phone" and self.dialogue is not None:
            raise ValueError("only phone contacts have a dialogue")
        if self.channel != "phone" and self.model_reply is None:
            raise ValueError("a chat, email or fax contact needs a model_reply")
        return self


class Ratings(ContentModel):
    introduced_self: Literal[0, 1]
    used_name: Literal[0, 1]
    referred_to_purchase: Literal[0, 1]
    acknowledged_feelings: Literal[0, 1]
    took_ownership: Literal[0, 1]
    resolved_accurately: Literal[0, 1]
    no_blame_or_jargon: Literal[0, 1]
    honest: Literal[0, 1]


class RatedResponse(ContentModel):
    id: Slug
    contact_id: Slug
    channel: Literal["chat", "email", "fax"]
    text: Text
    ratings: Ratings
    overall: Annotated[int, Field(ge=1, le=4)]


class RatingSet(ContentFile):
    title: Text
    items: Annotated[list[RatedResponse], Field(min_length=1)]


def practice_contact_ids(practice_dir: Path) -> set[str]:
    """Ids of the practice contacts on disk, by file name (validity is checked elsewhere)."""
    contacts = practice_dir / "contacts"
    return {p.stem for p in contacts.glob("*.yaml")} if contacts.is_dir() else set()


def dialogue_problems(dialogue: Dialogue) -> list[tuple[str, str]]:
    """Soundness of a role-play graph as ``(field, message)`` pairs (field under ``dialogue``).

    Checks: the start state exists, every ``next`` exists, every state is reachable from
    the start, every state can still reach an ending, and some path ends ``resolved``.
    """
    states = dialogue.states
    out: list[tuple[str, str]] = []
    if dialogue.start not in states:
        return [("dialogue.start", f"unknown state {dialogue.start!r}")]
    for sid, state in states.items():
        for ci, choice in enumerate(state.choices):
            if choice.next not in states:
                out.append(
                    (f"dialogue.states.{sid}.choices[{ci}].next", f"unknown state {choice.next!r}")
                )
    if out:
        return out
    reachable = _reach([dialogue.start], lambda s: [c.next for c in states[s].choices])
    for sid in states:
        if sid not in reachable:
            out.append((f"dialogue.states.{sid}", "state is not reachable from start"))
    incoming: dict[str, list[str]] = {sid: [] for sid in states}
    for sid, state in states.items():
        for choice in state.choices:
            incoming[choice.next].append(sid)
    ends = [sid for sid, s in states.items() if s.end is not None]
    can_end = _reach(ends, lambda s: incoming[s])
    for sid in states:
        if sid in reachable and sid not in can_end:
            out.append((f"dialogue.states.{sid}", "no path from this state reaches an end"))
    resolved = [sid for sid in reachable if states[sid].end == "resolved"]
    if not resolved:
        out.append(("dialogue", "no path from start reaches an end: resolved state"))
    return out


def _reach(starts: list[str], neighbours) -> set[str]:
    seen = set(starts)
    queue = deque(starts)
    while queue:
        for nxt in neighbours(queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def load_practice_library(
    practice_dir: Path, root: Path
) -> tuple[list[PracticeContact], list[RatedResponse], list[ContentProblem]]:
    """Load ``contacts/*.yaml`` and ``ratings/*.yaml`` under ``practice_dir``.

    Per file: a bad contact file is left out (and reported); a ratings file is kept only
    when all of its items are valid and point at a valid written (chat/email/fax) contact
    of the same channel.
    """
    problems: list[ContentProblem] = []
    contacts: dict[str, PracticeContact] = {}
    files: list[tuple[str, ContentFile]] = []
    contact_dir = practice_dir / "contacts"
    for path in sorted(contact_dir.glob("*.yaml")) if contact_dir.is_dir() else []:
        rel = relative_path(path, root)
        contact = load_model(PracticeContact, path, root, problems)
        if contact is None:
            continue
        if contact.dialogue is not None:
            graph = dialogue_problems(contact.dialogue)
            if graph:
                problems.extend(ContentProblem(rel, f, m) for f, m in graph)
                continue
        contacts[contact.id] = contact
        files.append((rel, contact))

    responses: list[RatedResponse] = []
    item_ids: dict[str, str] = {}
    rating_dir = practice_dir / "ratings"
    for path in sorted(rating_dir.glob("*.yaml")) if rating_dir.is_dir() else []:
        rel = relative_path(path, root)
        rating_set = load_model(RatingSet, path, root, problems)
        if rating_set is None:
            continue
        bad = []
        for i, item in enumerate(rating_set.items):
            contact = contacts.get(item.contact_id)
            if contact is None:
                bad.append(
                    ContentProblem(
                        rel,
                        f"items[{i}].contact_id",
                        f"unknown practice contact {item.contact_id!r}",
                    )
                )
            elif contact.channel != item.channel:
                bad.append(
                    ContentProblem(
                        rel,
                        f"items[{i}].channel",
                        f"contact {contact.id!r} is {contact.channel}, not {item.channel}",
                    )
                )
            if item.id in item_ids:
                bad.append(
                    ContentProblem(
                        rel,
                        f"items[{i}].id",
                        f"duplicate id {item.id!r} (also in {item_ids[item.id]})",
                    )
                )
            else:
                item_ids[item.id] = rel
        if bad:
            problems.extend(bad)
            continue
        responses.extend(rating_set.items)
        files.append((rel, rating_set))
    problems.extend(duplicate_uuid_problems(files))
    return list(contacts.values()), responses, problems


def rating_file_index(practice_dir: Path, root: Path) -> dict[str, str]:
    """Which ratings file (path relative to ``root``) holds each rated response id."""
    index: dict[str, str] = {}
    for path in sorted((practice_dir / "ratings").glob("*.yaml")):
        try:
            data = parse_yaml_mapping(read_text(path))
        except (Unreadable, OSError):  # the validator reports unreadable files
            continue
        for item in data.get("items") or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                index.setdefault(item["id"], relative_path(path, root))
    return index
