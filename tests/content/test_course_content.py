"""Shipped course content validates, has the promised coverage, and bad files are reported."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from app.content.schema.base import ContentProblem
from app.content.schema.courses import CourseBundle, validate_course_dir
from app.content.schema.practice import RUBRIC_CRITERIA, dialogue_problems, load_practice_library
from app.content.schema.tree import validate_courses_root

ROOT = Path(__file__).resolve().parents[2]
COURSES = ROOT / "courses"
EXPECTED_KINDS = {
    "customer-service-foundations": "onboarding",
    "customer-service-rotation": "rotation",
    "difficult-contacts": "skills",
}


@pytest.fixture(scope="module")
def tree():
    return validate_courses_root(COURSES, ROOT)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A writable copy of courses/ under tmp_path (the copy's root is tmp_path)."""
    shutil.copytree(COURSES, tmp_path / "courses")
    return tmp_path


def _strs(problems: list[ContentProblem]) -> list[str]:
    return [str(p) for p in problems]


# --- shipped content -----------------------------------------------------------------


def test_every_shipped_file_validates(tree):
    assert _strs(tree.problems) == []


def test_the_three_courses_exist_with_their_kinds(tree):
    assert {cid: b.course.kind for cid, b in tree.courses.items()} == EXPECTED_KINDS


def test_every_course_file_is_loaded(tree):
    for cid, bundle in tree.courses.items():
        course_dir = COURSES / cid
        assert len(bundle.lessons) == len(list((course_dir / "lessons").glob("*.md")))
        assert len(bundle.checks) == len(list((course_dir / "checks").glob("*.yaml")))
        activities = course_dir / "activities"
        n_activities = len(list(activities.glob("*.yaml"))) if activities.is_dir() else 0
        assert len(bundle.activities) == n_activities


def test_lessons_are_250_to_600_words_with_headings(tree):
    for bundle in tree.courses.values():
        for lesson in bundle.lessons.values():
            assert 250 <= lesson.word_count <= 600, (lesson.path, lesson.word_count)
            assert lesson.body.startswith("# "), lesson.path


def test_lesson_positions_follow_step_order(tree):
    for bundle in tree.courses.values():
        positions = [
            bundle.lessons[s.ref].position for _, _, s in bundle.steps() if s.kind == "lesson"
        ]
        assert positions == sorted(positions) == list(range(1, len(positions) + 1))


def test_checks_have_four_to_six_questions(tree):
    for bundle in tree.courses.values():
        for check in bundle.checks.values():
            assert 4 <= len(check.questions) <= 6, check.id


def test_foundations_has_a_check_after_most_modules(tree):
    course = tree.courses["customer-service-foundations"].course
    with_check = [m for m in course.modules if m.steps[-1].kind == "check"]
    assert len(with_check) >= len(course.modules) * 0.75
    assert len(course.modules) >= 5


def test_rotation_has_every_activity_kind_and_one_check(tree):
    bundle = tree.courses["customer-service-rotation"]
    assert {a.kind for a in bundle.activities.values()} == {
        "shadowing",
        "customers_eye",
        "practice_shift",
        "reflection",
    }
    assert len(bundle.checks) == 1


def test_difficult_contacts_leads_into_roleplays(tree):
    bundle = tree.courses["difficult-contacts"]
    contacts = {c.id for c in tree.contacts}
    roleplays = [s.ref for _, _, s in bundle.steps() if s.kind == "roleplay"]
    assert len(roleplays) >= 5
    assert set(roleplays) <= contacts


def test_practice_library_coverage(tree):
    contacts = tree.contacts
    assert len(contacts) >= 30
    assert {c.channel for c in contacts} == {"phone", "chat", "email", "fax"}
    assert {c.type for c in contacts} == {
        "inquiry",
        "order",
        "complaint",
        "cancellation",
        "technical",
    }
    assert {c.tier for c in contacts} == {"basic", "enhanced", "premium"}
    assert {c.mood for c in contacts} == {"calm", "confused", "irate"}
    assert {c.skill for c in contacts} == {"billing", "orders", "technical", "general"}
    assert sum(c.honesty_trap is not None for c in contacts) >= 5


def test_phone_dialogues_are_sound(tree):
    phone = [c for c in tree.contacts if c.channel == "phone"]
    assert len(phone) >= 8
    for contact in phone:
        dialogue = contact.dialogue
        assert dialogue is not None
        assert 4 <= len(dialogue.states) <= 8, contact.id
        assert dialogue_problems(dialogue) == [], contact.id
        assert dialogue.states[dialogue.start].customer == contact.opening
        tags = {t for s in dialogue.states.values() for c in s.choices for t in c.tags}
        assert tags & {"blamed_customer", "jargon", "dishonest", "dismissive", "overpromised"}
        for state in dialogue.states.values():
            for choice in state.choices:
                assert choice.feedback


def fact_covered(text: str, fact: str) -> bool:
    """A third of the fact's distinctive words (numbers, words of 5+ letters) are in the text:
    an authoring check that each model reply speaks to each fact, not the reply scorer."""
    words = [w.rstrip(".,") for w in re.findall(r"\$?\d[\d,.]*|[A-Za-z][A-Za-z'’-]{4,}", fact)]
    lowered = text.lower().replace("’", "'")
    hits = [w for w in words if w.lower().replace("’", "'") in lowered]
    return bool(words) and len(hits) * 3 >= len(words)


def test_model_replies_state_every_key_fact(tree):
    for contact in tree.contacts:
        if contact.channel == "phone":
            continue
        for fact in contact.key_facts:
            assert fact_covered(contact.model_reply, fact), (contact.id, fact)


def test_every_contact_names_what_not_to_do(tree):
    for contact in tree.contacts:
        assert contact.must_not and all(s.strip() for s in contact.must_not), contact.id
        assert all(" " in fact.strip() for fact in contact.key_facts), contact.id


def test_rated_responses_cover_written_contacts(tree):
    responses = tree.responses
    assert len(responses) >= 300
    written = {c.id for c in tree.contacts if c.channel != "phone"}
    assert {r.contact_id for r in responses} == written
    grades = Counter(r.overall for r in responses)
    assert all(grades[g] >= 30 for g in (1, 2, 3, 4)), grades
    assert len({r.text for r in responses}) == len(responses)


def test_ratings_are_consistent_with_the_grade(tree):
    for r in tree.responses:
        marks = r.ratings.model_dump()
        assert set(marks) == set(RUBRIC_CRITERIA)
        if not marks["honest"]:
            assert r.overall == 1, r.id
        if not marks["resolved_accurately"]:
            assert r.overall <= 2, r.id
        if all(marks.values()):
            assert r.overall >= 3, r.id


def test_length_alone_is_a_weak_predictor(tree):
    xs = [len(r.text.split()) for r in tree.responses]
    ys = [r.overall for r in tree.responses]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    var_x = sum((x - mx) ** 2 for x in xs)
    var_y = sum((y - my) ** 2 for y in ys)
    assert abs(cov / (var_x * var_y) ** 0.5) < 0.5
    short_excellent = [r for r in tree.responses if r.overall == 4 and len(r.text.split()) < 45]
    long_poor = [r for r in tree.responses if r.overall == 1 and len(r.text.split()) > 80]
    assert short_excellent and long_poor


def test_validate_course_dir_resolves_a_bundle():
    bundle, problems = validate_course_dir(COURSES / "customer-service-foundations", ROOT)
    assert problems == []
    assert isinstance(bundle, CourseBundle)
    assert bundle.path == "courses/customer-service-foundations"
    lesson = bundle.lessons["taking-ownership"]
    assert lesson.path == "courses/customer-service-foundations/lessons/06-taking-ownership.md"
    assert "take care of that for you" in lesson.body


def test_uuids_are_unique_across_the_tree():
    seen = Counter()
    for path in COURSES.rglob("*"):
        if path.suffix in {".yaml", ".md"}:
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.startswith("uuid: "):
                    seen[line] += 1
                    break
    assert seen and max(seen.values()) == 1


# --- bad files -------------------------------------------------------------------------


def test_problem_str_is_path_field_message():
    problem = ContentProblem("courses/x/course.yaml", "modules[2].steps[0].lesson", "boom")
    assert str(problem) == "courses/x/course.yaml: modules[2].steps[0].lesson: boom"


def test_malformed_yaml_names_the_file(copy):
    path = copy / "courses/customer-service-foundations/checks/integrity-check.yaml"
    path.write_text("id: integrity-check\nquestions: [unclosed\n", encoding="utf-8")
    bundle, problems = validate_course_dir(path.parents[1], copy)
    assert bundle is None
    (problem,) = [p for p in problems if p.path.endswith("integrity-check.yaml")]
    assert problem.path == "courses/customer-service-foundations/checks/integrity-check.yaml"
    assert problem.field == "-"
    assert problem.message.startswith("malformed YAML")


def test_duplicate_yaml_key_is_malformed(copy):
    path = copy / "courses/customer-service-rotation/activities/rotation-reflection.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "minutes: 50\n", encoding="utf-8")
    _, problems = validate_course_dir(path.parents[1], copy)
    assert [(p.field, 'duplicate key "minutes"' in p.message) for p in problems] == [("-", True)]


def test_lesson_without_front_matter(copy):
    path = copy / "courses/difficult-contacts/lessons/02-saying-no-well.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("---\n", 2)[2], encoding="utf-8")
    _, problems = validate_course_dir(path.parents[1], copy)
    assert _strs(problems) == [
        "courses/difficult-contacts/lessons/02-saying-no-well.md: -: "
        "missing YAML front matter (the file must start with ---)"
    ]


def test_unknown_field_is_reported_with_its_location(copy):
    path = copy / "courses/difficult-contacts/course.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "      - lesson: saying-no-well\n", "      - lesson: saying-no-well\n        quiz: yes\n"
    )
    path.write_text(text + "colour: blue\n", encoding="utf-8")
    bundle, problems = validate_course_dir(path.parent, copy)
    assert bundle is None
    assert _strs(problems) == [
        "courses/difficult-contacts/course.yaml: modules[1].steps[0].quiz: "
        "Extra inputs are not permitted",
        "courses/difficult-contacts/course.yaml: colour: Extra inputs are not permitted",
    ]


def test_dangling_references(copy):
    path = copy / "courses/difficult-contacts/course.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("lesson: escalating-well", "lesson: escalating-badly")
    text = text.replace("roleplay: phone-return-plus-window", "roleplay: phone-no-such-caller")
    text = text.replace("check: difficult-contacts-check", "check: missing-check")
    path.write_text(text, encoding="utf-8")
    _, problems = validate_course_dir(path.parent, copy)
    assert _strs(problems) == [
        "courses/difficult-contacts/course.yaml: modules[3].steps[0].lesson: "
        "unknown lesson 'escalating-badly'",
        "courses/difficult-contacts/course.yaml: modules[4].steps[1].roleplay: "
        "unknown practice contact 'phone-no-such-caller'",
        "courses/difficult-contacts/course.yaml: modules[4].steps[3].check: "
        "unknown check 'missing-check'",
        "courses/difficult-contacts/lessons/04-escalating-well.md: id: "
        "lesson 'escalating-well' is not used by any step",
        "courses/difficult-contacts/checks/difficult-contacts-check.yaml: id: "
        "check 'difficult-contacts-check' is not used by any step",
    ]


def test_duplicate_ids(copy):
    course_dir = copy / "courses/difficult-contacts"
    shutil.copy(
        course_dir / "lessons/01-de-escalation.md", course_dir / "lessons/09-de-escalation.md"
    )
    course = course_dir / "course.yaml"
    course.write_text(
        course.read_text(encoding="utf-8").replace("- id: saying-no\n", "- id: de-escalation\n"),
        encoding="utf-8",
    )
    _, problems = validate_course_dir(course_dir, copy)
    assert _strs(problems) == [
        "courses/difficult-contacts/lessons/09-de-escalation.md: id: duplicate id 'de-escalation'",
        "courses/difficult-contacts/course.yaml: modules[1].id: "
        "duplicate module id 'de-escalation'",
    ]


def test_duplicate_uuid_across_files(copy):
    checks = copy / "courses/customer-service-foundations/checks"
    source = (checks / "people-first-check.yaml").read_text(encoding="utf-8")
    uuid_line = next(line for line in source.splitlines() if line.startswith("uuid: "))
    target = checks / "integrity-check.yaml"
    lines = target.read_text(encoding="utf-8").splitlines()
    target.write_text(
        "\n".join(uuid_line if line.startswith("uuid: ") else line for line in lines) + "\n",
        encoding="utf-8",
    )
    tree = validate_courses_root(copy / "courses", copy)
    assert _strs(tree.problems) == [
        "courses/customer-service-foundations/checks/people-first-check.yaml: uuid: duplicate "
        "uuid (also in courses/customer-service-foundations/checks/integrity-check.yaml)"
    ]
    assert "customer-service-foundations" not in tree.courses


def test_question_needs_exactly_one_correct_option(copy):
    path = copy / "courses/customer-service-foundations/checks/people-first-check.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("correct: false", "correct: true", 1), encoding="utf-8")
    _, problems = validate_course_dir(path.parents[1], copy)
    assert _strs(problems) == [
        "courses/customer-service-foundations/checks/people-first-check.yaml: questions[0]: "
        "exactly one option must be correct (found 2)"
    ]


def test_id_must_match_file_name(copy):
    path = copy / "courses/customer-service-rotation/activities/shadow-phone-queue.yaml"
    path.rename(path.with_name("shadow-phones.yaml"))
    course = copy / "courses/customer-service-rotation/course.yaml"
    course.write_text(
        course.read_text(encoding="utf-8").replace(
            "activity: shadow-phone-queue", "activity: shadow-phones"
        ),
        encoding="utf-8",
    )
    _, problems = validate_course_dir(course.parent, copy)
    assert _strs(problems) == [
        "courses/customer-service-rotation/activities/shadow-phones.yaml: id: "
        "id 'shadow-phone-queue' must be 'shadow-phones'",
    ]


def test_broken_dialogue_graph(copy):
    practice = copy / "courses/practice"
    path = practice / "contacts/phone-order-status-gift.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("next: mild-annoyance", "next: nowhere")
    path.write_text(text, encoding="utf-8")
    contacts, _, problems = load_practice_library(practice, copy)
    assert "phone-order-status-gift" not in {c.id for c in contacts}
    assert _strs(problems) == [
        "courses/practice/contacts/phone-order-status-gift.yaml: "
        "dialogue.states.opening.choices[1].next: unknown state 'nowhere'"
    ]


def test_unreachable_and_dead_end_states(copy):
    practice = copy / "courses/practice"
    path = practice / "contacts/phone-order-status-gift.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("next: mild-annoyance", "next: found")
    text = text.replace("          next: resolved\n", "          next: extra\n")
    path.write_text(text, encoding="utf-8")
    _, _, problems = load_practice_library(practice, copy)
    prefix = "courses/practice/contacts/phone-order-status-gift.yaml: "
    assert _strs(problems) == [
        prefix + "dialogue.states.mild-annoyance: state is not reachable from start",
        prefix + "dialogue.states.resolved: state is not reachable from start",
        prefix + "dialogue.states.opening: no path from this state reaches an end",
        prefix + "dialogue.states.found: no path from this state reaches an end",
        prefix + "dialogue.states.extra: no path from this state reaches an end",
        prefix + "dialogue: no path from start reaches an end: resolved state",
    ]


def test_phone_contact_needs_a_dialogue(copy):
    practice = copy / "courses/practice"
    path = practice / "contacts/phone-order-status-gift.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("dialogue:\n")[0], encoding="utf-8")
    _, _, problems = load_practice_library(practice, copy)
    assert _strs(problems) == [
        "courses/practice/contacts/phone-order-status-gift.yaml: -: "
        "a phone contact needs a dialogue"
    ]


def test_rating_referencing_unknown_contact_or_wrong_channel(copy):
    practice = copy / "courses/practice"
    path = practice / "ratings/chat-responses.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("contact_id: chat-price-drop\n", "contact_id: chat-gone\n", 1)
    text = text.replace("channel: chat\n", "channel: email\n", 1)
    path.write_text(text, encoding="utf-8")
    _, responses, problems = load_practice_library(practice, copy)
    assert {r.channel for r in responses} == {"email", "fax"}
    fields = [(p.path, p.field, p.message) for p in problems]
    assert len(fields) == 2
    assert fields[0][0] == "courses/practice/ratings/chat-responses.yaml"
    assert fields[0][1] == "items[0].channel"
    assert "is chat, not email" in fields[0][2]
    assert fields[1][1].endswith(".contact_id")
    assert fields[1][2] == "unknown practice contact 'chat-gone'"


def test_rating_out_of_range(copy):
    practice = copy / "courses/practice"
    path = practice / "ratings/fax-responses.yaml"
    text = path.read_text(encoding="utf-8").replace("overall: ", "overall: 1", 1)
    path.write_text(text, encoding="utf-8")
    _, _, problems = load_practice_library(practice, copy)
    assert [(p.path, p.field) for p in problems] == [
        ("courses/practice/ratings/fax-responses.yaml", "items[0].overall")
    ]


def test_missing_course_yaml(copy):
    course_dir = copy / "courses/difficult-contacts"
    (course_dir / "course.yaml").unlink()
    bundle, problems = validate_course_dir(course_dir, copy)
    assert bundle is None
    assert _strs(problems) == ["courses/difficult-contacts/course.yaml: -: course.yaml is missing"]


def test_roleplay_step_pointing_at_an_invalid_contact(copy):
    contact = copy / "courses/practice/contacts/phone-router-drops-upgrade.yaml"
    contact.write_text(
        contact.read_text(encoding="utf-8").replace("tier: enhanced", "tier: gold"),
        encoding="utf-8",
    )
    tree = validate_courses_root(copy / "courses", copy)
    assert "difficult-contacts" not in tree.courses
    assert _strs(tree.problems) == [
        "courses/practice/contacts/phone-router-drops-upgrade.yaml: tier: "
        "Input should be 'basic', 'enhanced' or 'premium'",
        "courses/difficult-contacts/course.yaml: modules[4].steps[2].roleplay: "
        "practice contact 'phone-router-drops-upgrade' is invalid (see its own problems)",
    ]
