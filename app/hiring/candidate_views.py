"""Candidate pages: welcome and consent, the timed test with autosave, thank-you."""

import json

from flask import (
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user

from app.extensions import db, limiter
from app.hiring import autosave, bp, mailing, privacy, services
from app.hiring.catalog import setup_for
from app.hiring.forms import AccommodationForm, ActionForm, StartForm
from app.hiring.item_forms import build_test_form
from app.hiring.models import get_candidate_invitation
from app.hiring.report import feedback_context
from app.hiring.tryout import services as tryout
from app.hiring.tryout.content import section_for
from app.hiring.tryout.models import run_of
from app.identity.forms import EmailRequestForm
from app.identity.services import normalize_email
from app.orm import write_transactions
from app.security import email_rate_key, require_role


def _invitation():
    invitation = get_candidate_invitation(current_user)
    if invitation is None:
        abort(404)
    return invitation


@bp.get("/candidate/")
@require_role("candidate")
def candidate_home():
    invitation = get_candidate_invitation(current_user)
    if invitation is None:
        return render_template("hiring/no_invitation.html")
    attempt = invitation.attempt
    services.close_on_read(attempt)
    if attempt is not None and attempt.status == "in_progress":
        return redirect(url_for("hiring.take_test"))
    if attempt is not None:
        return redirect(url_for("hiring.test_done"))
    instrument = setup_for(invitation.opening.job_profile).instrument
    seconds = services.allowed_seconds(
        instrument.time_limit_seconds + tryout.allowance_seconds(invitation.opening.job_profile),
        invitation.time_factor)
    return render_template("hiring/candidate_home.html", inv=invitation, instrument=instrument,
                           minutes=-(-seconds // 60), form=StartForm(),
                           accommodation_form=AccommodationForm(prefix="request"))


@bp.post("/candidate/accommodation")
@require_role("candidate")
def request_accommodation():
    invitation = _invitation()
    form = AccommodationForm(prefix="request")
    if form.validate_on_submit():
        invitation.accommodation_request = form.accommodation.data.strip()[:2000]
        db.session.commit()
        flash("Your request was sent to the recruiter, who will adjust your test before you "
              "start. You can come back to this page with your link.", "success")
    return redirect(url_for("hiring.candidate_home"))


@bp.post("/candidate/start")
@require_role("candidate")
def start_test():
    invitation = _invitation()
    form = StartForm()
    if not form.validate_on_submit():
        flash("Please tick the consent box to start.", "error")
        return redirect(url_for("hiring.candidate_home"))
    try:
        services.record_consent(invitation, form.accommodation.data)
        services.start_attempt(invitation)
    except services.HiringError as exc:
        flash(str(exc), "error")
        return redirect(url_for("hiring.candidate_home"))
    db.session.commit()
    return redirect(url_for("hiring.take_test"))


@bp.get("/candidate/test")
@require_role("candidate")
def take_test():
    invitation = _invitation()
    attempt = invitation.attempt
    if attempt is None:
        return redirect(url_for("hiring.candidate_home"))
    services.close_on_read(attempt)
    if attempt.status != "in_progress":
        return redirect(url_for("hiring.test_done"))
    answers = {r.item_id: r.value for r in attempt.responses}
    max_seq = max((r.client_seq for r in attempt.responses), default=0)
    sections = []
    for section, items in services.ordered_sections(attempt):
        form, views = build_test_form(items, answers)
        sections.append((section, form, views))
    total = sum(len(v) for _, _, v in sections)
    run = run_of(attempt)
    return render_template("hiring/test.html", attempt=attempt, sections=sections, total=total,
                           answered=len(answers), max_seq=max_seq,
                           tryout_section=section_for(invitation.opening.job_profile),
                           tryout_phase=run.state["phase"] if run else None,
                           remaining=services.remaining_seconds(attempt), form=ActionForm())


@bp.post("/candidate/test/answer")
def save_answer():
    """Autosave. The fast path answers an ordinary save from the login-session token
    (checking the same session, role and attempt as `require_role` and the full path
    do); anything else — not signed in, time over, a bad or stale save — goes the full
    way."""
    payload = request.get_json(silent=True)
    body = autosave.fast_save(session.get("_user_id"), payload)
    if body is not None:
        return jsonify(body)
    db.session.commit()  # end what the fast path read; the full path begins to write
    with write_transactions():
        return _save_answer_in_full(payload)


save_answer.required_roles = ("candidate",)  # read by the access-matrix test


@limiter.request_filter
def _autosave_skips_the_limiter() -> bool:
    """No rate limit applies to autosave (a signed-in candidate's sitting bounds it), so
    it also skips the limiter's per-request bookkeeping."""
    return request.endpoint == "hiring.save_answer"


@require_role("candidate")
def _save_answer_in_full(payload):
    attempt = _invitation().attempt
    if attempt is None or not isinstance(payload, dict):
        return jsonify(error="Send a JSON object with item, value and seq."), 400
    try:
        applied, remaining = services.save_answer(
            attempt, str(payload.get("item", ""))[:80], payload.get("value"),
            payload.get("seq"), payload.get("elapsed_ms"),
        )
    except services.AttemptClosed as exc:
        db.session.commit()
        return jsonify(error=str(exc), closed=True), 409
    except services.HiringError as exc:
        return jsonify(error=str(exc)), 400
    db.session.commit()
    return jsonify(saved=applied, stale=not applied, remaining=remaining)


@bp.post("/candidate/test/submit")
@require_role("candidate")
def submit_test():
    attempt = _invitation().attempt
    if attempt is None:
        return redirect(url_for("hiring.candidate_home"))
    services.submit_attempt(attempt)
    db.session.commit()
    return redirect(url_for("hiring.test_done"))


@bp.get("/candidate/done")
@require_role("candidate")
def test_done():
    invitation = _invitation()
    attempt = invitation.attempt
    if attempt is None or attempt.status == "in_progress":
        return redirect(url_for("hiring.candidate_home"))
    return render_template("hiring/done.html", inv=invitation, form=ActionForm(),
                           **feedback_context(invitation))


@bp.post("/candidate/review")
@require_role("candidate")
def request_review():
    invitation = _invitation()
    if ActionForm().validate_on_submit():
        services.request_review(invitation)
        db.session.commit()
        flash("A recruiter will review your result personally.", "success")
    return redirect(url_for("hiring.test_done"))


LINK_SENT = ("If {email} has an open invitation, a new link is on its way; earlier links "
             "no longer work. Nothing arrived within a few minutes? Check the spam folder, "
             "or reply to your invitation e-mail.")


@bp.route("/test-link", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
@limiter.limit("3 per hour", methods=["POST"], key_func=email_rate_key)
def request_link():
    """A fresh link for a second device or a lost tab: the same answer whether or not
    the address has an invitation, so the page reveals nobody's application."""
    form, sent_to = EmailRequestForm(), None
    if form.validate_on_submit():
        mailing.send_fresh_links(normalize_email(form.email.data))
        db.session.commit()
        sent_to = form.email.data
    status = 400 if form.errors else 200
    return render_template("hiring/request_link.html", form=form,
                           message=LINK_SENT.format(email=sent_to) if sent_to else None), status


@bp.get("/candidate/my-data.json")
@require_role("candidate")
def download_my_data():
    invitation = _invitation()
    body = json.dumps(privacy.candidate_data(current_user), indent=2, default=str)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f"attachment; filename=my-data-{invitation.id}.json"})


@bp.post("/candidate/erasure")
@require_role("candidate")
def request_erasure():
    _invitation()
    if ActionForm().validate_on_submit():
        privacy.request_erasure(current_user)
        db.session.commit()
        flash("Your request is recorded. Your application is withdrawn and your personal "
              "data will be erased within a day; only an anonymous record of the test "
              "remains for statistics.", "success")
    return redirect(url_for("hiring.test_done"))
