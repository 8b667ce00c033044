"""Calibration sessions: several supervisors score one contact and see the spread."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from app.extensions import db
from app.monitoring import bp, calibration, forms
from app.monitoring.models import CalibrationSession, select_calibrations_for
from app.monitoring.scorecards import CHANNELS, Scorecard, load_scorecards
from app.monitoring.services import MonitoringError
from app.security import get_or_404_for, require_role


def _calibration_form() -> forms.CalibrationForm:
    form = forms.CalibrationForm()
    form.scorecard_id.choices = [(c.id, c.title) for c in load_scorecards().values()]
    form.channel.choices = [(c, c.title()) for c in CHANNELS]
    form.participants.choices = [(u.id, u.name)
                                 for u in calibration.supervisor_choices(current_user.id)]
    return form


@bp.route("/calibration", methods=["GET", "POST"])
@require_role("supervisor")
def list_calibrations():
    form = _calibration_form()
    if form.validate_on_submit():
        card = load_scorecards().get(form.scorecard_id.data)
        try:
            if card is None:
                raise MonitoringError("Choose a scorecard.")
            session = calibration.create_calibration(
                current_user, form.title.data, card, form.contact_ref.data, form.channel.data,
                form.contact_date.data, form.participants.data)
        except MonitoringError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash("Calibration opened. Score the contact; the spread shows once you have.",
                  "success")
            return redirect(url_for("monitoring.view_calibration", session_id=session.id))
    sessions = db.session.scalars(select_calibrations_for(current_user.id)).unique().all()
    status = 400 if form.is_submitted() else 200
    return render_template("monitoring/calibrations.html", form=form, sessions=sessions), status


@bp.route("/calibration/<int:session_id>", methods=["GET", "POST"])
@require_role("supervisor")
def view_calibration(session_id: int):
    session = get_or_404_for(current_user, CalibrationSession, session_id)
    card = Scorecard.model_validate(session.scorecard)
    form = forms.calibration_rating_form(card)
    if form.validate_on_submit():
        answers, _ = forms.collect_answers(form, card)
        try:
            calibration.submit_rating(session, current_user, answers)
        except MonitoringError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash("Your score is in. Here is how the group scored.", "success")
            return redirect(url_for("monitoring.view_calibration", session_id=session.id))
    mine = session.rating_of(current_user.id)
    shown = calibration.spread(session) if mine and mine.submitted_at else None
    status = 400 if form.is_submitted() else 200
    return render_template("monitoring/calibration.html", s=session, card=card, form=form,
                           mine=mine, spread=shown, answer_field=forms.answer_field), status
