"""Response-quality flags. They inform the recruiter; they never change a score or decision.

* ``too_fast`` — at least ``fast_share`` of the timed answers took less than the kind's
  ``min_ms`` (milliseconds from display to answer).
* ``straight_lining`` — a run of at least ``straight_line_run`` identical Likert answers
  in display order (the Likert section interleaves traits and reverse keys, so long runs
  are implausible for attentive answers).
* ``inconsistent_pairs`` — more than ``max_inconsistent_pairs`` paired statements whose
  keyed points differ by ``pair_gap`` or more.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.psychometrics.instrument import Instrument
from app.psychometrics.item_models import LikertItem
from app.psychometrics.items import ITEM_KINDS
from app.psychometrics.scoring import validate_responses


@dataclass(frozen=True, slots=True)
class QualityFlag:
    """One raised flag with a plain-language message and the items involved."""

    code: str
    message: str
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PairCheck:
    """Keyed points of both items of a consistency pair and their gap."""

    item: str
    paired_with: str
    points: tuple[int, int]
    gap: int
    inconsistent: bool


@dataclass(frozen=True)
class QualityReport:
    """All checks, whether flagged or not, plus the raised flags."""

    fast_items: tuple[str, ...]
    timed_items: int
    longest_run: int
    longest_run_items: tuple[str, ...]
    pairs: tuple[PairCheck, ...]
    flags: tuple[QualityFlag, ...]


def _longest_run(instrument: Instrument, answers: Mapping[str, Any]) -> tuple[str, ...]:
    best: list[str] = []
    run: list[str] = []
    previous = None
    for item in instrument.items:
        if not isinstance(item, LikertItem) or item.id not in answers:
            continue
        value = answers[item.id]
        run = [*run, item.id] if value == previous else [item.id]
        previous = value
        if len(run) > len(best):
            best = run
    return tuple(best)


def _pairs(instrument: Instrument, answers: Mapping[str, Any], gap: int) -> list[PairCheck]:
    checks = []
    for item in instrument.items:
        if not isinstance(item, LikertItem) or item.pair_with is None:
            continue
        other = instrument.item(item.pair_with)
        if item.id not in answers or other.id not in answers:
            continue
        kind = ITEM_KINDS["likert"]
        a = kind.score(item, answers[item.id])[item.trait]
        b = kind.score(other, answers[other.id])[other.trait]
        checks.append(PairCheck(item.id, other.id, (a, b), abs(a - b), abs(a - b) >= gap))
    return checks


def check_quality(
    instrument: Instrument,
    responses: Mapping[str, Any],
    timings_ms: Mapping[str, float] | None = None,
) -> QualityReport:
    """Run every quality check on one attempt. ``timings_ms`` maps item id to the
    milliseconds the candidate spent on it (absent items are not timed)."""
    settings = instrument.quality
    answers = validate_responses(instrument, responses)
    timings = timings_ms or {}
    timed = [i for i in answers if i in timings]
    fast = tuple(i for i in timed if timings[i] < settings.min_ms.get(instrument.item(i).kind, 0))
    run = _longest_run(instrument, answers)
    pairs = _pairs(instrument, answers, settings.pair_gap)
    bad_pairs = [p for p in pairs if p.inconsistent]
    flags = []
    if timed and fast and len(fast) >= settings.fast_share * len(timed):
        flags.append(
            QualityFlag(
                "too_fast",
                f"{len(fast)} of {len(timed)} answers were faster than a person can read the item.",
                fast,
            )
        )
    if len(run) >= settings.straight_line_run:
        flags.append(
            QualityFlag(
                "straight_lining", f"{len(run)} statements in a row got the same answer.", run
            )
        )
    if len(bad_pairs) > settings.max_inconsistent_pairs:
        flags.append(
            QualityFlag(
                "inconsistent_pairs",
                f"{len(bad_pairs)} pairs of statements with the same content "
                "were answered in contradictory ways.",
                tuple(i for p in bad_pairs for i in (p.item, p.paired_with)),
            )
        )
    return QualityReport(fast, len(timed), len(run), run, tuple(pairs), tuple(flags))
