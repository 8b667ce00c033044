"""The shipped practice library read straight from courses/ (no app, no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.content.schema.practice import load_practice_library

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def library():
    contacts, responses, problems = load_practice_library(ROOT / "courses" / "practice", ROOT)
    assert not problems
    return {c.id: c.model_dump(mode="json") for c in contacts}, responses


@pytest.fixture(scope="session")
def contacts(library):
    return library[0]
