"""Fixtures for the psychometrics unit tests: the shipped content and a tiny hand-made tree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from app.psychometrics import (
    Instrument,
    JobProfile,
    NormTable,
    load_instrument,
    load_job_profiles,
    load_norm_table,
)

from .samples import ASSESSMENTS

UUID = "00000000-0000-4000-8000-{:012d}"

BAND = {"means": "Means something.", "what_to_do": "Do something."}


def _trait(trait_id: str) -> dict:
    return {
        "id": trait_id,
        "name": trait_id.upper(),
        "definition": f"Definition of {trait_id}.",
        "low": BAND,
        "typical": BAND,
        "high": BAND,
        "probes": [f"Probe one for {trait_id}?", f"Probe two for {trait_id}?"],
    }


MINI_FILES: dict[str, dict] = {
    "instruments/mini.yaml": {
        "id": "mini",
        "uuid": UUID.format(1),
        "schema_version": 1,
        "title": "Mini",
        "description": "A tiny instrument for hand-computed tests.",
        "time_limit_seconds": 600,
        "timing": {
            "seconds_per_item": {"likert": 5, "sjt": 30, "forced_choice": 10, "work_sample": 120}
        },
        "traits": [_trait("a"), _trait("b")],
        "sections": [
            {
                "id": "s1",
                "title": "Statements",
                "instructions": "Answer.",
                "item_files": ["likert-a", "likert-b"],
                "order": "interleave",
            },
            {
                "id": "s2",
                "title": "Other",
                "instructions": "Answer.",
                "item_files": ["scenarios", "pairs", "reply"],
            },
        ],
    },
    "items/mini/likert-a.yaml": {
        "id": "likert-a",
        "uuid": UUID.format(2),
        "schema_version": 1,
        "kind": "likert",
        "items": [
            {"id": "a1", "trait": "a", "text": "I do a."},
            {"id": "a2", "trait": "a", "text": "I avoid a.", "reverse": True},
            {
                "id": "a3",
                "trait": "a",
                "text": "I seldom do a.",
                "reverse": True,
                "pair_with": "a1",
            },
        ],
    },
    "items/mini/likert-b.yaml": {
        "id": "likert-b",
        "uuid": UUID.format(3),
        "schema_version": 1,
        "kind": "likert",
        "items": [
            {"id": "b1", "trait": "b", "text": "I do b."},
            {"id": "b2", "trait": "b", "text": "I avoid b.", "reverse": True},
        ],
    },
    "items/mini/scenarios.yaml": {
        "id": "scenarios",
        "uuid": UUID.format(4),
        "schema_version": 1,
        "kind": "sjt",
        "items": [
            {
                "id": "s1",
                "setting": "phone",
                "theme": "irate_customer",
                "scenario": "A caller is angry.",
                "options": [
                    {"id": "x", "text": "Best.", "points": {"a": 2}},
                    {"id": "y", "text": "Mixed.", "points": {"a": 1, "b": 1}},
                    {"id": "z", "text": "Worst."},
                ],
            },
        ],
    },
    "items/mini/pairs.yaml": {
        "id": "pairs",
        "uuid": UUID.format(5),
        "schema_version": 1,
        "kind": "forced_choice",
        "items": [
            {
                "id": "f1",
                "options": [
                    {"id": "p", "text": "I am a.", "trait": "a"},
                    {"id": "q", "text": "I am b.", "trait": "b"},
                ],
            },
        ],
    },
    "items/mini/reply.yaml": {
        "id": "reply",
        "uuid": UUID.format(6),
        "schema_version": 1,
        "kind": "work_sample",
        "items": [
            {
                "id": "w1",
                "title": "Reply",
                "instructions": "Write a reply.",
                "customer_name": "Kim",
                "customer_message": "Where is my parcel?",
                "key_facts": ["The parcel left the depot this morning."],
                "must_not": ["Blame Kim for the delay."],
                "max_chars": 200,
                "criteria": [
                    {
                        "id": "greet",
                        "label": "Greets",
                        "description": "Says hello.",
                        "trait": "b",
                        "points": 2,
                        "checks": [{"type": "contains_any", "patterns": ["\\bhello\\b"]}],
                    },
                    {
                        "id": "length",
                        "label": "Length",
                        "description": "3 to 10 words.",
                        "trait": "a",
                        "points": 1,
                        "checks": [{"type": "word_count", "min_words": 3, "max_words": 10}],
                    },
                ],
            },
        ],
    },
    "norms/mini-v1.yaml": {
        "id": "mini-v1",
        "uuid": UUID.format(7),
        "schema_version": 1,
        "instrument": "mini",
        "version": 1,
        "sample": {"size": 100, "collected": "2026-01-01", "description": "Invented."},
        "traits": {
            "a": {"mean": 8, "sd": 4, "reliability": 0.84},
            "b": {"mean": 6, "sd": 3, "reliability": 0.75},
        },
    },
    "job_profiles/mini-job.yaml": {
        "id": "mini-job",
        "uuid": UUID.format(8),
        "schema_version": 1,
        "title": "Mini job",
        "description": "Invented.",
        "instrument": "mini",
        "norm_table": "mini-v1",
        "weights": {"a": 1, "b": 1},
        "cut_score": 50,
        "minimums": {"b": 30},
        "show_feedback": True,
    },
}


def write_tree(root: Path, files: dict[str, dict]) -> Path:
    """Write content files (as YAML) under ``root/assessments`` and return that folder."""
    base = root / "assessments"
    for rel, data in files.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return base


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A tiny, valid assessments tree (instrument ``mini``)."""
    return write_tree(tmp_path, MINI_FILES)


@pytest.fixture
def mini(mini_dir: Path) -> tuple[Instrument, NormTable, JobProfile]:
    """The mini instrument, its norm table and its job profile."""
    return (
        load_instrument(mini_dir, "mini"),
        load_norm_table(mini_dir, "mini-v1"),
        load_job_profiles(mini_dir)["mini-job"],
    )


@pytest.fixture(scope="session")
def shipped() -> tuple[Instrument, NormTable, dict[str, JobProfile]]:
    """The shipped service-aptitude instrument, its norms and all job profiles."""
    return (
        load_instrument(ASSESSMENTS, "service-aptitude"),
        load_norm_table(ASSESSMENTS, "service-aptitude-v1"),
        load_job_profiles(ASSESSMENTS),
    )


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped assessments tree, for corruption tests."""
    target = tmp_path / "assessments"
    shutil.copytree(ASSESSMENTS, target)
    return target
