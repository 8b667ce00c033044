"""The course YAML says which steps are hand-ins: `hand_in: true` on an activity step."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.content.schema.courses import validate_course_dir
from app.content.schema.tree import validate_courses_root

ROOT = Path(__file__).resolve().parents[2]
ROTATION = "courses/customer-service-rotation/course.yaml"


def test_the_rotation_hands_in_shadowing_notes_the_customers_eye_report_and_the_reflection():
    tree = validate_courses_root(ROOT / "courses", ROOT)
    bundle = tree.courses["customer-service-rotation"]
    handed_in = {step.ref for _, _, step in bundle.steps() if step.hand_in}
    assert handed_in == {"shadow-phone-queue", "shadow-written-queue", "customers-eye-problem",
                         "rotation-reflection"}
    assert all(step.kind == "activity" for _, _, step in bundle.steps() if step.hand_in)


def test_only_an_activity_can_be_handed_in(tmp_path):
    shutil.copytree(ROOT / "courses", tmp_path / "courses")
    course = tmp_path / ROTATION
    text = course.read_text(encoding="utf-8")
    course.write_text(text.replace("      - lesson: why-everyone-rotates\n",
                                   "      - lesson: why-everyone-rotates\n        hand_in: true\n"),
                      encoding="utf-8")
    _, problems = validate_course_dir(course.parent, tmp_path)
    messages = [str(p) for p in problems]
    assert len(messages) == 1 and messages[0].startswith(f"{ROTATION}: modules[0]")
    assert "only an activity step can be handed in" in messages[0]
