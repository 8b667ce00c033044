"""The learner's own: try a contact again, compare attempts, progress across shifts.
Employee-only and owner-only (a trainer coaches from the response pages instead)."""

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from app.extensions import db
from app.orm import utcnow
from app.practice import attempts, bp, library, progress
from app.practice.forms import ActionForm
from app.practice.models import PracticeResponse
from app.practice.profiles import PROFILES
from app.security import get_or_404_for, require_role


def _own_response(response_id: int) -> PracticeResponse:
    response = get_or_404_for(current_user, PracticeResponse, response_id)
    if response.shift.user_id != current_user.id:
        abort(404)
    return response


@bp.post("/responses/<int:response_id>/retry")
@require_role("employee")
def retry_contact(response_id: int):
    response = _own_response(response_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        shift = attempts.retry(current_user.id, response, utcnow(),
                               current_app.config.get("PRACTICE_TIME_FACTOR", 1.0))
    except attempts.AttemptError as exc:
        flash(str(exc), "error")
        return redirect(url_for("practice.show_response", response_id=response.id))
    db.session.commit()
    return redirect(url_for("practice.show_contact", shift_id=shift.id))


@bp.get("/responses/<int:response_id>/attempts")
@require_role("employee")
def compare_attempts(response_id: int):
    response = _own_response(response_id)
    view = attempts.compare(current_user.id, response, request.args.get("with", type=int))
    if view is None:
        abort(404)
    return render_template("practice/attempts.html", view=view, response=response,
                           form=ActionForm())


@bp.get("/progress")
@require_role("employee")
def progress_page():
    return render_template("practice/progress.html", trend=progress.trend(current_user.id))


@bp.app_template_global("practice_contact_title")
def contact_title(contact_id: str) -> str:
    """A practice contact as people know it (its subject), never its internal id."""
    if "practice_contacts" not in g:
        g.practice_contacts = library.contacts()
    contact = g.practice_contacts.get(contact_id)
    return contact["subject"] if contact else "A contact no longer in the library"


@bp.app_template_global("practice_profile_title")
def profile_title(profile_id: str) -> str:
    profile = PROFILES.get(profile_id)
    return profile.title if profile else profile_id
