"""Phone role-plays: walk the dialogue state graph and score the path by its tags (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.practice.scoring.rubric import CRITERIA, Check, RubricResult

BLAME_TAGS = {"blamed_customer", "jargon", "dismissive", "interrupted"}
DISHONEST_TAGS = {"dishonest", "overpromised"}


class DialogueError(ValueError):
    """A choice that is not available in the current state."""


@dataclass
class Walk:
    """Where a role-play stands after some choices."""

    state_id: str
    state: dict[str, Any]
    steps: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ended(self) -> str | None:
        return self.state.get("end")


def walk(dialogue: dict[str, Any], choices: list[str]) -> Walk:
    """Apply ``choices`` (choice ids) from the start state; DialogueError if one is invalid."""
    states = dialogue["states"]
    current = dialogue["start"]
    steps: list[dict[str, Any]] = []
    for choice_id in choices:
        state = states[current]
        choice = next((c for c in state.get("choices") or [] if c["id"] == choice_id), None)
        if choice is None:
            raise DialogueError(f"'{choice_id}' is not an answer you can give at this point")
        steps.append({"state": current, "customer": state["customer"], "choice": choice})
        current = choice["next"]
    return Walk(current, states[current], steps)


def score_dialogue(dialogue: dict[str, Any], choices: list[str]) -> RubricResult:
    """The eight criteria from the tags of the chosen answers and the ending reached."""
    result = walk(dialogue, choices)
    tags: dict[str, str] = {}
    for step in result.steps:
        for tag in step["choice"].get("tags") or []:
            tags.setdefault(tag, step["choice"]["text"])
    checks: dict[str, Check] = {}
    for name in ("introduced_self", "used_name", "referred_to_purchase",
                 "acknowledged_feelings", "took_ownership"):
        checks[name] = Check(name, name in tags, tags.get(name, ""))
    ending = result.ended or "not finished"
    checks["resolved_accurately"] = Check("resolved_accurately", ending == "resolved",
                                          f"the call ended {ending}")
    blamed = [tags[t] for t in BLAME_TAGS if t in tags]
    checks["no_blame_or_jargon"] = Check("no_blame_or_jargon", not blamed,
                                         blamed[0] if blamed else "")
    lied = [tags[t] for t in DISHONEST_TAGS if t in tags]
    checks["honest"] = Check("honest", not lied, lied[0] if lied else "")
    return RubricResult({name: checks[name] for name in CRITERIA})
