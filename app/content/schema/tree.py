"""The whole ``courses/`` tree: every course and the practice library, checked together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.content.schema.base import (
    PRACTICE_DIR_NAME,
    ContentFile,
    ContentProblem,
    duplicate_uuid_problems,
    relative_path,
)
from app.content.schema.courses import CourseBundle, course_files, validate_course_dir
from app.content.schema.practice import PracticeContact, RatedResponse, load_practice_library


@dataclass
class ContentTree:
    courses: dict[str, CourseBundle]
    contacts: list[PracticeContact]
    responses: list[RatedResponse]
    problems: list[ContentProblem]


def validate_courses_root(courses_dir: Path, root: Path) -> ContentTree:
    """Validate every course directory and the practice library under ``courses_dir``.

    Adds the cross-file check that no uuid is used by two files anywhere in the tree.
    """
    practice_dir = courses_dir / PRACTICE_DIR_NAME
    contacts, responses, problems = load_practice_library(practice_dir, root)
    known = {c.id for c in contacts}
    courses: dict[str, CourseBundle] = {}
    files: list[tuple[str, ContentFile]] = [
        (f"{relative_path(practice_dir, root)}/contacts/{c.id}.yaml", c) for c in contacts
    ]
    for course_dir in sorted(p for p in courses_dir.iterdir() if p.is_dir()):
        if course_dir.name == PRACTICE_DIR_NAME or course_dir.name.startswith("."):
            continue
        bundle, course_problems = validate_course_dir(course_dir, root, known_contacts=known)
        problems.extend(course_problems)
        if bundle is not None:
            courses[bundle.course.id] = bundle
            files.extend(
                course_files(
                    f"{bundle.path}/course.yaml",
                    bundle.course,
                    bundle.lessons,
                    bundle.checks,
                    bundle.activities,
                )
            )
    problems.extend(duplicate_uuid_problems(files))
    return ContentTree(courses, contacts, responses, list(dict.fromkeys(problems)))
