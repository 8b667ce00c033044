"""Trainer pages for correcting the reply scorer: agreement, refit, "not sure" queue."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from app.extensions import db
from app.practice import bp, refits
from app.practice.forms import ActionForm
from app.practice.scoring import LABELS
from app.practice.scoring.calibration import MIN_CONTACTS, MIN_EXAMPLES
from app.security import require_role


@bp.get("/coaching/scorer")
@require_role("trainer")
def scorer_agreement():
    return render_template(
        "practice/scorer.html", latest=refits.latest_refit(), in_use=refits.refit_in_use(),
        labels=LABELS, form=ActionForm(), queued=len(refits.review_queue(current_user.id)),
        min_examples=MIN_EXAMPLES, min_contacts=MIN_CONTACTS)


@bp.post("/coaching/scorer/refit")
@require_role("trainer")
def scorer_refit():
    if not ActionForm().validate_on_submit():
        flash("The form expired; try again.", "error")
        return redirect(url_for("practice.scorer_agreement")), 303
    refit = refits.run_refit(current_user.id)
    db.session.commit()
    if refit.in_use:
        flash(f"Refit {refit.id} agrees better with trainers on unseen contacts; it now sets "
              "the overall grade of new replies.", "success")
    else:
        flash("Measured again; the rules keep setting the overall grade "
              f"({refit.report.get('reason') or 'the refit did not agree better'}).", "info")
    return redirect(url_for("practice.scorer_agreement")), 303


@bp.get("/coaching/review")
@require_role("trainer")
def review_queue():
    return render_template("practice/review_queue.html",
                           rows=refits.review_queue(current_user.id))
