"""Build a new norm-table version from completed attempts, and dry-run what a norm
change would do to decisions (app.psychometrics.dry_run_diff)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from app.hiring.catalog import current_catalog, setup_for
from app.measurement.decisions import MeasurementError
from app.measurement.quality import code_matrix
from app.measurement.records import ScoredRecord, scored_records
from app.psychometrics import NormTable, RescoreReport, ScoringSetup, dry_run_diff
from app.psychometrics.reliability import cronbach_alpha
from app.psychometrics.synthetic import unit_points

MIN_SAMPLE = 20
RECOMMENDED_SAMPLE = 300


@dataclass(frozen=True)
class DryRun:
    """Decision changes for one profile; `left_out` attempts had their reply text purged."""

    profile_id: str
    report: RescoreReport
    left_out: int


@dataclass(frozen=True)
class NormBuild:
    table: dict[str, Any]
    warnings: tuple[str, ...]
    dry_runs: tuple[DryRun, ...]


def _trait_stats(records: list[ScoredRecord], trait: str) -> tuple[float, float, int]:
    raws = [t["raw"] for r in records for t in r.score["traits"]
            if t["id"] == trait and t["complete"] and t["raw"] is not None]
    if len(raws) < 2 or np.std(raws) == 0:
        raise MeasurementError(f"Trait '{trait}': too few varied scores to compute norms.")
    return round(float(np.mean(raws)), 2), round(float(np.std(raws, ddof=1)), 2), len(raws)


def build_norm_table(instrument_id: str, profile_id: str | None, start: date | None,
                     end: date | None, description: str, today: date) -> NormBuild:
    """A new norm-table version (next version number, new id and uuid) from the scored
    attempts of `profile_id` (or every profile using the instrument) in [start, end]."""
    catalog = current_catalog()
    instrument = catalog.instruments[instrument_id]
    profiles = [p.id for p in catalog.job_profiles.values() if p.instrument == instrument_id]
    if profile_id:
        if profile_id not in profiles:
            raise MeasurementError(f"Job profile '{profile_id}' does not use {instrument_id}.")
        profiles = [profile_id]
    records = scored_records(profiles, start, end)
    if len(records) < MIN_SAMPLE:
        raise MeasurementError(f"Only {len(records)} completed attempts in this group and "
                               f"period; a norm table needs at least {MIN_SAMPLE}.")
    plan, codes = code_matrix(instrument, records)
    traits: dict[str, Any] = {}
    for j, trait in enumerate(plan.trait_ids):
        mean, sd, _ = _trait_stats(records, trait)
        alpha = cronbach_alpha(unit_points(plan, codes, j))
        if not 0 < alpha < 1:
            raise MeasurementError(f"Trait '{trait}': reliability (alpha = {alpha:.2f}) is not "
                                   "between 0 and 1 in this sample; the norms would mislead.")
        traits[trait] = {"mean": mean, "sd": sd, "reliability": round(alpha, 2)}
    version = 1 + max((t.version for t in catalog.norm_tables.values()
                       if t.instrument == instrument_id), default=0)
    table = {
        "id": f"{instrument_id}-v{version}", "uuid": str(uuid.uuid4()), "schema_version": 1,
        "instrument": instrument_id, "version": version, "standard_score": "T",
        "sample": {"size": len(records), "collected": end or today,
                   "description": description.strip()},
        "traits": traits,
    }
    norms = NormTable.model_validate(table)
    warnings = []
    if len(records) < RECOMMENDED_SAMPLE:
        warnings.append(f"The sample has {len(records)} attempts; at least "
                        f"{RECOMMENDED_SAMPLE} are recommended before decisions rely on it.")
    purged = sum(r.purged for r in records)
    if purged:
        warnings.append(f"{purged} anonymized attempts count in means and SDs but not in "
                        "the reliability of traits scored by the written reply.")
    runs = tuple(dry_run(p, norms) for p in profiles)
    return NormBuild(table, tuple(warnings), runs)


def dry_run(profile_id: str, norms: NormTable) -> DryRun:
    """How the recommendations of `profile_id`'s candidates would change under `norms`."""
    old = setup_for(profile_id)
    new = ScoringSetup(old.instrument, norms,
                       old.profile.model_copy(update={"norm_table": norms.id}))
    records = scored_records([profile_id])
    kept = {str(r.attempt_id): r.answers for r in records if not r.purged}
    return DryRun(profile_id, dry_run_diff(old, new, kept), len(records) - len(kept))


def switch_preview(profile_id: str, norm_id: str) -> DryRun:
    """Dry run of `profile_id` using the loaded norm table `norm_id` instead."""
    catalog = current_catalog()
    norms = catalog.norm_tables.get(norm_id)
    profile = catalog.job_profiles[profile_id]
    if norms is None or norms.instrument != profile.instrument:
        raise MeasurementError(f"Norm table '{norm_id}' is not loaded for {profile.instrument}.")
    if norm_id == profile.norm_table:
        raise MeasurementError(f"{profile_id} already uses {norm_id}.")
    return dry_run(profile_id, norms)


def dry_run_summary(run: DryRun) -> str:
    """One line: how many recommendations of a profile the change would alter."""
    r = run.report
    left = f"; {run.left_out} anonymized attempts left out" if run.left_out else ""
    return (f"{run.profile_id}: {r.changed} of {len(r.diffs)} recommendations changed "
            f"({r.pass_to_fail} pass → fail, {r.fail_to_pass} fail → pass){left}")
