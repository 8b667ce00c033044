"""The candidate's optional 'about you' form, offered after the test."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from app.extensions import db
from app.hiring.models import get_candidate_invitation
from app.measurement import bp, services
from app.measurement.forms import AboutYouForm
from app.measurement.models import DIMENSIONS, get_self_identification
from app.security import require_role


@bp.route("/about-you", methods=["GET", "POST"])
@require_role("candidate")
def about_you():
    invitation = get_candidate_invitation(current_user)
    if not services.can_self_identify(invitation):
        flash("This short form opens after you have finished the test.", "info")
        return redirect(url_for("hiring.candidate_home"))
    form = AboutYouForm(obj=get_self_identification(invitation.id))
    if form.validate_on_submit():
        answers = {d: getattr(form, d).data for d in DIMENSIONS}
        services.save_self_identification(invitation, answers, form.research_consent.data)
        db.session.commit()
        flash("Thank you. Your answers are stored apart from your test results.", "success")
        return redirect(url_for("hiring.candidate_home"))
    return render_template("measurement/about_you.html", form=form), (
        400 if form.is_submitted() else 200)
