"""Recruiter pages: adverse impact, the cut-score what-if, validity, weights, the
technical report and kept decisions."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import audit
from app.extensions import db
from app.hiring.catalog import current_catalog, setup_for
from app.measurement import bp, decisions, fairness, report
from app.measurement.decisions import MeasurementError
from app.measurement.forms import CutScoreForm, WeightsForm
from app.measurement.models import MeasurementDecision, select_decisions_for
from app.measurement.records import visible_profiles
from app.measurement.validity import OUTCOMES, run_validity
from app.security import get_or_404_for, require_role

HR = ("recruiter", "admin")


def profile_or_404(profile_id: str):
    """The loaded job profile if the current user may see its statistics; else 404."""
    if profile_id not in visible_profiles(current_user):
        audit.record("denied", f"job profile {profile_id}", commit=True)
        abort(404)
    return setup_for(profile_id).profile


@bp.get("/")
@require_role("recruiter", "author", "admin")
def index():
    profiles = visible_profiles(current_user) if current_user.has_role(*HR) else []
    catalog = current_catalog()
    instruments = (sorted(catalog.instruments.values(), key=lambda i: i.id)
                   if current_user.has_role("author", "admin") else [])
    kept = db.session.scalars(select_decisions_for(current_user).limit(20)).all()
    return render_template("measurement/index.html", catalog=catalog, instruments=instruments,
                           profiles=[catalog.job_profiles[p] for p in profiles], kept=kept)


@bp.get("/profiles/<profile_id>/impact")
@require_role(*HR)
def adverse_impact(profile_id: str):
    profile = profile_or_404(profile_id)
    applicants, hurdle, decided = fairness.hurdle_impact(profile_id)
    return render_template("measurement/impact.html", profile=profile, applicants=applicants,
                           hurdle=hurdle, decided=decided)


def _proposed_cut(raw: str | None, current: Fraction) -> tuple[Fraction, str | None]:
    if not raw:
        return current, None
    try:
        value = Fraction(Decimal(raw.strip()))
    except (InvalidOperation, ValueError, OverflowError):
        return current, f"'{raw[:20]}' is not a number; showing the current cut score."
    if not 20 <= value <= 80:
        return current, "A cut score is a T-score between 20 and 80; showing the current one."
    return value, None


@bp.route("/profiles/<profile_id>/cut-score", methods=["GET", "POST"])
@require_role(*HR)
def cut_score(profile_id: str):
    profile = profile_or_404(profile_id)
    form = CutScoreForm()
    if form.validate_on_submit():
        try:
            kept = decisions.record_cut_score(current_user, profile_id,
                                              Fraction(form.cut_score.data), form.reason.data,
                                              form.acknowledge.data)
        except MeasurementError as exc:
            flash(str(exc), "error")
        else:
            audit.record("measurement_decision", f"{kept.kind} {profile_id}")
            db.session.commit()
            flash("Decision logged. Download the profile file for the authors.", "success")
            return redirect(url_for("measurement.show_decision", decision_id=kept.id))
    raw = request.form.get("cut_score") or request.args.get("cut")
    cut, problem = _proposed_cut(raw, profile.cut_score)
    if problem:
        flash(problem, "error")
    if request.method == "GET":
        form.cut_score.data = Decimal(str(float(cut)))
    what_if = fairness.cut_score_what_if(profile_id, cut)
    status = 400 if request.method == "POST" else 200
    return render_template("measurement/cut_score.html", profile=profile, form=form, cut=cut,
                           what_if=what_if), status


@bp.get("/profiles/<profile_id>/cut-score/preview")
@require_role(*HR)
def preview_cut_score(profile_id: str):
    profile = profile_or_404(profile_id)
    cut, problem = _proposed_cut(request.args.get("cut"), profile.cut_score)
    if problem:
        return Response(problem, status=400, mimetype="text/plain")
    what_if = fairness.cut_score_what_if(profile_id, cut)
    return render_template("measurement/_what_if.html", profile=profile, cut=cut,
                           what_if=what_if)


def _outcome() -> str:
    outcome = request.args.get("outcome", "qa_mean")
    return outcome if outcome in OUTCOMES else "qa_mean"


@bp.get("/profiles/<profile_id>/validity")
@require_role(*HR)
def validity(profile_id: str):
    profile = profile_or_404(profile_id)
    outcome = _outcome()
    data, study, problem = run_validity(profile_id, outcome)
    return render_template("measurement/validity.html", profile=profile, outcome=outcome,
                           outcomes=OUTCOMES, data=data, study=study, problem=problem,
                           curve=report.learning_chart(study) if study else None)


@bp.route("/profiles/<profile_id>/weights", methods=["GET", "POST"])
@require_role(*HR)
def apply_weights(profile_id: str):
    profile = profile_or_404(profile_id)
    outcome = _outcome()
    _, study, problem = run_validity(profile_id, outcome)
    if study is None or not study.suggested_weights:
        flash(problem or (study.weights_note if study else "") or "No validity study is available.",
              "error")
        return redirect(url_for("measurement.validity", profile_id=profile_id, outcome=outcome))
    weights = study.suggested_weights
    form = WeightsForm()
    if form.validate_on_submit():
        try:
            kept = decisions.record_weights(current_user, profile_id, weights, form.reason.data,
                                            form.acknowledge.data)
        except MeasurementError as exc:
            flash(str(exc), "error")
        else:
            audit.record("measurement_decision", f"weights {profile_id}")
            db.session.commit()
            flash("Decision logged. Download the profile file for the authors.", "success")
            return redirect(url_for("measurement.show_decision", decision_id=kept.id))
    what_if = fairness.weights_what_if(profile_id, weights)
    return render_template("measurement/weights.html", profile=profile, outcome=outcome,
                           weights=weights, what_if=what_if, form=form, study=study), (
        400 if request.method == "POST" else 200)


@bp.get("/instruments/<instrument_id>/report.pdf")
@require_role(*HR)
def technical_report(instrument_id: str):
    if instrument_id not in current_catalog().instruments:
        abort(404)
    pdf = report.render_technical_report(current_user, instrument_id)
    audit.record("export", f"technical report {instrument_id}")
    db.session.commit()
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f"attachment; filename=technical-report-{instrument_id}.pdf"})


@bp.get("/decisions/<int:decision_id>")
@require_role("recruiter", "author", "admin")
def show_decision(decision_id: int):
    kept = get_or_404_for(current_user, MeasurementDecision, decision_id)
    return render_template("measurement/decision.html", kept=kept)


@bp.get("/decisions/<int:decision_id>/file.yaml")
@require_role("recruiter", "author", "admin")
def download_decision(decision_id: int):
    kept = get_or_404_for(current_user, MeasurementDecision, decision_id)
    name = kept.filename.rsplit("/", 1)[-1]
    return Response(kept.yaml_text, mimetype="application/yaml",
                    headers={"Content-Disposition": f"attachment; filename={name}"})
