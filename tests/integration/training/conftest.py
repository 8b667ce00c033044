"""A tiny onboarding course written to a temporary content root and synced, so the
tests do not depend on the shipped courses (which authors keep changing)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from app.content.loader import sync_content
from app.extensions import db
from app.training.courses import get_course

COURSE_UUID = "5b0c1a52-8f0e-4d7c-9d7a-3b9c2f1e0a11"
SKILLS_UUID = "6c1d2b63-9a1f-4e8d-8e8b-4cad3a2f1b22"


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def write_courses(root: Path) -> None:
    _write(root, "courses/tiny-onboarding/course.yaml", f"""
        id: tiny-onboarding
        uuid: {COURSE_UUID}
        schema_version: 1
        title: Tiny onboarding
        summary: Two lessons, an activity and a check.
        kind: onboarding
        audience: New hires.
        estimated_minutes: 20
        certificate:
          valid_days: 30
        modules:
          - id: start
            title: Getting started
            summary: The first steps.
            steps:
              - lesson: welcome
              - activity: shadow-a-call
          - id: finish
            title: Finishing
            summary: The last steps.
            steps:
              - lesson: listening
              - check: basics-check
        """)
    _write(root, "courses/tiny-onboarding/lessons/01-welcome.md", """
        ---
        id: welcome
        uuid: 0f6a1e2b-1111-4c1d-8e2f-000000000001
        schema_version: 1
        title: Welcome aboard
        minutes: 5
        ---
        Customers are **people**. <script>alert(1)</script>
        """)
    _write(root, "courses/tiny-onboarding/lessons/02-listening.md", """
        ---
        id: listening
        uuid: 0f6a1e2b-1111-4c1d-8e2f-000000000002
        schema_version: 1
        title: Listening on purpose
        minutes: 5
        ---
        Listen first, then answer.
        """)
    _write(root, "courses/tiny-onboarding/activities/shadow-a-call.yaml", """
        id: shadow-a-call
        uuid: 0f6a1e2b-1111-4c1d-8e2f-000000000003
        schema_version: 1
        title: Shadow a call
        kind: shadowing
        instructions: Sit with an agent for one hour.
        deliverable: Three things you noticed.
        minutes: 60
        """)
    _write(root, "courses/tiny-onboarding/checks/basics-check.yaml", """
        id: basics-check
        uuid: 0f6a1e2b-1111-4c1d-8e2f-000000000004
        schema_version: 1
        title: "Check: the basics"
        pass_mark: 1.0
        questions:
          - id: first
            prompt: What comes first?
            options:
              - id: a
                text: Listening
                correct: true
                explanation: Listening tells you what the customer needs.
              - id: b
                text: Talking
                correct: false
                explanation: Talking first means guessing the need.
          - id: many
            prompt: Which help?
            multiple: true
            options:
              - id: a
                text: Using the name
                correct: true
                explanation: It makes the contact personal.
              - id: b
                text: Jargon
                correct: false
                explanation: Jargon confuses customers.
              - id: c
                text: Owning the problem
                correct: true
                explanation: The customer stops worrying.
        """)
    _write(root, "courses/tiny-skills/course.yaml", f"""
        id: tiny-skills
        uuid: {SKILLS_UUID}
        schema_version: 1
        title: Tiny skills
        summary: One lesson.
        kind: skills
        audience: Everyone.
        estimated_minutes: 5
        certificate:
          valid_days: null
        modules:
          - id: only
            title: Only module
            summary: Just one.
            steps:
              - lesson: only-lesson
        """)
    _write(root, "courses/tiny-skills/lessons/01-only-lesson.md", """
        ---
        id: only-lesson
        uuid: 0f6a1e2b-1111-4c1d-8e2f-000000000005
        schema_version: 1
        title: The only lesson
        minutes: 5
        ---
        Short and sweet.
        """)


@pytest.fixture(scope="session")
def content_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("content")
    write_courses(root)
    return root


@pytest.fixture
def course(app, content_root):
    report = sync_content(content_root)
    assert report.ok, report.problems
    db.session.commit()
    return get_course(COURSE_UUID)


@pytest.fixture
def skills_course(course):
    return get_course(SKILLS_UUID)


RIGHT = {"first": ["a"], "many": ["a", "c"]}
WRONG = {"first": ["b"], "many": ["a"]}
