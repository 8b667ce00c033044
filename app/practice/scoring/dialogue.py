"""Phone role-plays: walk the dialogue state graph and score the path by its tags (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.replies import CRITERIA

BLAME_TAGS = ("blamed_customer", "jargon", "dismissive", "interrupted")
DISHONEST_TAGS = ("dishonest", "overpromised")
#: Content tags (what an answer does) to the reply criteria they meet.
TAG_CRITERIA = {
    "introduced_self": "introduces_self",
    "used_name": "uses_customer_name",
    "referred_to_purchase": "references_purchase",
    "acknowledged_feelings": "acknowledges_feelings",
    "took_ownership": "takes_ownership",
    "set_expectations": "clear_next_step",
}


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


def _check(name: str, value: int, evidence: str = "") -> dict[str, Any]:
    top = 2 if name == "resolves_accurately" else 1
    return {"name": name, "passed": value == top, "value": value, "evidence": evidence}


def score_dialogue(dialogue: dict[str, Any], choices: list[str]) -> dict[str, dict[str, Any]]:
    """The nine criteria from the tags of the chosen answers and the ending reached."""
    result = walk(dialogue, choices)
    tags: dict[str, str] = {}
    for step in result.steps:
        for tag in step["choice"].get("tags") or []:
            tags.setdefault(tag, f"“{step['choice']['text']}”")
    checks = {name: _check(name, int(tag in tags), tags.get(tag, ""))
              for tag, name in TAG_CRITERIA.items()}
    ending = result.ended or "not finished"
    checks["resolves_accurately"] = _check("resolves_accurately", 2 if ending == "resolved" else 0,
                                           f"The call ended {ending}.")
    blamed = [tags[t] for t in BLAME_TAGS if t in tags]
    lied = [tags[t] for t in DISHONEST_TAGS if t in tags]
    checks["no_blame_or_jargon"] = _check(
        "no_blame_or_jargon", int(not blamed),
        f"This line blames, lectures or uses jargon: {blamed[0]}" if blamed else "")
    checks["honest"] = _check(
        "honest", int(not lied),
        f"This line promises or claims more than the facts allow: {lied[0]}" if lied else "")
    return {name: checks[name] for name in CRITERIA}
