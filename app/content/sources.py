"""Content sources: each turns a folder of files into documents and problems.

- courses/: one `course` document per valid course (lessons, checks and activities
  inline, Markdown bodies kept raw and sanitized on render), one `practice_contact`
  per practice contact, one `rated_response` per trainer-rated practice response.
- assessments/scorecards/: QA scorecards, registered by monitoring (`register_source`).
- assessments/: one document per valid file (`instrument`, `item_bank`, `norm_table`,
  `job_profile`), holding the file's data as written; the psychometrics core rebuilds
  the catalog from them.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.content.problems import Document, Problem
from app.content.schema.base import PRACTICE_DIR_NAME
from app.content.schema.practice import rating_file_index
from app.content.schema.tree import validate_courses_root
from app.psychometrics import parse_catalog
from app.yaml_reader import load_yaml

Source = Callable[[Path], tuple[list[Document], list[Problem]]]
RATED_RESPONSE_NAMESPACE = uuidlib.UUID("2b1f0d7e-9c51-4c2a-a4c4-6f3a5e0b7d11")
ASSESSMENT_KINDS = {
    "instruments": "instrument",
    "items": "item_bank",
    "norms": "norm_table",
    "job_profiles": "job_profile",
}


def _problem(p: Any) -> Problem:
    return Problem(str(p.path), str(p.field), str(p.message))


def course_source(root: Path) -> tuple[list[Document], list[Problem]]:
    courses_dir = root / "courses"
    if not courses_dir.is_dir():
        return [], []
    tree = validate_courses_root(courses_dir, root)
    docs: list[Document] = []
    for bundle in tree.courses.values():
        data = {
            "course": bundle.course.model_dump(mode="json"),
            "lessons": {k: v.model_dump(mode="json") for k, v in bundle.lessons.items()},
            "checks": {k: v.model_dump(mode="json") for k, v in bundle.checks.items()},
            "activities": {k: v.model_dump(mode="json") for k, v in bundle.activities.items()},
        }
        docs.append(Document("course", bundle.course.id, str(bundle.course.uuid),
                             f"{bundle.path}/course.yaml", bundle.course.title, data))
    practice = f"courses/{PRACTICE_DIR_NAME}"
    for contact in tree.contacts:
        docs.append(Document("practice_contact", contact.id, str(contact.uuid),
                             f"{practice}/contacts/{contact.id}.yaml", contact.subject,
                             contact.model_dump(mode="json")))
    # rows keep their ratings file as path, so an invalid file leaves its rows alone
    files = rating_file_index(courses_dir / PRACTICE_DIR_NAME, root)
    for response in tree.responses:
        ident = str(uuidlib.uuid5(RATED_RESPONSE_NAMESPACE, response.id))
        docs.append(Document("rated_response", response.id, ident, files[response.id],
                             response.id, response.model_dump(mode="json")))
    return docs, [_problem(p) for p in tree.problems]


def assessment_source(root: Path) -> tuple[list[Document], list[Problem]]:
    assessments = root / "assessments"
    if not assessments.is_dir():
        return [], []
    _, found = parse_catalog(assessments)
    problems = [_problem(p) for p in found]
    bad = {p.path for p in problems}
    docs: list[Document] = []
    for folder, kind in ASSESSMENT_KINDS.items():
        for file in sorted((assessments / folder).rglob("*.yaml")):
            rel = file.relative_to(root).as_posix()
            if rel in bad or file.relative_to(assessments).as_posix() in bad:
                continue
            # JSON-safe copy: YAML dates become ISO strings, as the schemas accept
            data = json.loads(json.dumps(load_yaml(file.read_text(encoding="utf-8"), rel),
                                         default=str))
            if not isinstance(data, dict) or not data.get("uuid"):
                problems.append(Problem(rel, "uuid", "a stable uuid is required"))
                continue
            content_id = file.relative_to(assessments / folder).with_suffix("").as_posix()
            docs.append(Document(kind, content_id, str(data["uuid"]), rel,
                                 str(data.get("title", content_id)), {"file": rel, "data": data}))
    return docs, problems


SOURCES: list[Source] = [course_source, assessment_source]


def register_source(source: Source) -> None:
    """A slice that owns a kind of content adds its source here (from its init_app),
    so content does not import the slices above it."""
    if source not in SOURCES:
        SOURCES.append(source)
