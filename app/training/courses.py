"""Read-only views of course content documents (kind "course").

A step is addressed by its key `"<kind>:<ref>"`, e.g. `"check:people-first-check"`;
the key, with the document uuid, is what learner records store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.content.models import ContentDocument, select_documents
from app.extensions import db

STEP_KINDS = ("lesson", "check", "roleplay", "activity")


@dataclass(frozen=True)
class StepView:
    key: str
    kind: str
    ref: str
    title: str
    module_title: str
    minutes: int | None
    hand_in: bool = False  # handed in to the trainer, who completes it


@dataclass(frozen=True)
class CourseView:
    uuid: str
    content_id: str
    title: str
    summary: str
    kind: str
    valid_days: int | None
    modules: list[dict[str, Any]]
    steps: list[StepView]
    data: dict[str, Any]

    def step(self, key: str) -> StepView | None:
        return next((s for s in self.steps if s.key == key), None)

    def lesson(self, ref: str) -> dict[str, Any]:
        return self.data["lessons"][ref]

    def lesson_body(self, ref: str) -> str:
        """The Markdown body without a leading `# Title` line (the page shows the title)."""
        body = self.lesson(ref)["body"]
        first, _, rest = body.partition("\n")
        return rest.lstrip() if first.startswith("# ") else body

    def check(self, ref: str) -> dict[str, Any]:
        return self.data["checks"][ref]

    def activity(self, ref: str) -> dict[str, Any]:
        return self.data["activities"][ref]


def step_key(kind: str, ref: str) -> str:
    return f"{kind}:{ref}"


def _title(data: dict[str, Any], kind: str, ref: str) -> tuple[str, int | None]:
    pool = {"lesson": "lessons", "check": "checks", "activity": "activities"}.get(kind)
    item = data.get(pool, {}).get(ref) if pool else None
    if item is None:
        return (f"Practice: {ref.replace('-', ' ')}" if kind == "roleplay" else ref), None
    return item.get("title", ref), item.get("minutes")


def course_view(doc: ContentDocument) -> CourseView:
    data = doc.data
    course = data["course"]
    steps = []
    for module in course["modules"]:
        for raw in module["steps"]:
            kind = next(k for k in STEP_KINDS if raw.get(k))
            title, minutes = _title(data, kind, raw[kind])
            key = step_key(kind, raw[kind])
            steps.append(StepView(key, kind, raw[kind], title, module["title"], minutes,
                                  bool(raw.get("hand_in"))))
    return CourseView(
        uuid=doc.uuid,
        content_id=doc.content_id,
        title=course["title"],
        summary=course["summary"],
        kind=course["kind"],
        valid_days=(course.get("certificate") or {}).get("valid_days"),
        modules=course["modules"],
        steps=steps,
        data=data,
    )


def get_course(uuid: str) -> CourseView | None:
    """The course with this uuid, including soft-deleted ones (old records still show)."""
    doc = db.session.scalar(
        select(ContentDocument).where(
            ContentDocument.uuid == uuid, ContentDocument.kind == "course"
        )
    )
    return course_view(doc) if doc is not None else None


def list_courses(kind: str | None = None) -> list[CourseView]:
    views = [course_view(d) for d in db.session.scalars(select_documents("course"))]
    return [v for v in views if kind is None or v.kind == kind]
