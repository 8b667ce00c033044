"""Coaching behind the wall: a trainer's comments on attempts (the learner and the
author read them), and hand-ins that the cohort's trainer answers and completes, which
completes the step in the learner's course (through the `handin.completed` event)."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.extensions import db
from app.practice import services
from app.practice.coaching_models import HandIn, PracticeComment
from app.practice.uploads import MAX_FILE_BYTES
from app.training import services as training
from app.training.courses import list_courses

REFLECTION = "activity:rotation-reflection"


@pytest.fixture
def answered(scripted, clock):
    row = services.shift_state(scripted, services.rebuild(scripted))["queue"][0]
    services.open_contact(scripted, row["sim_id"], clock(1))
    response = services.submit(scripted, "Hi Grace, I'm Eli. I'll refund it.", clock(20))
    db.session.commit()
    return response


@pytest.fixture
def enrolled(coaching):
    trainee, trainer = coaching
    course = list_courses("rotation")[0]
    enrollment = training.enroll(trainee, course)
    db.session.commit()
    return trainee, trainer, enrollment, course


def docx_bytes(text: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document><w:t>{text}</w:t></w:document>")
    return buf.getvalue()


def hand_in(client, enrollment, text="My reflection", file=None, key=REFLECTION):
    """POST the hand-in form as one in-memory multipart body (large files included)."""
    data = {"text": text}
    if file is not None:
        data["file"] = FileStorage(io.BytesIO(file[1]), file[0])
    boundary, body = encode_multipart(data)
    return client.post(f"/practice/handins/{enrollment.id}/{key}", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


# --- comments -------------------------------------------------------------------------


def test_the_cohort_trainer_comments_and_only_the_learner_reads_it(
        client, login_as, coaching, create_user, answered):
    trainee, trainer = coaching
    login_as(client, trainer)
    page = client.get(f"/practice/responses/{answered.id}").get_data(as_text=True)
    assert f'action="/practice/responses/{answered.id}/comments"' in page
    resp = client.post(f"/practice/responses/{answered.id}/comments",
                       data={"text": "Name the refund amount next time."})
    assert resp.status_code == 302
    assert "Name the refund amount" in client.get(
        f"/practice/responses/{answered.id}").get_data(as_text=True)

    login_as(client, trainee)
    page = client.get(f"/practice/responses/{answered.id}").get_data(as_text=True)
    assert page.count("Name the refund amount next time.") == 1 and trainer.name in page
    assert page.count('id="comments"') == 1
    assert "Name the refund" not in page.split("</title>")[0]
    assert "/comments\"" not in page.split('id="comments"')[1]  # no form for the learner
    listing = client.get("/practice/comments/").get_data(as_text=True)
    assert "Name the refund amount next time." in listing
    assert f"/practice/responses/{answered.id}#comments" in listing

    other_trainer = create_user("trainer")
    login_as(client, other_trainer)
    assert client.post(f"/practice/responses/{answered.id}/comments",
                       data={"text": "sneaky"}).status_code == 404
    colleague = create_user("employee")
    login_as(client, colleague)
    assert "Name the refund" not in client.get("/practice/comments/").get_data(as_text=True)
    assert [c.text for c in db.session.scalars(select(PracticeComment))] == [
        "Name the refund amount next time."]


def test_an_empty_comment_is_refused_with_a_message(client, login_as, coaching, answered):
    _, trainer = coaching
    login_as(client, trainer)
    resp = client.post(f"/practice/responses/{answered.id}/comments", data={"text": "  "})
    assert resp.status_code == 400
    assert "write your comment first" in resp.get_data(as_text=True)
    long = client.post(f"/practice/responses/{answered.id}/comments", data={"text": "x" * 3001})
    assert long.status_code == 400 and "at most 3000 characters" in long.get_data(as_text=True)
    assert db.session.scalars(select(PracticeComment)).all() == []


def test_comment_and_hand_in_forms_need_the_csrf_token(csrf_app, login_as, enrolled,
                                                       answered):
    trainee, trainer, enrollment, _ = enrolled
    client = csrf_app.test_client()
    login_as(client, trainer)
    assert client.post(f"/practice/responses/{answered.id}/comments",
                       data={"text": "hello"}).status_code == 400
    login_as(client, trainee)
    assert hand_in(client, enrollment).status_code == 400
    assert db.session.scalars(select(HandIn)).all() == []


# --- hand-ins -------------------------------------------------------------------------


def test_a_hand_in_step_cannot_be_marked_done_by_the_learner(client, login_as, enrolled):
    trainee, _, enrollment, course = enrolled
    step = course.step(REFLECTION)
    assert step.hand_in
    with pytest.raises(training.TrainingError, match="completed by your trainer"):
        training.complete_step(trainee, enrollment, course, REFLECTION)
    login_as(client, trainee)
    page = client.get(f"/learn/e/{enrollment.id}/s/{REFLECTION}").get_data(as_text=True)
    assert "Mark as done" not in page
    assert f"/practice/handins/{enrollment.id}/{REFLECTION}" in page
    lesson = next(s for s in course.steps if s.kind == "lesson")
    assert not lesson.hand_in


def test_hand_in_feedback_and_completion_complete_the_step(client, login_as, enrolled):
    trainee, trainer, enrollment, course = enrolled
    login_as(client, trainee)
    assert client.get(f"/practice/handins/{enrollment.id}/{REFLECTION}").status_code == 200
    resp = hand_in(client, enrollment, "I will answer invoices in plain words.",
                   ("reflection.docx", docx_bytes("plain words")))
    assert resp.status_code == 302
    row = db.session.scalar(select(HandIn))
    assert (row.status, row.file.filename, row.file.media_type) == (
        "submitted", "reflection.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")

    login_as(client, trainer)
    assert "reflection" in client.get("/practice/coaching/").get_data(as_text=True).lower()
    url = f"/practice/coaching/handins/{row.id}"
    assert "I will answer invoices" in client.get(url).get_data(as_text=True)
    assert client.post(url, data={"feedback": "", "send": "1"}).status_code == 400
    assert client.post(url, data={"feedback": "Add a date.", "send": "1"}).status_code == 302
    db.session.refresh(row)
    assert row.status == "feedback"
    assert REFLECTION not in training.done_keys(enrollment)

    login_as(client, trainee)
    page = client.get(f"/practice/handins/{enrollment.id}/{REFLECTION}").get_data(as_text=True)
    assert "Add a date." in page
    assert hand_in(client, enrollment, "Plain words by 1 March.").status_code == 302
    db.session.refresh(row)
    assert row.status == "submitted" and row.file is not None  # the file was kept

    login_as(client, trainer)
    resp = client.post(url, data={"feedback": "Good: dated and concrete.", "complete": "1"})
    assert resp.status_code == 302
    db.session.expire_all()
    assert REFLECTION in training.done_keys(enrollment)
    assert db.session.get(HandIn, row.id).status == "completed"
    assert client.post(url, data={"feedback": "again", "complete": "1"}).status_code == 409

    login_as(client, trainee)
    step = client.get(f"/learn/e/{enrollment.id}/s/{REFLECTION}").get_data(as_text=True)
    assert "badge-ok" in step and "Your hand-in and the feedback" in step
    assert hand_in(client, enrollment, "changed my mind").status_code == 409
    assert db.session.get(HandIn, row.id).text == "Plain words by 1 March."


def test_the_file_goes_only_to_the_learner_and_their_trainer(client, login_as, enrolled,
                                                             create_user):
    trainee, trainer, enrollment, _ = enrolled
    login_as(client, trainee)
    hand_in(client, enrollment, "notes", ("my notes.txt", b"Queue notes, 9:00\n"))
    row = db.session.scalar(select(HandIn))
    for user in (trainee, trainer):
        login_as(client, user)
        resp = client.get(f"/practice/handins/{row.id}/file")
        assert resp.status_code == 200 and resp.data == b"Queue notes, 9:00\n"
        assert resp.headers["Content-Disposition"].startswith("attachment;")
        assert "my notes.txt" in resp.headers["Content-Disposition"]
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        assert resp.mimetype == "text/plain"
    for outsider in (create_user("trainer"), create_user("employee")):
        login_as(client, outsider)
        assert client.get(f"/practice/handins/{row.id}/file").status_code == 404
        assert client.get(f"/practice/coaching/handins/{row.id}").status_code in (403, 404)
        assert client.get(f"/practice/handins/{enrollment.id}/{REFLECTION}").status_code in (
            403, 404)


@pytest.mark.parametrize(("name", "data", "status", "message"), [
    ("report.pdf", b"<html><script>alert(1)</script></html>", 415, "its content is not"),
    ("photo.png", b"\xff\xd8\xff\xe0 jpeg pretending", 415, "its content is not"),
    ("notes.docx", b"PK\x03\x04 not really a zip", 415, "its content is not"),
    ("tool.exe", b"MZ\x90\x00", 415, "PDF, PNG, JPEG"),
    ("page.html", b"<p>hi</p>", 415, "PDF, PNG, JPEG"),
    ("empty.txt", b"", 400, "is empty"),
    ("big.pdf", b"%PDF-1.7\n" + b"0" * MAX_FILE_BYTES, 413, "the limit is 5 MB"),
])
def test_a_refused_file_keeps_what_was_saved(client, login_as, enrolled, name, data, status,
                                             message):
    trainee, _, enrollment, _ = enrolled
    login_as(client, trainee)
    assert hand_in(client, enrollment, "first version",
                   ("first.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)).status_code == 302
    resp = hand_in(client, enrollment, "second version, typed", (name, data))
    page = resp.get_data(as_text=True)
    assert resp.status_code == status and message in page
    assert "second version, typed" in page  # what was typed is shown again
    row = db.session.scalar(select(HandIn))
    db.session.refresh(row)
    assert (row.text, row.file.filename) == ("first version", "first.png")


def test_an_upload_over_the_request_limit_answers_413_and_keeps_the_hand_in(
        client, login_as, enrolled):
    trainee, _, enrollment, _ = enrolled
    login_as(client, trainee)
    hand_in(client, enrollment, "kept")
    resp = hand_in(client, enrollment, "lost?", ("huge.pdf", b"%PDF-" + b"0" * (13 << 20)))
    assert resp.status_code == 413
    assert "up to 5 MB" in resp.get_data(as_text=True)
    assert db.session.scalar(select(HandIn.text)) == "kept"
    # other uploads keep the application's own 2 MB limit
    boundary, body = encode_multipart({"profile": "x" * (3 << 20)})
    other = client.post("/practice/shifts", data=body, content_type=(
        f"multipart/form-data; boundary={boundary}"))
    assert other.status_code == 413 and "(2 MB)" in other.get_data(as_text=True)


def test_a_hand_in_needs_text_or_a_file_and_a_hand_in_step(client, login_as, enrolled):
    trainee, _, enrollment, course = enrolled
    login_as(client, trainee)
    resp = hand_in(client, enrollment, "   ")
    assert resp.status_code == 400 and "write your hand-in, attach a file" in resp.get_data(
        as_text=True)
    lesson = next(s for s in course.steps if s.kind == "lesson")
    assert client.get(f"/practice/handins/{enrollment.id}/{lesson.key}").status_code == 404
    assert db.session.scalars(select(HandIn)).all() == []
