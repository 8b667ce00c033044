"""Selection-rate tables per self-identified group, and what-ifs for the cut score and
trait weights. Rates and impact ratios are exact fractions (app.psychometrics)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction

from app.hiring.catalog import setup_for
from app.measurement.models import DIMENSIONS, SelfIdentification
from app.measurement.records import ScoredRecord, scored_records, self_identifications
from app.orm import utcnow
from app.psychometrics.adverse_impact import MIN_GROUP_SIZE, adverse_impact, count_outcomes

VOLUME_DAYS = 30


@dataclass(frozen=True)
class GroupRow:
    """One group's line; counts are None when the group is suppressed (< 5)."""

    label: str
    applicants: int | None
    selected: int | None
    rate: Fraction | None
    ratio: Fraction | None
    adverse: bool
    p_value: float | None
    reference: bool


@dataclass(frozen=True)
class ImpactTable:
    dimension: str
    title: str
    rows: tuple[GroupRow, ...]
    undisclosed: int

    @property
    def flagged(self) -> tuple[str, ...]:
        return tuple(r.label for r in self.rows if r.adverse)


def impact_tables(records: list[ScoredRecord], selfids: Mapping[int, SelfIdentification],
                  selected: Callable[[ScoredRecord], bool]) -> list[ImpactTable]:
    """One selection-rate table per self-identification dimension. Applicants who did not
    answer (or preferred not to say) are counted only as 'not disclosed'."""
    tables = []
    for dimension, (title, choices) in DIMENSIONS.items():
        labels = dict(choices)
        outcomes, undisclosed = [], 0
        for record in records:
            sid = selfids.get(record.invitation_id)
            group = sid.group(dimension) if sid else None
            if group is None or group not in labels:
                undisclosed += 1
            else:
                outcomes.append((group, selected(record)))
        report = adverse_impact(count_outcomes(outcomes), MIN_GROUP_SIZE)
        compared = {c.group: c for c in report.comparisons}
        rows = []
        for g in report.groups:
            c = compared.get(g.group)
            shown = not g.suppressed
            rows.append(GroupRow(
                label=labels[g.group], applicants=g.applicants if shown else None,
                selected=g.selected if shown else None, rate=g.rate,
                ratio=c.impact_ratio if c else (Fraction(1) if g.group == report.reference
                                                and g.rate else None),
                adverse=bool(c and c.adverse), p_value=c.fisher_p if c else None,
                reference=g.group == report.reference))
        tables.append(ImpactTable(dimension, title, tuple(rows), undisclosed))
    return tables


@dataclass(frozen=True)
class WhatIf:
    """Pass rate, interview load and impact under a proposed rule, beside the current one."""

    applicants: int
    passed: int
    current_passed: int
    monthly_volume: int
    tables: list[ImpactTable]
    current_tables: list[ImpactTable]

    @property
    def pass_rate(self) -> Fraction | None:
        return Fraction(self.passed, self.applicants) if self.applicants else None

    @property
    def monthly_interviews(self) -> float | None:
        rate = self.pass_rate
        return None if rate is None else float(rate * self.monthly_volume)

    @property
    def flags(self) -> list[str]:
        """'Dimension: group' for every group flagged under the proposed rule (the rows
        marked in the tables), whether or not it was already flagged before."""
        return [f"{t.title}: {g}" for t in self.tables for g in t.flagged]

    @property
    def new_flags(self) -> list[str]:
        """'Dimension: group' for every group flagged now that was not flagged before."""
        before = {(t.dimension, g) for t in self.current_tables for g in t.flagged}
        return [f"{t.title}: {g}" for t in self.tables for g in t.flagged
                if (t.dimension, g) not in before]


def _what_if(records: list[ScoredRecord], proposed: Callable[[ScoredRecord], bool],
             current: Callable[[ScoredRecord], bool]) -> WhatIf:
    selfids = self_identifications(records)
    since = utcnow() - timedelta(days=VOLUME_DAYS)
    return WhatIf(
        applicants=len(records),
        passed=sum(proposed(r) for r in records),
        current_passed=sum(current(r) for r in records),
        monthly_volume=sum(r.scored_at >= since for r in records),
        tables=impact_tables(records, selfids, proposed),
        current_tables=impact_tables(records, selfids, current),
    )


def cut_score_what_if(profile_id: str, cut: Fraction) -> WhatIf:
    """Everything the recruiter sees before moving the cut score of `profile_id`;
    exact (stored exact composites and the trait minimums)."""
    current = setup_for(profile_id).profile.cut_score
    records = scored_records([profile_id])
    return _what_if(records, lambda r: r.passes(cut), lambda r: r.passes(current))


def weighted_composite(record: ScoredRecord, weights: Mapping[str, Fraction]) -> float | None:
    """Weighted mean of the stored T-scores (None if a weighted trait has no score)."""
    t = record.t_scores()
    if any(t.get(trait) is None for trait in weights):
        return None
    total = sum(float(w) for w in weights.values())
    return sum(float(w) * t[trait] for trait, w in weights.items()) / total


def weights_what_if(profile_id: str, weights: Mapping[str, Fraction]) -> WhatIf:
    """Impact of new trait weights at the current cut, from stored T-scores (a preview;
    the authoritative re-score runs when the changed profile is loaded)."""
    profile = setup_for(profile_id).profile
    cut = float(profile.cut_score)
    records = scored_records([profile_id])

    def proposed(r: ScoredRecord) -> bool:
        value = weighted_composite(r, weights)
        return value is not None and value >= cut and r.minimums_met

    return _what_if(records, proposed, lambda r: r.passes(profile.cut_score))


def hurdle_impact(profile_id: str) -> tuple[int, list[ImpactTable], list[ImpactTable]]:
    """Applicants, impact of the hurdle recommendation, and of the recruiters' decisions
    (invited to interview or hired, among decided candidates)."""
    records = scored_records([profile_id])
    selfids = self_identifications(records)
    hurdle = impact_tables(records, selfids, lambda r: r.score["hurdle"]["decision"] == "pass")
    decided = [r for r in records if r.decision]
    decisions = impact_tables(decided, selfids, lambda r: r.decision in ("interview", "hired"))
    return len(records), hurdle, decisions
