"""Content problems: one error in one file, reported as ``path: field: message``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from app.yaml_reader import YamlError, load_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class ContentProblem:
    """One validation problem: the file, the field inside it and what is wrong."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


class ContentError(ValueError):
    """Raised when content cannot be loaded; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[ContentProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def format_loc(loc: Sequence[Any]) -> str:
    """Turn a pydantic location such as ``('items', 3, 'reverse')`` into ``items[3].reverse``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(file)"


def problems_from_validation(
    path: str, error: ValidationError, prefix: Sequence[Any] = ()
) -> list[ContentProblem]:
    """Convert a pydantic ``ValidationError`` into content problems for ``path``."""
    return [
        ContentProblem(path, format_loc([*prefix, *err["loc"]]), err["msg"])
        for err in error.errors()
    ]


def display_path(file: Path, root: Path) -> str:
    """Path of ``file`` as shown in problems: relative to the parent of the content root."""
    try:
        return file.resolve().relative_to(root.resolve().parent).as_posix()
    except ValueError:
        return file.as_posix()


def read_yaml(file: Path, shown: str) -> tuple[Any, list[ContentProblem]]:
    """Read one YAML file safely; return ``(data, problems)`` where data is None on failure."""
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        return None, [ContentProblem(shown, "(file)", f"cannot read file: {exc.strerror}")]
    try:
        data = load_yaml(text, shown)
    except YamlError as exc:
        where = f"line {exc.line}, column {exc.column}" if exc.line is not None else "(file)"
        return None, [ContentProblem(shown, where, f"malformed YAML: {exc.problem}")]
    if not isinstance(data, dict):
        return None, [ContentProblem(shown, "(file)", "expected a mapping at the top level")]
    return data, []


Documents = Mapping[str, Any]
"""Content as data: display path (``assessments/norms/x.yaml``) → the file's parsed mapping."""


def read_tree(root: Path) -> tuple[dict[str, Any], list[ContentProblem]]:
    """Read every ``*.yaml`` under ``root`` into a ``Documents`` mapping keyed by display path;
    unreadable or malformed files become problems instead."""
    documents: dict[str, Any] = {}
    problems: list[ContentProblem] = []
    for file in sorted(root.rglob("*.yaml")):
        shown = display_path(file, root)
        data, found = read_yaml(file, shown)
        problems.extend(found)
        if data is not None:
            documents[shown] = data
    return documents, problems


def in_folder(documents: Documents, prefix: str) -> list[tuple[str, str, Any]]:
    """``(shown, stem, data)`` of the documents directly inside ``prefix/`` (sorted by path)."""
    out = []
    for shown in sorted(documents):
        folder, _, name = shown.rpartition("/")
        if folder == prefix and name.endswith(".yaml"):
            out.append((shown, name[: -len(".yaml")], documents[shown]))
    return out


def parse_documents(
    documents: Documents, prefix: str, model: type[M]
) -> tuple[dict[str, M], list[ContentProblem]]:
    """Parse every document directly inside ``prefix/`` as ``model``, whose ``id`` must equal
    the file name; return the valid documents by id and all problems."""
    parsed: dict[str, M] = {}
    problems: list[ContentProblem] = []
    for shown, stem, data in in_folder(documents, prefix):
        if not isinstance(data, dict):
            problems.append(ContentProblem(shown, "(file)", "expected a mapping at the top level"))
            continue
        try:
            document = model.model_validate(data)
        except ValidationError as exc:
            problems.extend(problems_from_validation(shown, exc))
            continue
        if document.id != stem:
            problems.append(ContentProblem(shown, "id", f"must equal the file name {stem!r}"))
            continue
        parsed[document.id] = document
    return parsed, problems


def parse_folder(
    root: Path, folder: str, model: type[M]
) -> tuple[dict[str, M], list[ContentProblem]]:
    """Parse every ``<folder>/*.yaml`` under ``root`` as ``model`` (see ``parse_documents``)."""
    documents: dict[str, Any] = {}
    problems: list[ContentProblem] = []
    for file in sorted((root / folder).glob("*.yaml")):
        shown = display_path(file, root)
        data, found = read_yaml(file, shown)
        problems.extend(found)
        if data is not None:
            documents[shown] = data
    parsed, found = parse_documents(documents, f"{root.resolve().name}/{folder}", model)
    return parsed, problems + found
