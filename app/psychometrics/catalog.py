"""Validate single content files and load the whole ``assessments/`` tree at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from app.psychometrics.instrument import (
    Instrument,
    InstrumentFile,
    parse_instrument,
    parse_item_file,
)
from app.psychometrics.norms import NormTable
from app.psychometrics.problems import (
    ContentError,
    ContentProblem,
    Documents,
    display_path,
    in_folder,
    parse_documents,
    problems_from_validation,
    read_tree,
    read_yaml,
)
from app.psychometrics.profiles import JobProfile, check_profile

_MODELS = {"instruments": InstrumentFile, "norms": NormTable, "job_profiles": JobProfile}


def validate_file(file: str | Path, assessments_dir: str | Path) -> list[ContentProblem]:
    """Validate one file on its own (schema only, no cross-file checks).

    The model is chosen by the folder under ``assessments_dir``: ``instruments/``,
    ``items/<instrument>/``, ``norms/`` or ``job_profiles/``.
    """
    path, root = Path(file), Path(assessments_dir)
    shown = display_path(path, root)
    try:
        folder = path.resolve().relative_to(root.resolve()).parts[0]
    except (ValueError, IndexError):
        return [ContentProblem(shown, "(file)", "not inside the assessments folder")]
    if folder == "items":
        return parse_item_file(path, shown)[2]
    if folder not in _MODELS:
        return [ContentProblem(shown, "(file)", f"unknown content folder {folder!r}")]
    data, problems = read_yaml(path, shown)
    if data is None:
        return problems
    try:
        model = _MODELS[folder].model_validate(data)
    except ValidationError as exc:
        return problems_from_validation(shown, exc)
    if model.id != path.stem:
        return [ContentProblem(shown, "id", f"must equal the file name {path.stem!r}")]
    return []


@dataclass(frozen=True)
class Catalog:
    """Every valid instrument, norm table and job profile of an assessments tree."""

    instruments: dict[str, Instrument]
    norm_tables: dict[str, NormTable]
    job_profiles: dict[str, JobProfile]


def parse_catalog(assessments_dir: str | Path) -> tuple[Catalog, list[ContentProblem]]:
    """Load everything that is valid in a folder and report every problem, file by file."""
    root = Path(assessments_dir)
    documents, problems = read_tree(root)
    catalog, found = parse_catalog_data(documents, root.resolve().name)
    return catalog, problems + found


def parse_catalog_data(
    documents: Documents, root_name: str = "assessments"
) -> tuple[Catalog, list[ContentProblem]]:
    """Load everything that is valid from content given as data (see ``Documents``).

    Profiles whose instrument or norm table is missing or inconsistent are left out.
    """
    problems: list[ContentProblem] = []
    instruments: dict[str, Instrument] = {}
    for _, stem, _ in in_folder(documents, f"{root_name}/instruments"):
        instrument, found = parse_instrument(documents, stem, root_name)
        problems.extend(found)
        if instrument is not None:
            instruments[instrument.id] = instrument
    norms, found = parse_documents(documents, f"{root_name}/norms", NormTable)
    problems.extend(found)
    profiles, found = parse_documents(documents, f"{root_name}/job_profiles", JobProfile)
    problems.extend(found)
    usable: dict[str, JobProfile] = {}
    for profile in profiles.values():
        shown = f"{root_name}/job_profiles/{profile.id}.yaml"
        instrument = instruments.get(profile.instrument)
        table = norms.get(profile.norm_table)
        if instrument is None or table is None:
            missing = "instrument" if instrument is None else "norm_table"
            problems.append(ContentProblem(shown, missing, "refers to missing or invalid content"))
            continue
        found = check_profile(instrument, table, profile, shown)
        problems.extend(found)
        if not found:
            usable[profile.id] = profile
    return Catalog(instruments, norms, usable), problems


def load_catalog(assessments_dir: str | Path) -> Catalog:
    """Load the whole tree; ``ContentError`` listing every problem if anything is invalid."""
    catalog, problems = parse_catalog(assessments_dir)
    if problems:
        raise ContentError(problems)
    return catalog
