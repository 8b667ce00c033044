"""Item analysis, reliability and structure of an instrument from scored hiring attempts."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from app.hiring.catalog import current_catalog
from app.measurement.records import ScoredRecord, scored_records
from app.measurement.tryout_items import ContactRow, FormRow, analyse_tryouts
from app.psychometrics import Instrument, compile_plan, encode_responses
from app.psychometrics.instrument import Section
from app.psychometrics.item_analysis import analyse_items
from app.psychometrics.reliability import ReliabilityReport, reliability_report
from app.psychometrics.rescoring import usable_responses
from app.psychometrics.structure import StructureReport, factor_structure
from app.psychometrics.synthetic import unit_points

ALPHA_GAIN = 0.01
FLAG_TEXT = {
    "low_discrimination": "Weak link with its trait (item-total r < .20)",
    "negative_discrimination": "Negative item-total r: check the key",
    "dominant_option": "One option chosen by over 90 %",
    "unused_option": "An option chosen by under 2 %",
    "raises_alpha": "Alpha would rise without it",
}


@dataclass
class ItemRow:
    key: str
    item_id: str
    kind: str
    traits: str
    n: int
    mean: float
    sd: float
    item_total: dict[str, float]
    alpha_if_deleted: dict[str, float] = field(default_factory=dict)
    options: list[tuple[str, float]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


@dataclass
class TraitReliability:
    trait: str
    name: str
    n_items: int
    report: ReliabilityReport | None
    problem: str | None = None


@dataclass
class ItemAnalysis:
    instrument: Instrument
    n_attempts: int
    traits: list[TraitReliability]
    items: list[ItemRow]
    #: ranking sets left out: they are scored by the Thurstonian model, whose standard
    #: errors are their accuracy; alpha and item-total r do not apply to rankings
    ranking_sets: int = 0
    tryout_forms: list[FormRow] = field(default_factory=list)
    tryout_contacts: list[ContactRow] = field(default_factory=list)

    @property
    def flagged(self) -> list[ItemRow]:
        return [i for i in self.items if i.flags]


def instrument_records(instrument_id: str) -> tuple[Instrument, list[ScoredRecord]]:
    catalog = current_catalog()
    instrument = catalog.instruments[instrument_id]
    profiles = [p.id for p in catalog.job_profiles.values() if p.instrument == instrument_id]
    return instrument, scored_records(profiles)


def code_matrix(instrument: Instrument, records: list[ScoredRecord]):
    plan = compile_plan(instrument)
    clean = [usable_responses(instrument, r.answers)[0] for r in records]
    return plan, encode_responses(instrument, plan, clean)


def _without_rankings(instrument: Instrument) -> tuple[Instrument, int]:
    kept = tuple(Section(s.id, s.title, s.instructions,
                         tuple(i for i in s.items if i.kind != "ranking_block"))
                 for s in instrument.sections)
    left_out = sum(i.kind == "ranking_block" for i in instrument.items)
    return (replace(instrument, sections=kept) if left_out else instrument), left_out


def analyse_instrument(instrument_id: str) -> ItemAnalysis:
    """Item statistics, alpha per trait with its interval and alpha-if-item-deleted, for
    the items classical statistics apply to (ranking sets are left out and counted)."""
    instrument, records = instrument_records(instrument_id)
    instrument, ranking_sets = _without_rankings(instrument)
    plan, codes = code_matrix(instrument, records)
    traits, if_deleted = [], {}
    for j, trait_id in enumerate(plan.trait_ids):
        units = np.flatnonzero(plan.unit_trait == j)
        keys = [plan.column_keys[plan.unit_column[u]] for u in units]
        trait = TraitReliability(trait_id, instrument.trait(trait_id).name, len(keys), None)
        try:
            trait.report = reliability_report(unit_points(plan, codes, j))
        except ValueError as exc:
            trait.problem = str(exc)
        if trait.report is not None and not math.isnan(trait.report.alpha):
            for key, value in zip(keys, trait.report.alpha_if_deleted, strict=True):
                if_deleted.setdefault(key, {})[trait_id] = (value, trait.report.alpha)
        traits.append(trait)
    items = []
    column_item = {c: item for item in instrument.items for c in plan.item_columns[item.id]}
    for col, stats in enumerate(analyse_items(plan, codes) if len(records) else []):
        item = column_item[col]
        row = ItemRow(
            key=stats.key, item_id=item.id, kind=item.kind,
            traits=", ".join(sorted(stats.item_total)), n=stats.n, mean=stats.mean_points,
            sd=stats.sd_points, item_total=stats.item_total, flags=list(stats.flags),
        )
        for trait_id, (value, alpha) in if_deleted.get(stats.key, {}).items():
            row.alpha_if_deleted[trait_id] = value
            if value > alpha + ALPHA_GAIN and "raises_alpha" not in row.flags:
                row.flags.append("raises_alpha")
        if item.kind in ("sjt", "forced_choice"):
            row.options = [(o.id, rate) for o, rate in zip(item.options, stats.option_rates,
                                                            strict=True)]
        items.append(row)
    forms, contacts = analyse_tryouts(records)
    return ItemAnalysis(instrument, len(records), traits, items, ranking_sets, forms, contacts)


def likert_structure(instrument_id: str) -> tuple[Instrument, int, StructureReport | None, str]:
    """Exploratory factor analysis of the Likert items against their trait keys; the
    last element explains why there is no report (too few attempts, …)."""
    instrument, records = instrument_records(instrument_id)
    likert = [i for i in instrument.items if i.kind == "likert"]
    if not likert:
        return instrument, len(records), None, "This instrument has no Likert items."
    plan, codes = code_matrix(instrument, records)
    matrix = np.full((len(records), len(likert)), np.nan)
    for k, item in enumerate(likert):
        raw = codes[:, plan.item_columns[item.id][0]].astype(float)
        top = item.scale.max - item.scale.min
        keyed = top - raw if item.reverse else raw
        matrix[:, k] = np.where(raw >= 0, keyed, np.nan)
    try:
        report = factor_structure(matrix, [i.id for i in likert], [i.trait for i in likert])
    except ValueError as exc:
        return instrument, len(records), None, str(exc)
    return instrument, len(records), report, ""
