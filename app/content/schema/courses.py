"""Courses: ``courses/<course-id>/`` with its course.yaml, lessons, checks and activities.

Layout (every YAML file carries a slug ``id``, a ``uuid`` and ``schema_version: 1``)::

    courses/<course-id>/course.yaml
    courses/<course-id>/lessons/NN-<lesson-id>.md      YAML front matter + Markdown body
    courses/<course-id>/checks/<check-id>.yaml
    courses/<course-id>/activities/<activity-id>.yaml
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError, model_validator

from app.content.schema.base import (
    PRACTICE_DIR_NAME,
    ContentFile,
    ContentModel,
    ContentProblem,
    Slug,
    Text,
    Unreadable,
    duplicate_uuid_problems,
    load_dir,
    load_model,
    read_text,
    relative_path,
    split_front_matter,
    validation_problems,
)
from app.content.schema.practice import practice_contact_ids

CourseKind = Literal["onboarding", "rotation", "skills"]
ActivityKind = Literal["shadowing", "customers_eye", "practice_shift", "reflection"]
LESSON_FILE_RE = re.compile(r"^(?P<position>\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md$")


class Certificate(ContentModel):
    valid_days: Annotated[int, Field(gt=0)] | None


class Step(ContentModel):
    """Exactly one of the four keys, e.g. ``{lesson: greeting}``. An activity with
    ``hand_in: true`` is handed in (text, optional file) and completed by the trainer."""

    lesson: Slug | None = None
    check: Slug | None = None
    roleplay: Slug | None = None
    activity: Slug | None = None
    hand_in: bool = False

    @model_validator(mode="after")
    def _exactly_one(self) -> Step:
        given = [k for k in ("lesson", "check", "roleplay", "activity") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError("a step names exactly one of lesson, check, roleplay, activity")
        if self.hand_in and not self.activity:
            raise ValueError("hand_in: only an activity step can be handed in")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in ("lesson", "check", "roleplay", "activity") if getattr(self, k))

    @property
    def ref(self) -> str:
        return getattr(self, self.kind)


class Module(ContentModel):
    id: Slug
    title: Text
    summary: Text
    steps: Annotated[list[Step], Field(min_length=1)]


class Course(ContentFile):
    title: Text
    summary: Text
    kind: CourseKind
    audience: Text
    estimated_minutes: Annotated[int, Field(gt=0)]
    certificate: Certificate
    modules: Annotated[list[Module], Field(min_length=1)]


class LessonFrontMatter(ContentFile):
    title: Text
    minutes: Annotated[int, Field(gt=0)]


class Lesson(LessonFrontMatter):
    """A lesson: front matter plus the raw Markdown ``body`` (render and sanitize it)."""

    body: Text
    position: int
    path: str

    @property
    def word_count(self) -> int:
        return len(re.findall(r"[A-Za-z0-9'’]+", self.body))


class Option(ContentModel):
    id: Slug
    text: Text
    correct: bool
    explanation: Text


class Question(ContentModel):
    id: Slug
    prompt: Text
    multiple: bool = False
    options: Annotated[list[Option], Field(min_length=2)]

    @model_validator(mode="after")
    def _keys(self) -> Question:
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate option id")
        n_correct = sum(o.correct for o in self.options)
        if self.multiple and n_correct < 1:
            raise ValueError("a multiple-answer question needs at least one correct option")
        if not self.multiple and n_correct != 1:
            raise ValueError(f"exactly one option must be correct (found {n_correct})")
        return self


class Check(ContentFile):
    title: Text
    pass_mark: Annotated[float, Field(gt=0, le=1)]
    questions: Annotated[list[Question], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_questions(self) -> Check:
        ids = [q.id for q in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate question id")
        return self


class Activity(ContentFile):
    title: Text
    kind: ActivityKind
    instructions: Text
    deliverable: Text
    minutes: Annotated[int, Field(gt=0)]


@dataclass
class CourseBundle:
    """A fully valid course with every referenced lesson, check and activity resolved."""

    course: Course
    path: str
    lessons: dict[str, Lesson] = field(default_factory=dict)
    checks: dict[str, Check] = field(default_factory=dict)
    activities: dict[str, Activity] = field(default_factory=dict)

    def steps(self) -> Iterable[tuple[Module, int, Step]]:
        """Every ``(module, index, step)`` in course order."""
        for module in self.course.modules:
            for index, step in enumerate(module.steps):
                yield module, index, step


def load_lesson(path: Path, root: Path, problems: list[ContentProblem]) -> Lesson | None:
    """One ``NN-<id>.md`` lesson; None (plus problems) when it is bad."""
    rel = relative_path(path, root)
    match = LESSON_FILE_RE.match(path.name)
    if match is None:
        problems.append(ContentProblem(rel, "-", "lesson file name must look like NN-<id>.md"))
        return None
    try:
        meta, body = split_front_matter(read_text(path))
    except (Unreadable, ValueError) as exc:
        problems.append(ContentProblem(rel, "-", str(exc)))
        return None
    try:
        front = LessonFrontMatter.model_validate(meta)
        lesson = Lesson(
            **front.model_dump(), body=body.strip(), position=int(match["position"]), path=rel
        )
    except ValidationError as exc:
        problems.extend(validation_problems(rel, exc))
        return None
    if lesson.id != match["slug"]:
        problems.append(
            ContentProblem(rel, "id", f"id {lesson.id!r} must match the file name slug")
        )
        return None
    return lesson


def validate_course_dir(
    course_dir: Path,
    root: Path,
    *,
    known_contacts: Collection[str] | None = None,
) -> tuple[CourseBundle | None, list[ContentProblem]]:
    """Validate one ``courses/<id>/`` directory.

    Returns the resolved bundle only when the whole course is valid (all or nothing, so a
    loader never stores a course whose steps point at a broken file), and every problem
    found. Role-play steps are checked against ``known_contacts``; by default, the contact
    files in the sibling ``practice/contacts`` directory.
    """
    problems: list[ContentProblem] = []
    if known_contacts is None:
        known_contacts = practice_contact_ids(course_dir.parent / PRACTICE_DIR_NAME)
    course_file = course_dir / "course.yaml"
    if not course_file.is_file():
        return None, [
            ContentProblem(relative_path(course_file, root), "-", "course.yaml is missing")
        ]
    course = load_model(Course, course_file, root, problems, expected_id=course_dir.name)

    lessons: dict[str, Lesson] = {}
    lesson_dir = course_dir / "lessons"
    if lesson_dir.is_dir():
        for path in sorted(lesson_dir.iterdir()):
            if path.name.startswith("."):
                continue
            lesson = load_lesson(path, root, problems)
            if lesson is None:
                continue
            if lesson.id in lessons:
                problems.append(ContentProblem(lesson.path, "id", f"duplicate id {lesson.id!r}"))
                continue
            lessons[lesson.id] = lesson
    checks = load_dir(Check, course_dir / "checks", root, problems)
    activities = load_dir(Activity, course_dir / "activities", root, problems)

    if course is None:
        return None, problems

    rel = relative_path(course_file, root)
    problems.extend(_course_reference_problems(rel, course, course_dir, known_contacts))
    used = {(step.kind, step.ref) for m in course.modules for step in m.steps}
    for kind, found, sub in (
        ("lesson", lessons, "lessons"),
        ("check", checks, "checks"),
        ("activity", activities, "activities"),
    ):
        for obj_id in sorted(set(found) - {ref for k, ref in used if k == kind}):
            base = rel.removesuffix("course.yaml")
            obj_path = found[obj_id].path if kind == "lesson" else f"{base}{sub}/{obj_id}.yaml"
            problems.append(
                ContentProblem(obj_path, "id", f"{kind} {obj_id!r} is not used by any step")
            )
    problems.extend(duplicate_uuid_problems(course_files(rel, course, lessons, checks, activities)))
    if problems:
        return None, problems
    bundle = CourseBundle(course, relative_path(course_dir, root), lessons, checks, activities)
    return bundle, problems


def course_files(rel, course, lessons, checks, activities) -> list[tuple[str, ContentFile]]:
    base = rel.removesuffix("course.yaml")
    files: list[tuple[str, ContentFile]] = [(rel, course)]
    files += [(lesson.path, lesson) for lesson in lessons.values()]
    files += [(f"{base}checks/{c.id}.yaml", c) for c in checks.values()]
    files += [(f"{base}activities/{a.id}.yaml", a) for a in activities.values()]
    return files


def _course_reference_problems(
    rel: str, course: Course, course_dir: Path, known_contacts: Collection[str]
) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    module_ids: set[str] = set()
    seen_steps: set[tuple[str, str]] = set()
    on_disk = {
        "lesson": {
            m["slug"] for p in _names(course_dir / "lessons") if (m := LESSON_FILE_RE.match(p))
        },
        "check": {Path(p).stem for p in _names(course_dir / "checks")},
        "activity": {Path(p).stem for p in _names(course_dir / "activities")},
        "roleplay": set(known_contacts),
    }
    contacts_on_disk = practice_contact_ids(course_dir.parent / PRACTICE_DIR_NAME)
    for mi, module in enumerate(course.modules):
        if module.id in module_ids:
            problems.append(
                ContentProblem(rel, f"modules[{mi}].id", f"duplicate module id {module.id!r}")
            )
        module_ids.add(module.id)
        for si, step in enumerate(module.steps):
            where = f"modules[{mi}].steps[{si}].{step.kind}"
            if step.kind == "roleplay" and step.ref not in on_disk["roleplay"]:
                if step.ref in contacts_on_disk:
                    message = f"practice contact {step.ref!r} is invalid (see its own problems)"
                else:
                    message = f"unknown practice contact {step.ref!r}"
                problems.append(ContentProblem(rel, where, message))
            elif step.ref not in on_disk[step.kind]:
                problems.append(ContentProblem(rel, where, f"unknown {step.kind} {step.ref!r}"))
            elif (step.kind, step.ref) in seen_steps and step.kind != "roleplay":
                problems.append(
                    ContentProblem(rel, where, f"{step.kind} {step.ref!r} is used twice")
                )
            seen_steps.add((step.kind, step.ref))
    return problems


def _names(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir()] if directory.is_dir() else []
