"""What every content file shares: base models, slugs, and reading YAML into problems.

Nothing here raises on bad content: every problem comes back as a ``ContentProblem``
(``path: field: message``) so the loader can report it and leave stored rows untouched.
YAML is read by the app's one reader, which refuses a key given twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from app.content.problems import Problem as ContentProblem
from app.yaml_reader import YamlError, load_yaml

SCHEMA_VERSION = 1
PRACTICE_DIR_NAME = "practice"

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class ContentModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ContentFile(ContentModel):
    id: Slug
    uuid: UUID
    schema_version: Literal[1]


class Unreadable(Exception):
    pass


def relative_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def parse_yaml_mapping(text: str) -> dict:
    try:
        data = load_yaml(text)
    except YamlError as exc:
        where = f" (line {exc.line})" if exc.line is not None else ""
        raise Unreadable(f"malformed YAML{where}: {exc.problem}") from exc
    if not isinstance(data, dict):
        raise Unreadable("expected a YAML mapping at the top level")
    return data


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise Unreadable(f"cannot read file: {exc}") from exc


def split_front_matter(text: str) -> tuple[dict, str]:
    """Split ``---`` YAML front matter from a Markdown body; raises ValueError when missing."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ValueError("missing YAML front matter (the file must start with ---)")
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            try:
                return parse_yaml_mapping("".join(lines[1:i])), "".join(lines[i + 1 :])
            except Unreadable as exc:
                raise ValueError(f"front matter: {exc}") from exc
    raise ValueError("front matter is not closed by a --- line")


def _loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "-"


def validation_problems(path: str, exc: ValidationError) -> list[ContentProblem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        message = err["msg"].removeprefix("Value error, ")
        problems.append(ContentProblem(path, _loc(loc), message))
    return problems


def load_model(
    model: type[ContentModel],
    path: Path,
    root: Path,
    problems: list[ContentProblem],
    expected_id: str | None = None,
):
    """Read, parse and validate one YAML file; None (plus problems) when it is bad.

    The file's ``id`` must equal ``expected_id`` (by default, the file name stem).
    """
    rel = relative_path(path, root)
    try:
        data = parse_yaml_mapping(read_text(path))
    except Unreadable as exc:
        problems.append(ContentProblem(rel, "-", str(exc)))
        return None
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        problems.extend(validation_problems(rel, exc))
        return None
    expected = path.stem if expected_id is None else expected_id
    if obj.id != expected:
        problems.append(ContentProblem(rel, "id", f"id {obj.id!r} must be {expected!r}"))
        return None
    return obj


def load_dir(model, directory: Path, root: Path, problems: list[ContentProblem]) -> dict:
    found: dict[str, Any] = {}
    if not directory.is_dir():
        return found
    for path in sorted(directory.glob("*.yaml")):
        obj = load_model(model, path, root, problems)
        if obj is not None:
            found[obj.id] = obj
    return found


def duplicate_uuid_problems(files: Iterable[tuple[str, ContentFile]]) -> list[ContentProblem]:
    """A problem for every file whose uuid was already used by an earlier file."""
    seen: dict[UUID, str] = {}
    problems = []
    for path, obj in files:
        if obj.uuid in seen:
            problems.append(
                ContentProblem(path, "uuid", f"duplicate uuid (also in {seen[obj.uuid]})")
            )
        else:
            seen[obj.uuid] = path
    return problems
