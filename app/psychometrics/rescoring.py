"""Deterministic re-scoring after a key, norm or profile change, with a dry-run diff.

Nothing here writes anywhere: callers pass stored responses in and get results out.
Responses to items that no longer exist, or whose stored value the new key rejects
(e.g. a removed option), are left out of the new score and listed in ``dropped``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from app.psychometrics.instrument import Instrument
from app.psychometrics.items import ITEM_KINDS
from app.psychometrics.norms import NormTable
from app.psychometrics.profiles import JobProfile
from app.psychometrics.scoring import AttemptScore, score_attempt


@dataclass(frozen=True)
class ScoringSetup:
    """Everything that determines a score besides the answers."""

    instrument: Instrument
    norms: NormTable
    profile: JobProfile


@dataclass(frozen=True, slots=True)
class RescoreDiff:
    """Old versus new result for one attempt."""

    attempt_id: str
    old_composite: Fraction | None
    new_composite: Fraction | None
    old_decision: str
    new_decision: str
    dropped: tuple[str, ...]

    @property
    def decision_changed(self) -> bool:
        """Whether the recommendation differs."""
        return self.old_decision != self.new_decision

    @property
    def delta(self) -> Fraction | None:
        """New minus old composite (None if either is incomplete)."""
        if self.old_composite is None or self.new_composite is None:
            return None
        return self.new_composite - self.old_composite


@dataclass(frozen=True)
class RescoreReport:
    """Per-attempt diffs (sorted by attempt id) and counts of changed decisions."""

    diffs: tuple[RescoreDiff, ...]
    changed: int
    pass_to_fail: int
    fail_to_pass: int


def usable_responses(
    instrument: Instrument, responses: Mapping[str, Any]
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Split stored responses into those valid for ``instrument`` and dropped item ids."""
    clean: dict[str, Any] = {}
    dropped: list[str] = []
    for item_id in sorted(responses):
        value = responses[item_id]
        if value is None:
            continue
        try:
            item = instrument.item(item_id)
            clean[item_id] = ITEM_KINDS[item.kind].validate(item, value)
        except (KeyError, ValueError):
            dropped.append(item_id)
    return clean, tuple(dropped)


def rescore(
    setup: ScoringSetup, attempts: Mapping[str, Mapping[str, Any]]
) -> dict[str, AttemptScore]:
    """Score every attempt under ``setup``; same input, same output."""
    return {
        attempt_id: score_attempt(
            setup.instrument,
            usable_responses(setup.instrument, attempts[attempt_id])[0],
            setup.norms,
            setup.profile,
        )
        for attempt_id in sorted(attempts)
    }


def dry_run_diff(
    old: ScoringSetup, new: ScoringSetup, attempts: Mapping[str, Mapping[str, Any]]
) -> RescoreReport:
    """Compare composites and decisions under ``old`` and ``new`` without side effects."""
    diffs = []
    for attempt_id in sorted(attempts):
        responses = attempts[attempt_id]
        old_clean, _ = usable_responses(old.instrument, responses)
        new_clean, dropped = usable_responses(new.instrument, responses)
        before = score_attempt(old.instrument, old_clean, old.norms, old.profile).hurdle
        after = score_attempt(new.instrument, new_clean, new.norms, new.profile).hurdle
        diffs.append(
            RescoreDiff(
                attempt_id,
                before.composite,
                after.composite,
                before.decision,
                after.decision,
                dropped,
            )
        )
    return RescoreReport(
        diffs=tuple(diffs),
        changed=sum(d.decision_changed for d in diffs),
        pass_to_fail=sum(d.old_decision == "pass" and d.new_decision == "fail" for d in diffs),
        fail_to_pass=sum(d.old_decision == "fail" and d.new_decision == "pass" for d in diffs),
    )
