"""Scoring a written work sample: criterion points from an overall rating, or the keyword
rubric when no rating is given.

Rules:
* A work sample's answer is either the reply text or a ``JudgedReply``: the text with the
  overall (1-5) that a judge outside this core gave it (the shared reply scorer, or a
  recruiter whose rating replaces it).
* Every rubric criterion of the item is one scoring column with codes 0-4 (overall − 1).
  Code ``c`` earns ``points × c / 4`` of the criterion's points, rounded half up; an
  overall of 5 earns every point and 1 earns none, so the trait maxima and the norms do
  not change.
* A judged reply may also carry one code per criterion (``codes``), judged outside this
  core criterion by criterion; the trait model reads those (the points above still come
  from the overall). Without them every criterion takes overall − 1.
* Plain text (synthetic data) is judged by the item's keyword checks: a met criterion is
  code 4, an unmet one code 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.psychometrics.item_models import RubricCheck, RubricCriterion, WorkSampleItem

_WORD = re.compile(r"[A-Za-z0-9']+")


TOP_CODE = 4


@dataclass(frozen=True, slots=True)
class JudgedReply:
    """The reply text and the overall rating (1-5) it was given, by ``source``; ``codes``
    (0-4 per rubric criterion, in rubric order) when each criterion was judged too."""

    text: str
    overall: int
    source: str = "automatic"
    codes: tuple[int, ...] | None = None


def share_points(points: int, code: int) -> int:
    """Points a criterion earns at ``code`` (0-4): ``points × code / 4``, half up."""
    return (2 * points * code + TOP_CODE) // (2 * TOP_CODE)


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


def evaluate_judged(item: WorkSampleItem, judged: JudgedReply) -> list[CriterionResult]:
    """Criterion points from the overall rating (see the module rules)."""
    code = judged.overall - 1
    results = []
    for criterion in item.criteria:
        earned = share_points(criterion.points, code)
        results.append(CriterionResult(
            id=criterion.id, label=criterion.label, trait=criterion.trait,
            met=earned == criterion.points, points=earned, max_points=criterion.points,
            evidence=f"{judged.overall}/5 overall ({judged.source})"))
    return results


def evaluate_work_sample(item: WorkSampleItem, value: str | JudgedReply) -> list[CriterionResult]:
    if isinstance(value, JudgedReply):
        return evaluate_judged(item, value)
    return evaluate_rubric(item, value)


def work_sample_codes(item: WorkSampleItem, value: str | JudgedReply) -> tuple[int, ...]:
    """One code (0-4) per rubric criterion."""
    if isinstance(value, JudgedReply):
        return value.codes or (value.overall - 1,) * len(item.criteria)
    return tuple(TOP_CODE if r.met else 0 for r in evaluate_rubric(item, value))
