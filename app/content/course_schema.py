"""Pydantic models of the course content in ``courses/`` and the checks that tie it together.

Layout (every YAML file carries a slug ``id``, a ``uuid`` and ``schema_version: 1``)::

    courses/<course-id>/course.yaml
    courses/<course-id>/lessons/NN-<lesson-id>.md      YAML front matter + Markdown body
    courses/<course-id>/checks/<check-id>.yaml
    courses/<course-id>/activities/<activity-id>.yaml
    courses/practice/contacts/<contact-id>.yaml
    courses/practice/ratings/<set-id>.yaml

Nothing here raises on bad content: every problem comes back as a ``ContentProblem``
(``path: field: message``) so the loader can report it and leave stored rows untouched.
Imports only the standard library, pydantic, yaml and the shared problem type.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from app.content.problems import Problem as ContentProblem
from app.yaml_reader import YamlError, load_yaml

SCHEMA_VERSION = 1
PRACTICE_DIR_NAME = "practice"

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

CourseKind = Literal["onboarding", "rotation", "skills"]
ActivityKind = Literal["shadowing", "customers_eye", "practice_shift", "reflection"]
Channel = Literal["phone", "chat", "email", "fax"]
ContactType = Literal["inquiry", "order", "complaint", "cancellation", "technical"]
Tier = Literal["basic", "enhanced", "premium"]
Mood = Literal["calm", "confused", "irate"]
Skill = Literal["billing", "orders", "technical", "general"]
Ending = Literal["resolved", "escalated", "lost"]

#: Rubric criteria a trainer rates 0/1 on a free-text practice response.
RUBRIC_CRITERIA: tuple[str, ...] = (
    "introduced_self",
    "used_name",
    "referred_to_purchase",
    "acknowledged_feelings",
    "took_ownership",
    "resolved_accurately",
    "no_blame_or_jargon",
    "honest",
)

#: Tags a role-play choice may carry; the negative ones lower a practice score.
POSITIVE_TAGS = (
    "introduced_self",
    "used_name",
    "referred_to_purchase",
    "acknowledged_feelings",
    "took_ownership",
    "clarified",
    "explained_clearly",
    "set_expectations",
    "honest",
    "resolved",
    "escalated_properly",
)
NEGATIVE_TAGS = (
    "blamed_customer",
    "jargon",
    "dishonest",
    "dismissive",
    "overpromised",
    "interrupted",
)
DialogueTag = Literal[
    "introduced_self",
    "used_name",
    "referred_to_purchase",
    "acknowledged_feelings",
    "took_ownership",
    "clarified",
    "explained_clearly",
    "set_expectations",
    "honest",
    "resolved",
    "escalated_properly",
    "blamed_customer",
    "jargon",
    "dishonest",
    "dismissive",
    "overpromised",
    "interrupted",
]

LESSON_FILE_RE = re.compile(r"^(?P<position>\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _File(_Model):
    id: Slug
    uuid: UUID
    schema_version: Literal[1]


# --- courses -----------------------------------------------------------------------


class Certificate(_Model):
    valid_days: Annotated[int, Field(gt=0)] | None


class Step(_Model):
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


class Module(_Model):
    id: Slug
    title: Text
    summary: Text
    steps: Annotated[list[Step], Field(min_length=1)]


class Course(_File):
    title: Text
    summary: Text
    kind: CourseKind
    audience: Text
    estimated_minutes: Annotated[int, Field(gt=0)]
    certificate: Certificate
    modules: Annotated[list[Module], Field(min_length=1)]


class LessonFrontMatter(_File):
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


class Option(_Model):
    id: Slug
    text: Text
    correct: bool
    explanation: Text


class Question(_Model):
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


class Check(_File):
    title: Text
    pass_mark: Annotated[float, Field(gt=0, le=1)]
    questions: Annotated[list[Question], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_questions(self) -> Check:
        ids = [q.id for q in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate question id")
        return self


class Activity(_File):
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


# --- practice library ----------------------------------------------------------------


class Customer(_Model):
    name: Text
    purchase: Text
    history: Text


class HonestyTrap(_Model):
    situation: Text
    honest_answer: Text
    tempting_answer: Text


class Choice(_Model):
    id: Slug
    text: Text
    next: Slug
    tags: list[DialogueTag] = []
    feedback: Text


class DialogueState(_Model):
    customer: Text
    mood: Mood
    choices: list[Choice] = []
    end: Ending | None = None

    @model_validator(mode="after")
    def _terminal_xor_choices(self) -> DialogueState:
        if self.end is not None and self.choices:
            raise ValueError("a terminal state (end) has no choices")
        if self.end is None and not self.choices:
            raise ValueError("a state without choices must set end: resolved|escalated|lost")
        ids = [c.id for c in self.choices]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate choice id")
        return self


class Dialogue(_Model):
    start: Slug
    states: Annotated[dict[Slug, DialogueState], Field(min_length=2)]


class PracticeContact(_File):
    channel: Channel
    type: ContactType
    tier: Tier
    mood: Mood
    skill: Skill
    handle_seconds: Annotated[int, Field(gt=0)]
    customer: Customer
    subject: Text
    opening: Text
    key_facts: Annotated[list[Text], Field(min_length=1)]
    hints: list[Text] = []
    must_disclose: list[Text] = []
    must_not: Annotated[list[Text], Field(min_length=1)]
    jargon: list[Text] = []
    model_reply: Text | None = None
    honesty_trap: HonestyTrap | None = None
    dialogue: Dialogue | None = None

    @model_validator(mode="after")
    def _channel_fields(self) -> PracticeContact:
        if self.channel == "phone" and self.dialogue is None:
            raise ValueError("a phone contact needs a dialogue")
        if self.channel != "phone" and self.dialogue is not None:
            raise ValueError("only phone contacts have a dialogue")
        if self.channel != "phone" and self.model_reply is None:
            raise ValueError("a chat, email or fax contact needs a model_reply")
        return self


class Ratings(_Model):
    introduced_self: Literal[0, 1]
    used_name: Literal[0, 1]
    referred_to_purchase: Literal[0, 1]
    acknowledged_feelings: Literal[0, 1]
    took_ownership: Literal[0, 1]
    resolved_accurately: Literal[0, 1]
    no_blame_or_jargon: Literal[0, 1]
    honest: Literal[0, 1]


class RatedResponse(_Model):
    id: Slug
    contact_id: Slug
    channel: Literal["chat", "email", "fax"]
    text: Text
    ratings: Ratings
    overall: Annotated[int, Field(ge=1, le=4)]


class RatingSet(_File):
    title: Text
    items: Annotated[list[RatedResponse], Field(min_length=1)]


# --- reading files -------------------------------------------------------------------




class _Unreadable(Exception):
    pass


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _parse_yaml(text: str) -> dict:
    try:
        data = load_yaml(text)
    except YamlError as exc:
        where = f" (line {exc.line})" if exc.line is not None else ""
        raise _Unreadable(f"malformed YAML{where}: {exc.problem}") from exc
    if not isinstance(data, dict):
        raise _Unreadable("expected a YAML mapping at the top level")
    return data


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _Unreadable(f"cannot read file: {exc}") from exc


def split_front_matter(text: str) -> tuple[dict, str]:
    """Split ``---`` YAML front matter from a Markdown body; raises ValueError when missing."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ValueError("missing YAML front matter (the file must start with ---)")
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            try:
                return _parse_yaml("".join(lines[1:i])), "".join(lines[i + 1 :])
            except _Unreadable as exc:
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


def _validation_problems(path: str, exc: ValidationError) -> list[ContentProblem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        message = err["msg"].removeprefix("Value error, ")
        problems.append(ContentProblem(path, _loc(loc), message))
    return problems


def _load_model(
    model: type[_Model],
    path: Path,
    root: Path,
    problems: list[ContentProblem],
    expected_id: str | None = None,
):
    """Read, parse and validate one YAML file; None (plus problems) when it is bad.

    The file's ``id`` must equal ``expected_id`` (by default, the file name stem).
    """
    rel = _rel(path, root)
    try:
        data = _parse_yaml(_read_text(path))
    except _Unreadable as exc:
        problems.append(ContentProblem(rel, "-", str(exc)))
        return None
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        problems.extend(_validation_problems(rel, exc))
        return None
    expected = path.stem if expected_id is None else expected_id
    if obj.id != expected:
        problems.append(ContentProblem(rel, "id", f"id {obj.id!r} must be {expected!r}"))
        return None
    return obj


def load_lesson(path: Path, root: Path, problems: list[ContentProblem]) -> Lesson | None:
    """One ``NN-<id>.md`` lesson; None (plus problems) when it is bad."""
    rel = _rel(path, root)
    match = LESSON_FILE_RE.match(path.name)
    if match is None:
        problems.append(ContentProblem(rel, "-", "lesson file name must look like NN-<id>.md"))
        return None
    try:
        meta, body = split_front_matter(_read_text(path))
    except (_Unreadable, ValueError) as exc:
        problems.append(ContentProblem(rel, "-", str(exc)))
        return None
    try:
        front = LessonFrontMatter.model_validate(meta)
        lesson = Lesson(
            **front.model_dump(), body=body.strip(), position=int(match["position"]), path=rel
        )
    except ValidationError as exc:
        problems.extend(_validation_problems(rel, exc))
        return None
    if lesson.id != match["slug"]:
        problems.append(
            ContentProblem(rel, "id", f"id {lesson.id!r} must match the file name slug")
        )
        return None
    return lesson


def _load_dir(model, directory: Path, root: Path, problems: list[ContentProblem]) -> dict:
    found: dict[str, Any] = {}
    if not directory.is_dir():
        return found
    for path in sorted(directory.glob("*.yaml")):
        obj = _load_model(model, path, root, problems)
        if obj is not None:
            found[obj.id] = obj
    return found


# --- courses -------------------------------------------------------------------------


def practice_contact_ids(practice_dir: Path) -> set[str]:
    """Ids of the practice contacts on disk, by file name (validity is checked elsewhere)."""
    contacts = practice_dir / "contacts"
    return {p.stem for p in contacts.glob("*.yaml")} if contacts.is_dir() else set()


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
        return None, [ContentProblem(_rel(course_file, root), "-", "course.yaml is missing")]
    course = _load_model(Course, course_file, root, problems, expected_id=course_dir.name)

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
    checks = _load_dir(Check, course_dir / "checks", root, problems)
    activities = _load_dir(Activity, course_dir / "activities", root, problems)

    if course is None:
        return None, problems

    rel = _rel(course_file, root)
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
    problems.extend(
        duplicate_uuid_problems(_course_files(rel, course, lessons, checks, activities))
    )
    if problems:
        return None, problems
    bundle = CourseBundle(course, _rel(course_dir, root), lessons, checks, activities)
    return bundle, problems


def _course_files(rel, course, lessons, checks, activities) -> list[tuple[str, _File]]:
    base = rel.removesuffix("course.yaml")
    files: list[tuple[str, _File]] = [(rel, course)]
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


def duplicate_uuid_problems(files: Iterable[tuple[str, _File]]) -> list[ContentProblem]:
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


# --- practice library ----------------------------------------------------------------


def dialogue_problems(dialogue: Dialogue) -> list[tuple[str, str]]:
    """Soundness of a role-play graph as ``(field, message)`` pairs (field under ``dialogue``).

    Checks: the start state exists, every ``next`` exists, every state is reachable from
    the start, every state can still reach an ending, and some path ends ``resolved``.
    """
    states = dialogue.states
    out: list[tuple[str, str]] = []
    if dialogue.start not in states:
        return [("dialogue.start", f"unknown state {dialogue.start!r}")]
    for sid, state in states.items():
        for ci, choice in enumerate(state.choices):
            if choice.next not in states:
                out.append(
                    (f"dialogue.states.{sid}.choices[{ci}].next", f"unknown state {choice.next!r}")
                )
    if out:
        return out
    reachable = _reach([dialogue.start], lambda s: [c.next for c in states[s].choices])
    for sid in states:
        if sid not in reachable:
            out.append((f"dialogue.states.{sid}", "state is not reachable from start"))
    incoming: dict[str, list[str]] = {sid: [] for sid in states}
    for sid, state in states.items():
        for choice in state.choices:
            incoming[choice.next].append(sid)
    ends = [sid for sid, s in states.items() if s.end is not None]
    can_end = _reach(ends, lambda s: incoming[s])
    for sid in states:
        if sid in reachable and sid not in can_end:
            out.append((f"dialogue.states.{sid}", "no path from this state reaches an end"))
    resolved = [sid for sid in reachable if states[sid].end == "resolved"]
    if not resolved:
        out.append(("dialogue", "no path from start reaches an end: resolved state"))
    return out


def _reach(starts: list[str], neighbours) -> set[str]:
    seen = set(starts)
    queue = deque(starts)
    while queue:
        for nxt in neighbours(queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def load_practice_library(
    practice_dir: Path, root: Path
) -> tuple[list[PracticeContact], list[RatedResponse], list[ContentProblem]]:
    """Load ``contacts/*.yaml`` and ``ratings/*.yaml`` under ``practice_dir``.

    Per file: a bad contact file is left out (and reported); a ratings file is kept only
    when all of its items are valid and point at a valid written (chat/email/fax) contact
    of the same channel.
    """
    problems: list[ContentProblem] = []
    contacts: dict[str, PracticeContact] = {}
    files: list[tuple[str, _File]] = []
    contact_dir = practice_dir / "contacts"
    for path in sorted(contact_dir.glob("*.yaml")) if contact_dir.is_dir() else []:
        rel = _rel(path, root)
        contact = _load_model(PracticeContact, path, root, problems)
        if contact is None:
            continue
        if contact.dialogue is not None:
            graph = dialogue_problems(contact.dialogue)
            if graph:
                problems.extend(ContentProblem(rel, f, m) for f, m in graph)
                continue
        contacts[contact.id] = contact
        files.append((rel, contact))

    responses: list[RatedResponse] = []
    item_ids: dict[str, str] = {}
    rating_dir = practice_dir / "ratings"
    for path in sorted(rating_dir.glob("*.yaml")) if rating_dir.is_dir() else []:
        rel = _rel(path, root)
        rating_set = _load_model(RatingSet, path, root, problems)
        if rating_set is None:
            continue
        bad = []
        for i, item in enumerate(rating_set.items):
            contact = contacts.get(item.contact_id)
            if contact is None:
                bad.append(
                    ContentProblem(
                        rel,
                        f"items[{i}].contact_id",
                        f"unknown practice contact {item.contact_id!r}",
                    )
                )
            elif contact.channel != item.channel:
                bad.append(
                    ContentProblem(
                        rel,
                        f"items[{i}].channel",
                        f"contact {contact.id!r} is {contact.channel}, not {item.channel}",
                    )
                )
            if item.id in item_ids:
                bad.append(
                    ContentProblem(
                        rel,
                        f"items[{i}].id",
                        f"duplicate id {item.id!r} (also in {item_ids[item.id]})",
                    )
                )
            else:
                item_ids[item.id] = rel
        if bad:
            problems.extend(bad)
            continue
        responses.extend(rating_set.items)
        files.append((rel, rating_set))
    problems.extend(duplicate_uuid_problems(files))
    return list(contacts.values()), responses, problems


def rating_file_index(practice_dir: Path, root: Path) -> dict[str, str]:
    """Which ratings file (path relative to ``root``) holds each rated response id."""
    index: dict[str, str] = {}
    for path in sorted((practice_dir / "ratings").glob("*.yaml")):
        try:
            data = _parse_yaml(_read_text(path))
        except (_Unreadable, OSError):  # the validator reports unreadable files
            continue
        for item in data.get("items") or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                index.setdefault(item["id"], _rel(path, root))
    return index


# --- the whole tree ------------------------------------------------------------------


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
    files: list[tuple[str, _File]] = [
        (f"{_rel(practice_dir, root)}/contacts/{c.id}.yaml", c) for c in contacts
    ]
    for course_dir in sorted(p for p in courses_dir.iterdir() if p.is_dir()):
        if course_dir.name == PRACTICE_DIR_NAME or course_dir.name.startswith("."):
            continue
        bundle, course_problems = validate_course_dir(course_dir, root, known_contacts=known)
        problems.extend(course_problems)
        if bundle is not None:
            courses[bundle.course.id] = bundle
            files.extend(
                _course_files(
                    f"{bundle.path}/course.yaml",
                    bundle.course,
                    bundle.lessons,
                    bundle.checks,
                    bundle.activities,
                )
            )
    problems.extend(duplicate_uuid_problems(files))
    return ContentTree(courses, contacts, responses, list(dict.fromkeys(problems)))
