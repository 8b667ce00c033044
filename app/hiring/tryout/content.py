"""Tryout content as stored documents: ``assessments/tryout/forms/*.yaml`` and
``assessments/tryout/sections/*.yaml`` (one section per job profile that includes a
tryout). Registered as a content source by the hiring slice; problems are
``path: field: message``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.content.models import select_documents
from app.content.problems import Document, Problem
from app.extensions import db
from app.hiring.tryout.schema import (
    Form,
    Section,
    form_problems,
    parallel_problems,
    section_problems,
)
from app.yaml_reader import YamlError, load_yaml

TRYOUT_DIR = Path("assessments") / "tryout"


def _read(path: Path, rel: str, parse) -> tuple[Any, list[Problem]]:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"), rel)
    except YamlError as exc:
        return None, [Problem(rel, "-", exc.problem if exc.line is None
                              else f"line {exc.line}: {exc.problem}")]
    spec, found = parse(data)
    if spec is not None and spec.id != path.stem:
        return None, [Problem(rel, "id", f"id {spec.id!r} must be {path.stem!r}")]
    return spec, [Problem(rel, f, m) for f, m in found]


def read_tryout(root: Path) -> tuple[dict[str, Form], dict[str, Section], list[Problem]]:
    """Every valid form and section under ``root`` (sections with parallel forms only)."""
    base = root / TRYOUT_DIR
    forms: dict[str, Form] = {}
    sections: dict[str, Section] = {}
    problems: list[Problem] = []
    for path in sorted((base / "forms").glob("*.yaml")):
        form, found = _read(path, path.relative_to(root).as_posix(), form_problems)
        problems += found
        if form is not None:
            forms[form.id] = form
    contact_ids: dict[str, str] = {}
    for form in forms.values():
        for contact in form.contacts:
            if contact.id in contact_ids:
                problems.append(Problem(f"{TRYOUT_DIR.as_posix()}/forms/{form.id}.yaml",
                                        "contacts", f"contact id {contact.id!r} is also in "
                                                    f"form {contact_ids[contact.id]!r}"))
            contact_ids[contact.id] = form.id
    for path in sorted((base / "sections").glob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        section, found = _read(path, rel, section_problems)
        problems += found
        if section is None:
            continue
        found = parallel_problems(section, forms)
        problems += [Problem(rel, f, m) for f, m in found]
        if not found:
            sections[section.job_profile] = section
    return forms, sections, problems


def tryout_source(root: Path) -> tuple[list[Document], list[Problem]]:
    """The content source: one document per valid form and section."""
    if not (root / TRYOUT_DIR).is_dir():
        return [], []
    forms, sections, problems = read_tryout(root)
    docs = [Document("tryout_form", f.id, str(f.uuid),
                     f"{TRYOUT_DIR.as_posix()}/forms/{f.id}.yaml", f.title,
                     f.model_dump(mode="json")) for f in forms.values()]
    docs += [Document("tryout_section", s.id, str(s.uuid),
                      f"{TRYOUT_DIR.as_posix()}/sections/{s.id}.yaml", s.title,
                      s.model_dump(mode="json")) for s in sections.values()]
    return docs, problems


def section_for(job_profile: str) -> Section | None:
    """The tryout a job profile includes, or None."""
    for doc in db.session.scalars(select_documents("tryout_section")):
        if doc.data.get("job_profile") == job_profile:
            return Section.model_validate(doc.data)
    return None


def form(form_id: str) -> Form | None:
    for doc in db.session.scalars(select_documents("tryout_form")):
        if doc.content_id == form_id:
            return Form.model_validate(doc.data)
    return None
