"""The customer file: goal, mood, patience, what the customer knows and the conversation
graph (what the customer says next depending on what the trainee's turn did).

``customer_problems(data)`` validates one file's data and returns the parsed spec (or None)
with ``(field, message)`` problems; the content source adds the path.
"""

from __future__ import annotations

from collections import deque
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Mood = Literal["calm", "confused", "irate"]
Ending = Literal["resolved", "escalated", "lost"]
#: What a trainee's turn can do; transitions name the acts they need (all of them).
Act = Literal["greeted", "introduced", "used_name", "asked_question", "asked_right",
              "explained", "explained_all", "apologized", "committed", "closed",
              "wrong_fact", "rude", "dishonest"]
Reaction = Literal["wrong_fact", "rude", "dishonest", "apologized", "stalled",
                   "closed_early", "closed", "hang_up"]
REQUIRED_REACTIONS = ("wrong_fact", "rude", "stalled", "hang_up")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Patience(_Model):
    wait_seconds: Annotated[int, Field(gt=0, le=3600)]
    turns: Annotated[int, Field(ge=1, le=10)]


class Knows(_Model):
    ask: Text
    answer: Text


class Said(_Model):
    says: Text
    mood: Annotated[int, Field(ge=-4, le=4)] = 0


class Transition(_Model):
    when: Annotated[list[Act], Field(min_length=1)]
    go: Slug
    says: Text | None = None
    mood: Annotated[int, Field(ge=-4, le=4)] = 0


class Node(_Model):
    says: Text
    again: Text | None = None
    next: list[Transition] = []
    end: Ending | None = None


class Graph(_Model):
    start: Slug
    nodes: Annotated[dict[Slug, Node], Field(min_length=2)]
    reactions: dict[Reaction, Said]


class CustomerSpec(_Model):
    id: Slug
    uuid: UUID
    schema_version: Literal[1]
    contact: Slug
    goal: Text
    mood: Mood
    patience: Patience
    knows: list[Knows] = []
    conversation: Graph


def _loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, str) and "[" in part:
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "-"


def _reach(starts: list[str], neighbours) -> set[str]:
    seen, queue = set(starts), deque(starts)
    while queue:
        for nxt in neighbours(queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def graph_problems(graph: Graph) -> list[tuple[str, str]]:
    """Start and targets exist, every node is reachable and can still end, and some path
    ends resolved; a node has an ``end`` or transitions, not both."""
    nodes, out = graph.nodes, []
    if graph.start not in nodes:
        return [("conversation.start", f"unknown node {graph.start!r}")]
    for nid, node in nodes.items():
        where = f"conversation.nodes.{nid}"
        if node.end is not None and node.next:
            out.append((where, "a node with end has no next"))
        if node.end is None and not node.next:
            out.append((where, "a node without next must set end: resolved|escalated|lost"))
        for i, t in enumerate(node.next):
            if t.go not in nodes:
                out.append((f"{where}.next[{i}].go", f"unknown node {t.go!r}"))
    for key in REQUIRED_REACTIONS:
        if key not in graph.reactions:
            out.append(("conversation.reactions", f"missing reaction {key!r}"))
    if out:
        return out
    reachable = _reach([graph.start], lambda n: [t.go for t in nodes[n].next])
    incoming: dict[str, list[str]] = {n: [] for n in nodes}
    for nid, node in nodes.items():
        for t in node.next:
            incoming[t.go].append(nid)
    can_end = _reach([n for n, node in nodes.items() if node.end], incoming.__getitem__)
    for nid in nodes:
        if nid not in reachable:
            out.append((f"conversation.nodes.{nid}", "node is not reachable from start"))
        elif nid not in can_end:
            out.append((f"conversation.nodes.{nid}", "no path from this node reaches an end"))
    if not any(nodes[n].end == "resolved" for n in reachable):
        out.append(("conversation", "no path from start reaches an end: resolved node"))
    return out


def customer_problems(data: Any) -> tuple[CustomerSpec | None, list[tuple[str, str]]]:
    """Parse one customer file's data; the spec is None when there is any problem."""
    try:
        spec = CustomerSpec.model_validate(data)
    except ValidationError as exc:
        return None, [(_loc(e["loc"]), e["msg"].removeprefix("Value error, "))
                      for e in exc.errors(include_url=False)]
    problems = graph_problems(spec.conversation)
    return (None if problems else spec), problems
