"""The content sync: idempotent, soft-deletes, and leaves invalid files' rows alone."""

import shutil

import pytest
from sqlalchemy import select

from app.content.loader import sync_content
from app.content.models import ContentDocument
from app.extensions import db
from tests.fixtures.app import ROOT


@pytest.fixture(scope="session")
def pristine(tmp_path_factory):
    root = tmp_path_factory.mktemp("content")
    for folder in ("courses", "assessments"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


@pytest.fixture
def tree(pristine, tmp_path):
    root = tmp_path / "tree"
    shutil.copytree(pristine, root)
    return root


def _rows():
    return {r.path: (r.checksum, r.deleted_at) for r in db.session.scalars(select(ContentDocument))}


def test_load_is_idempotent(app, tree):
    first = sync_content(tree)
    assert first.ok and len(first.created) > 50
    second = sync_content(tree)
    assert second.created == second.updated == second.deleted == []
    assert second.unchanged == len(first.created)


def test_a_removed_file_is_soft_deleted_and_comes_back(app, tree):
    sync_content(tree)
    contact = tree / "courses/practice/contacts/phone-printer-setup-help.yaml"
    saved = contact.read_text()
    contact.unlink()
    report = sync_content(tree)
    assert report.ok
    assert report.deleted == ["courses/practice/contacts/phone-printer-setup-help.yaml"]
    row = db.session.scalar(select(ContentDocument).where(
        ContentDocument.content_id == "phone-printer-setup-help"))
    assert row.deleted_at is not None
    contact.write_text(saved)
    sync_content(tree)
    assert row.deleted_at is None


@pytest.mark.parametrize(
    ("relpath", "mutate", "expected"),
    [
        ("assessments/job_profiles/contact-center-agent.yaml",
         lambda t: t + "\nunexpected_field: 1\n",
         "assessments/job_profiles/contact-center-agent.yaml: unexpected_field: "),
        ("assessments/norms/service-aptitude-v1.yaml",
         lambda t: t.replace("id:", "id: [unclosed", 1),
         "assessments/norms/service-aptitude-v1.yaml: "),
        ("courses/customer-service-rotation/course.yaml",
         lambda t: t + "\n  bad indentation: [\n",
         "courses/customer-service-rotation/course.yaml: -: "),
    ],
)
def test_a_bad_file_is_reported_and_its_row_stays_as_it_was(app, tree, relpath, mutate, expected):
    sync_content(tree)
    before = _rows()
    path = tree / relpath
    path.write_text(mutate(path.read_text()))
    report = sync_content(tree)
    messages = [str(p) for p in report.problems]
    assert any(m.startswith(expected) for m in messages), messages
    assert report.created == report.updated == report.deleted == []
    assert _rows() == before


def test_duplicate_ids_are_rejected_in_both_files(app, tree):
    original = tree / "assessments/job_profiles/contact-center-agent.yaml"
    copy = tree / "assessments/job_profiles/copy-of-agent.yaml"
    copy.write_text(original.read_text())  # same id and uuid in a second file
    report = sync_content(tree)
    messages = [str(p) for p in report.problems]
    assert any("copy-of-agent.yaml" in m for m in messages), messages


def test_cli_validate_and_load_report_problems_and_exit_non_zero(runner, tree):
    (tree / "assessments/job_profiles/contact-center-agent.yaml").write_text("id: [")
    result = runner.invoke(args=["content", "validate", "--root", str(tree)])
    assert result.exit_code == 1
    assert "assessments/job_profiles/contact-center-agent.yaml" in result.output
    result = runner.invoke(args=["content", "load", "--root", str(tree)])
    assert result.exit_code == 1 and "problems 1" in result.output



@pytest.mark.parametrize(("text", "field"), [("id: stray\ntitle: Stray\n", "uuid"),
                                             ("- just\n- a list\n", "(file)")])
def test_a_file_without_uuid_is_named_and_skipped_while_the_others_load(runner, tree, text, field):
    relpath = "assessments/items/stray/stray.yaml"  # no instrument claims it, no schema checks it
    (tree / relpath).parent.mkdir()
    (tree / relpath).write_text(text)
    result = runner.invoke(args=["content", "validate", "--root", str(tree)])
    assert result.exit_code == 1 and f"{relpath}: {field}: " in result.output
    result = runner.invoke(args=["content", "load", "--root", str(tree)])
    assert f"{relpath}: {field}: " in result.output and "problems 1" in result.output
    loaded = {r.path for r in db.session.scalars(select(ContentDocument))}
    assert relpath not in loaded and "assessments/instruments/service-aptitude.yaml" in loaded


def test_cli_validate_names_a_contact_without_must_not(runner, tree):
    relpath = "courses/practice/contacts/chat-price-drop.yaml"
    text = (tree / relpath).read_text()
    start = text.index("must_not:\n")
    end = text.index("jargon:", start)
    (tree / relpath).write_text(text[:start] + text[end:])
    result = runner.invoke(args=["content", "validate", "--root", str(tree)])
    assert result.exit_code == 1
    assert f"{relpath}: must_not: " in result.output, result.output


def test_cli_validate_names_a_duplicate_key_with_its_line(runner, tree):
    relpath = "assessments/job_profiles/contact-center-agent.yaml"
    text = (tree / relpath).read_text()
    lines = text.count("\n")
    (tree / relpath).write_text(text + "id: twice\n")
    result = runner.invoke(args=["content", "validate", "--root", str(tree)])
    assert result.exit_code == 1
    assert relpath in result.output and 'duplicate key "id"' in result.output, result.output
    assert f"line {lines + 1}" in result.output, result.output
