"""Hand-in pages: the learner's hand-in for a course step, the trainer's list and
feedback, and the file (only ever as a download, to the learner and their trainer)."""

from __future__ import annotations

import io

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from app.extensions import db
from app.practice import bp, handins
from app.practice.coaching_forms import FeedbackForm, HandInForm
from app.practice.coaching_models import HandIn
from app.practice.uploads import MAX_FILE_BYTES
from app.security import get_or_404_for, require_role
from app.training.models import Enrollment

# A hand-in request may carry a 5 MB file and its text; other uploads keep the app's limit.
HANDIN_REQUEST_BYTES = 12 * 1024 * 1024


def allow_handin_uploads() -> None:
    """Raise the body limit for a hand-in POST before anything (CSRF) reads the form."""
    if request.endpoint == "practice.handin" and request.method == "POST":
        request.max_content_length = HANDIN_REQUEST_BYTES


@bp.errorhandler(413)
def too_large(error):
    if request.endpoint == "practice.handin":
        message = ("That upload is larger than we accept. A hand-in file may be up to 5 MB; "
                   "what you handed in before is unchanged.")
    else:
        message = "That request is larger than we accept (2 MB)."
    return render_template("errors/error.html", code=413, title="Too large",
                           message=message), 413


def _upload(storage) -> tuple[str, bytes] | None:
    if storage is None or not getattr(storage, "filename", ""):
        return None
    return storage.filename, storage.stream.read(MAX_FILE_BYTES + 1)


def _field_errors(form, message: str) -> None:
    field = message.split(":", 1)[0]
    target = getattr(form, field, None) if field in ("text", "file") else None
    (target or form.text).errors = [message.split(": ", 1)[-1] if target else message]


@bp.route("/handins/<int:enrollment_id>/<key>", methods=["GET", "POST"])
@require_role("employee")
def handin(enrollment_id: int, key: str):
    enrollment = get_or_404_for(current_user, Enrollment, enrollment_id)
    item = handins.handin_step(enrollment, key)
    if item is None:
        abort(404)
    form = HandInForm()
    if request.method == "GET" and item.hand_in is not None:
        form.text.data = item.hand_in.text
    status = 200
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        try:
            handins.submit(item, form.text.data, _upload(form.file.data))
        except handins.HandInError as exc:
            db.session.rollback()
            _field_errors(form, str(exc))
            status = exc.status
        else:
            db.session.commit()
            flash("Handed in. Your trainer reads it, gives feedback and completes the step.",
                  "success")
            return redirect(url_for("practice.handin", enrollment_id=enrollment_id, key=key))
        item = handins.handin_step(enrollment, key)
    trainer = handins.user_name(item.hand_in.trainer_id) if item.hand_in else None
    return render_template("practice/handin.html", item=item, form=form, trainer=trainer,
                           has_trainer=handins.has_trainer(current_user.id)), status


@bp.get("/handins/<int:handin_id>/file")
@require_role("employee", "trainer")
def handin_file(handin_id: int):
    hand_in = get_or_404_for(current_user, HandIn, handin_id)
    stored = hand_in.file
    if stored is None:
        abort(404)
    response = send_file(io.BytesIO(stored.data), mimetype=stored.media_type,
                         as_attachment=True, download_name=stored.filename, etag=False,
                         last_modified=None)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/coaching/handins/")
@require_role("trainer")
def coaching_handins():
    return render_template("practice/coaching_handins.html",
                           rows=handins.for_trainer(current_user.id))


@bp.route("/coaching/handins/<int:handin_id>", methods=["GET", "POST"])
@require_role("trainer")
def coaching_handin(handin_id: int):
    hand_in = get_or_404_for(current_user, HandIn, handin_id)
    if hand_in.learner_id == current_user.id:
        abort(404)
    form = FeedbackForm()
    if request.method == "GET":
        form.feedback.data = hand_in.feedback
    status = 200
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        try:
            completed = handins.give_feedback(current_user, hand_in, form.feedback.data,
                                              bool(form.complete.data))
        except handins.HandInError as exc:
            db.session.rollback()
            form.feedback.errors = [str(exc).split(": ", 1)[-1]]
            status = exc.status
        else:
            db.session.commit()
            flash("Feedback sent and the step completed." if completed else
                  "Feedback sent. The learner can revise and hand in again.", "success")
            return redirect(url_for("practice.coaching_handin", handin_id=handin_id))
    return render_template("practice/coaching_handin.html", hand_in=hand_in, form=form,
                           title=handins.step_title(hand_in),
                           learner=handins.user_name(hand_in.learner_id)), status
