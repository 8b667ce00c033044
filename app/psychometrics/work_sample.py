"""Rule-based, explainable scoring of a written work sample against its rubric."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.psychometrics.item_models import RubricCheck, RubricCriterion, WorkSampleItem

_WORD = re.compile(r"[A-Za-z0-9']+")


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """Outcome of one rubric criterion, with the evidence that decided it."""

    id: str
    label: str
    trait: str
    met: bool
    points: int
    max_points: int
    evidence: str


def word_count(text: str) -> int:
    """Number of words (runs of letters, digits and apostrophes) in ``text``."""
    return len(_WORD.findall(text))


def _first_words(text: str, n: int) -> str:
    """The text up to and including its ``n``-th word."""
    matches = list(_WORD.finditer(text))
    if len(matches) <= n:
        return text
    return text[: matches[n - 1].end()]


def _run_check(check: RubricCheck, text: str) -> tuple[bool, str]:
    """Apply one check; return ``(passed, evidence)``."""
    if check.type == "word_count":
        words = word_count(text)
        upper = check.max_words if check.max_words is not None else "∞"
        ok = words >= check.min_words and (check.max_words is None or words <= check.max_words)
        return ok, f"{words} words (expected {check.min_words}–{upper})"
    scope = _first_words(text, check.within_first_words) if check.within_first_words else text
    for pattern in check.patterns:
        found = re.search(pattern, scope, flags=re.IGNORECASE)
        if found:
            if check.type == "contains_any":
                return True, f"found “{found.group(0)}”"
            return False, f"avoid “{found.group(0)}”"
    if check.type == "contains_any":
        where = (
            f" in the first {check.within_first_words} words" if check.within_first_words else ""
        )
        return False, f"nothing matching{where}"
    return True, "none found"


def evaluate_criterion(criterion: RubricCriterion, text: str) -> CriterionResult:
    """Score one criterion: met (full points) only when every check passes."""
    evidence: list[str] = []
    met = True
    for check in criterion.checks:
        ok, why = _run_check(check, text)
        evidence.append(why)
        met = met and ok
    return CriterionResult(
        id=criterion.id,
        label=criterion.label,
        trait=criterion.trait,
        met=met,
        points=criterion.points if met else 0,
        max_points=criterion.points,
        evidence="; ".join(evidence),
    )


def evaluate_rubric(item: WorkSampleItem, text: str) -> list[CriterionResult]:
    """Score every criterion of the work sample's rubric, in rubric order."""
    return [evaluate_criterion(c, text) for c in item.criteria]
