from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from app.extensions import db
from app.identity.models import User
from app.practice import bp, coaching, handins, library
from app.practice.coaching_forms import CommentForm
from app.practice.coaching_models import select_comments_for, select_comments_on
from app.practice.forms import RateForm
from app.practice.models import PracticeResponse, RatedExample
from app.practice.scoring import CRITERIA
from app.practice.views import show_response
from app.security import get_or_404_for, require_role


@bp.get("/coaching/")
@require_role("trainer")
def coaching_home():
    return render_template(
        "practice/coaching.html", learners=coaching.learners(current_user.id),
        added=db.session.scalar(select(func.count()).select_from(RatedExample)),
        handins=handins.for_trainer(current_user.id))


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


@bp.app_template_global()
def practice_comments(response: PracticeResponse) -> dict:
    """Comments on this attempt that the signed-in user may read (the learner, or the
    trainer who wrote them), and the comment form when they may add one."""
    comments = db.session.scalars(select_comments_on(response.id, current_user.id)).all()
    names = _names({c.author_id for c in comments})
    form = CommentForm() if coaching.may_comment(current_user, response) else None
    return {"comments": comments, "names": names, "form": form,
            "error": g.get("comment_error"), "response": response}


def _names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())


@bp.post("/responses/<int:response_id>/comments")
@require_role("trainer")
def add_comment(response_id: int):
    response = get_or_404_for(current_user, PracticeResponse, response_id)
    form = CommentForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        coaching.add_comment(current_user, response, form.text.data)
    except coaching.CoachingError as exc:
        db.session.rollback()
        g.comment_error = str(exc)
        return show_response(response_id), 400
    db.session.commit()
    flash("Comment saved. Only the learner and you can read it.", "success")
    return redirect(url_for("practice.show_response", response_id=response_id) + "#comments")


@bp.get("/comments/")
@require_role("employee")
def my_comments():
    comments = db.session.scalars(select_comments_for(current_user.id)).all()
    return render_template("practice/comments.html", comments=comments,
                           names=_names({c.author_id for c in comments}))
