"""Simulated customers as content: ``courses/practice/customers/<id>.yaml``.

Each file plays one phone or chat practice contact (``contact:``); the contact keeps the
facts of the case, the customer file adds the goal, mood, patience and conversation graph
(schema and graph checks in ``app.conversations.schema``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.content.models import select_documents
from app.content.problems import Document, Problem
from app.conversations import customer_problems
from app.extensions import db
from app.yaml_reader import YamlError, load_yaml

CUSTOMER_DIR = Path("courses") / "practice" / "customers"
CONTACT_DIR = Path("courses") / "practice" / "contacts"
TALKING = ("phone", "chat")


def _contact_channels(root: Path) -> dict[str, str]:
    channels = {}
    for path in sorted((root / CONTACT_DIR).glob("*.yaml")):
        try:
            data = load_yaml(path.read_text(encoding="utf-8"), str(path))
        except (YamlError, OSError):  # the course source reports unreadable contacts
            continue
        if isinstance(data, dict) and isinstance(data.get("channel"), str):
            channels[path.stem] = data["channel"]
    return channels


def _read(path: Path, rel: str, channels: dict[str, str], played: dict[str, str]
          ) -> tuple[Document | None, list[Problem]]:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"), rel)
    except YamlError as exc:
        return None, [Problem(rel, "-", exc.problem if exc.line is None
                              else f"line {exc.line}: {exc.problem}")]
    spec, found = customer_problems(data)
    problems = [Problem(rel, f, m) for f, m in found]
    if spec is None:
        return None, problems
    if spec.id != path.stem:
        return None, [Problem(rel, "id", f"id {spec.id!r} must be {path.stem!r}")]
    channel = channels.get(spec.contact)
    if channel is None:
        return None, [Problem(rel, "contact", f"unknown practice contact {spec.contact!r}")]
    if channel not in TALKING:
        return None, [Problem(rel, "contact", f"{spec.contact!r} is {channel}; only phone "
                                              "and chat customers talk back")]
    if spec.contact in played:
        return None, [Problem(rel, "contact", f"{spec.contact!r} is already played by "
                                              f"{played[spec.contact]}")]
    played[spec.contact] = rel
    return Document("practice_customer", spec.id, str(spec.uuid), rel, spec.goal,
                    spec.model_dump(mode="json")), []


def customer_source(root: Path) -> tuple[list[Document], list[Problem]]:
    """The content source for simulated customers: one document per valid file."""
    directory = root / CUSTOMER_DIR
    if not directory.is_dir():
        return [], []
    channels, played = _contact_channels(root), {}
    docs, problems = [], []
    for path in sorted(directory.glob("*.yaml")):
        doc, found = _read(path, path.relative_to(root).as_posix(), channels, played)
        problems += found
        if doc is not None:
            docs.append(doc)
    return docs, problems


def by_contact() -> dict[str, dict[str, Any]]:
    """Every active customer (CustomerSpec dump) by the contact id it plays."""
    docs = db.session.scalars(select_documents("practice_customer"))
    return {doc.data["contact"]: doc.data for doc in docs}
