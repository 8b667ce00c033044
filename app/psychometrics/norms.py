"""Versioned norm tables and norm-referenced scores.

Standard scores are **T-scores** (mean 50, SD 10 in the norm group), computed exactly
as fractions: ``T = 50 + 10 · (raw − mean) / sd``. Percentiles assume normally
distributed raw scores in the norm group and are clipped to 1–99 for display.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid as uuid_mod
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from app.psychometrics.exact import ExactNumber
from app.psychometrics.item_models import Slug, Strict, Text
from app.psychometrics.problems import (
    ContentError,
    ContentProblem,
    display_path,
    parse_folder,
    problems_from_validation,
    read_yaml,
)

T_MEAN = Fraction(50)
T_SD = Fraction(10)


class TraitNorm(Strict):
    """Norm-group statistics of one trait's raw score."""

    mean: ExactNumber
    sd: ExactNumber
    reliability: float = Field(gt=0, lt=1)

    @model_validator(mode="after")
    def _positive_sd(self) -> TraitNorm:
        if self.sd <= 0:
            raise ValueError("sd must be positive")
        return self


class NormSample(Strict):
    """Who the norm group is."""

    size: int = Field(ge=1)
    collected: dt.date
    description: Text


class NormTable(Strict):
    """A versioned norm table ``norms/<id>.yaml`` for one instrument."""

    id: Slug
    uuid: uuid_mod.UUID
    schema_version: Literal[1]
    instrument: Slug
    version: int = Field(ge=1)
    standard_score: Literal["T"] = "T"
    sample: NormSample
    traits: dict[Slug, TraitNorm] = Field(min_length=1)
    scoring: Literal["summed", "thurstonian"] = "summed"
    """``summed``: trait statistics are of raw point sums. ``thurstonian``: of the model's
    trait estimates (θ), with the item parameters in ``calibration`` and the threshold of
    the random-answering flag in ``fit_threshold`` (see ``trait_scoring``)."""
    calibration: dict[str, Any] | None = None
    fit_threshold: float | None = None
    late_fit_threshold: float | None = None
    """Threshold of the second-half person-fit flag (from version 5 on; tables without it
    do not raise that flag, as they did not when attempts were scored with them)."""

    @model_validator(mode="after")
    def _model_given(self) -> NormTable:
        missing = self.calibration is None or self.fit_threshold is None
        if self.scoring == "thurstonian" and missing:
            raise ValueError("a thurstonian norm table needs calibration and fit_threshold")
        return self

    def t_score(self, trait: str, raw: Fraction) -> Fraction:
        """Exact T-score of a raw trait score."""
        norm = self.traits[trait]
        return T_MEAN + T_SD * (Fraction(raw) - norm.mean) / norm.sd

    def sem_t(self, trait: str) -> float:
        """Standard error of measurement of a trait, in T-score points: 10·√(1 − r)."""
        return 10.0 * math.sqrt(1.0 - self.traits[trait].reliability)


def percentile_from_t(t_score: float) -> int:
    """Percentile rank (1–99) of a T-score under the normal model."""
    z = (float(t_score) - 50.0) / 10.0
    pct = 50.0 * (1.0 + math.erf(z / math.sqrt(2.0)))
    return int(min(99, max(1, math.floor(pct + 0.5))))


def parse_norm_tables(
    assessments_dir: str | Path,
) -> tuple[dict[str, NormTable], list[ContentProblem]]:
    """Parse every ``norms/*.yaml``; return the valid tables by id and all problems."""
    return parse_folder(Path(assessments_dir), "norms", NormTable)


def load_norm_table(assessments_dir: str | Path, norm_id: str) -> NormTable:
    """Load one norm table by id; ``ContentError`` if it is missing or invalid."""
    root = Path(assessments_dir)
    file = root / "norms" / f"{norm_id}.yaml"
    shown = display_path(file, root)
    data, problems = read_yaml(file, shown)
    if data is None:
        raise ContentError(problems)
    try:
        table = NormTable.model_validate(data)
    except ValidationError as exc:
        raise ContentError(problems_from_validation(shown, exc)) from exc
    if table.id != norm_id:
        raise ContentError([ContentProblem(shown, "id", f"must equal the file name {norm_id!r}")])
    return table
