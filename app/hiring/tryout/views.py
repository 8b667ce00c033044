"""Candidate pages of the job tryout: instructions and warm-up, the shift, its poller.

Every action is a plain form (keyboard and screen readers need nothing else) carrying the
next action number, so a resent form applies once; the poller and the draft autosave are
enhancements (``static/js/tryout.js``)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, TextAreaField
from wtforms.validators import Length, Optional

from app import audit
from app.extensions import db
from app.hiring import bp, services
from app.hiring.models import Invitation, get_candidate_invitation
from app.hiring.tryout import ratings, shift
from app.hiring.tryout import services as tryout
from app.hiring.tryout.content import section_for
from app.hiring.tryout.models import run_of
from app.orm import write_transactions
from app.security import get_or_404_for, require_role

ACTIONS = ("warmup_say", "begin", "open", "say", "finish", "end")


class TryoutActionForm(FlaskForm):
    seq = IntegerField(validators=[Optional()])
    action = HiddenField()
    sim_id = IntegerField(validators=[Optional()])
    text = TextAreaField("Your words", validators=[Optional(), Length(max=shift.MAX_TEXT)])


def _attempt():
    invitation = get_candidate_invitation(current_user)
    if invitation is None or invitation.attempt is None:
        abort(404)
    attempt = invitation.attempt
    if section_for(invitation.opening.job_profile) is None:
        abort(404)
    return attempt


def _closed(attempt) -> bool:
    services.close_on_read(attempt)
    return attempt.status != "in_progress"


@bp.get("/candidate/tryout")
@require_role("candidate")
def tryout_page():
    attempt = _attempt()
    if _closed(attempt):
        return redirect(url_for("hiring.test_done"))
    run = run_of(attempt)
    section = section_for(attempt.invitation.opening.job_profile)
    if run is None:
        return render_template("hiring/tryout.html", run=None, section=section,
                               form=TryoutActionForm(), factor=attempt.invitation.time_factor,
                               remaining=services.remaining_seconds(attempt))
    with write_transactions():
        try:
            state = tryout.sync(run)
        except tryout.TryoutError:
            db.session.rollback()
            state = run_of(attempt).state
        db.session.commit()
    section, form = tryout.content_of(run)
    return render_template("hiring/tryout.html", run=run, section=section, state=state,
                           view=shift.view(state, section, form), tryout_form=form,
                           open_contact=_open_view(state, form), form=TryoutActionForm(),
                           factor=run.time_factor, remaining=services.remaining_seconds(attempt))


def _open_view(state: dict[str, Any], form) -> dict[str, Any] | None:
    entry = state.get("open")
    if entry is None:
        return None
    return {"entry": entry, "contact": form.contact(entry["contact_id"]),
            "draft": state["drafts"].get(str(entry["sim_id"]), "")}


@bp.post("/candidate/tryout/start")
@require_role("candidate")
def tryout_start():
    attempt = _attempt()
    if not FlaskForm().validate_on_submit():
        abort(400)
    with write_transactions():
        try:
            tryout.start(attempt)
        except tryout.TryoutError as exc:
            flash(str(exc), "error")
        db.session.commit()
    return redirect(url_for("hiring.tryout_page"))


def _action(name: str, sim_id: int | None, text: str):
    def apply(state, section, form):
        if name == "warmup_say":
            return shift.warmup_say(state, section, text)
        if name == "begin":
            return shift.begin(state)
        if name == "end":
            return shift.end(state)
        if sim_id is None:
            raise shift.TryoutError("Choose a contact.")
        if name == "open":
            return shift.open_contact(state, form, sim_id)
        if name == "say":
            return shift.say(state, form, sim_id, text)
        return shift.finish(state, form, sim_id, text)
    return apply


@bp.post("/candidate/tryout/act")
@require_role("candidate")
def tryout_act():
    attempt = _attempt()
    form = TryoutActionForm()
    if not form.validate_on_submit() or form.action.data not in ACTIONS:
        flash("That action was not understood; please try again.", "error")
        return redirect(url_for("hiring.tryout_page")), 303
    run = run_of(attempt)
    if run is None:
        return redirect(url_for("hiring.tryout_page"))
    anchor = ""
    with write_transactions():
        try:
            tryout.act(run, form.seq.data, _action(form.action.data, form.sim_id.data,
                                                    form.text.data or ""))
            anchor = "#latest" if form.action.data in ("say", "warmup_say") else ""
        except tryout.TryoutError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        db.session.commit()
    if attempt.status != "in_progress":
        return redirect(url_for("hiring.test_done"))
    return redirect(url_for("hiring.tryout_page") + anchor, 303)


@bp.get("/candidate/tryout/state.json")
@require_role("candidate")
def tryout_state():
    attempt = _attempt()
    run = run_of(attempt)
    if run is None or _closed(attempt):
        return jsonify(phase="closed"), 409
    with write_transactions():
        try:
            state = tryout.sync(run)
        except tryout.TryoutError:
            db.session.rollback()
            state = run_of(attempt).state
        db.session.commit()
    section, form = tryout.content_of(run)
    view = shift.view(state, section, form)
    return jsonify({k: view[k] for k in ("phase", "clock", "left", "queue", "abandoned",
                                         "handled", "seq")}
                   | {"open": (state["open"] or {}).get("sim_id"),
                      "remaining": services.remaining_seconds(attempt)})


@bp.post("/candidate/tryout/draft")
@require_role("candidate")
def tryout_draft():
    """Autosave of the reply being typed (JSON, CSRF header)."""
    attempt = _attempt()
    payload = request.get_json(silent=True)
    run = run_of(attempt)
    if run is None or not isinstance(payload, dict) or not isinstance(
            payload.get("sim_id"), int) or not isinstance(payload.get("text"), str):
        return jsonify(error="Send sim_id and text."), 400
    with write_transactions():
        try:
            tryout.save_draft(run, payload["sim_id"], payload["text"])
        except tryout.TryoutError as exc:
            db.session.rollback()
            return jsonify(error=str(exc)), 409
        db.session.commit()
    return jsonify(saved=True)


class TryoutRatingForm(FlaskForm):
    contact_id = HiddenField(validators=[Length(max=80)])
    overall = IntegerField(validators=[Optional()])
    note = TextAreaField("Note (optional)", validators=[Optional(), Length(max=2000)])


@bp.post("/hiring/candidates/<int:invitation_id>/tryout/rate")
@require_role("recruiter", "admin")
def rate_tryout_contact(invitation_id: int):
    invitation = get_or_404_for(current_user, Invitation, invitation_id)
    form = TryoutRatingForm()
    back = url_for("hiring.show_candidate", invitation_id=invitation.id) + "#tryout"
    if not form.validate_on_submit() or form.overall.data is None:
        flash("Choose a rating from 1 to 5.", "error")
        return redirect(back)
    try:
        rating = ratings.rate_contact(invitation.attempt, current_user, form.contact_id.data,
                                      form.overall.data, form.note.data)
    except services.HiringError as exc:
        flash(str(exc), "error")
        return redirect(back)
    audit.record("rate", f"candidate {invitation.candidate_id} tryout contact")
    db.session.commit()
    flash(f"Your rating {rating.overall}/5 of this contact is recorded and now counts in the "
          f"tryout score (automatic {rating.automatic}/5).", "success")
    return redirect(back)
