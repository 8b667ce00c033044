from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from app.extensions import db
from app.identity.models import User
from app.practice import bp, coaching, library
from app.practice.forms import RateForm
from app.practice.models import PracticeResponse, RatedExample
from app.practice.scoring import CRITERIA
from app.security import get_or_404_for, require_role


@bp.get("/coaching/")
@require_role("trainer")
def coaching_home():
    return render_template(
        "practice/coaching.html", learners=coaching.learners(current_user.id),
        added=db.session.scalar(select(func.count()).select_from(RatedExample)))


@bp.get("/coaching/learners/<int:user_id>")
@require_role("trainer")
def coaching_learner(user_id: int):
    shifts = coaching.learner_shifts(current_user.id, user_id)
    if shifts is None:
        abort(404)
    return render_template("practice/learner.html", learner=db.session.get(User, user_id),
                           shifts=shifts)


@bp.route("/coaching/rate", methods=["GET", "POST"])
@require_role("trainer")
def rate_example():
    form = RateForm()
    contacts = library.written_contacts()
    form.contact_id.choices = [(k, f"{c['channel']}: {c['subject']}")
                               for k, c in sorted(contacts.items())]
    source = request.args.get("response_id", type=int)
    if source:
        response = get_or_404_for(current_user, PracticeResponse, source)
        if request.method == "GET":
            form.contact_id.data, form.text.data = response.contact_id, response.text
    if form.validate_on_submit():
        try:
            coaching.add_rated_example(
                current_user.id, form.contact_id.data, form.text.data,
                {c: getattr(form, c).data for c in CRITERIA}, int(form.overall.data),
                source_response_id=source)
        except coaching.CoachingError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash("Rating saved.", "success")
            return redirect(url_for("practice.review_queue" if source else
                                    "practice.coaching_home"))
    return render_template("practice/rate.html", form=form, criteria=CRITERIA,
                           contacts=contacts), (400 if form.errors else 200)
