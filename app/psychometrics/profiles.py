"""Job profiles: trait weights, the composite cut score and per-trait minimums.

Weights, cut and minimums are exact numbers; the cut and the minimums are on the
T-score scale (mean 50, SD 10) of the norm table the profile names.
"""

from __future__ import annotations

import uuid as uuid_mod
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from app.psychometrics.exact import ExactNumber
from app.psychometrics.instrument import Instrument
from app.psychometrics.item_models import Slug, Strict, Text
from app.psychometrics.norms import NormTable
from app.psychometrics.problems import (
    ContentError,
    ContentProblem,
    parse_folder,
)


class JobProfile(Strict):
    """A job profile ``job_profiles/<id>.yaml``."""

    id: Slug
    uuid: uuid_mod.UUID
    schema_version: Literal[1]
    title: Text
    description: Text
    instrument: Slug
    norm_table: Slug
    weights: dict[Slug, ExactNumber] = Field(min_length=1)
    cut_score: ExactNumber
    minimums: dict[Slug, ExactNumber] = {}
    show_feedback: bool = False

    @model_validator(mode="after")
    def _weights_positive(self) -> JobProfile:
        bad = sorted(t for t, w in self.weights.items() if w <= 0)
        if bad:
            raise ValueError(f"weights must be positive: {', '.join(bad)}")
        if not 20 <= self.cut_score <= 80:
            raise ValueError("cut_score is a T-score and must lie between 20 and 80")
        return self


def parse_job_profiles(
    assessments_dir: str | Path,
) -> tuple[dict[str, JobProfile], list[ContentProblem]]:
    """Parse every ``job_profiles/*.yaml``; return valid profiles by id and all problems."""
    return parse_folder(Path(assessments_dir), "job_profiles", JobProfile)


def load_job_profiles(assessments_dir: str | Path) -> dict[str, JobProfile]:
    """Load every job profile; ``ContentError`` listing all problems if any file is bad."""
    profiles, problems = parse_job_profiles(assessments_dir)
    if problems:
        raise ContentError(problems)
    return profiles


def check_profile(
    instrument: Instrument, norms: NormTable, profile: JobProfile, path: str = "(profile)"
) -> list[ContentProblem]:
    """Cross-check a profile against its instrument and norm table."""
    problems = []
    traits = set(instrument.trait_ids)
    if profile.instrument != instrument.id:
        problems.append(ContentProblem(path, "instrument", f"is not {instrument.id!r}"))
    if profile.norm_table != norms.id:
        problems.append(ContentProblem(path, "norm_table", f"is not {norms.id!r}"))
    if norms.instrument != instrument.id:
        problems.append(
            ContentProblem(path, "norm_table", f"{norms.id!r} is for another instrument")
        )
    normed = traits - set(instrument.validity_traits) if norms.scoring == "thurstonian" else traits
    for trait in sorted(set(norms.traits) ^ normed):
        problems.append(
            ContentProblem(
                path, "norm_table", f"{norms.id!r} and the instrument disagree on trait {trait!r}"
            )
        )
    for name, keys in (("weights", profile.weights), ("minimums", profile.minimums)):
        for trait in sorted(set(keys) - traits):
            problems.append(ContentProblem(path, f"{name}.{trait}", "unknown trait"))
    return problems
