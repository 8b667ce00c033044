"""Author pages: item analysis and reliability, structure, and the norms builder."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import audit
from app.extensions import db
from app.hiring.catalog import current_catalog
from app.measurement import bp, decisions, norms, quality
from app.measurement.decisions import MeasurementError
from app.measurement.forms import NormBuildForm, NormSwitchForm
from app.orm import utcnow
from app.security import require_role

AUTHORS = ("author", "admin")


def _instrument_or_404(instrument_id: str):
    instrument = current_catalog().instruments.get(instrument_id)
    if instrument is None:
        abort(404)
    return instrument


@bp.get("/instruments/<instrument_id>/items")
@require_role(*AUTHORS)
def item_analysis(instrument_id: str):
    _instrument_or_404(instrument_id)
    analysis = quality.analyse_instrument(instrument_id)
    return render_template("measurement/items.html", analysis=analysis,
                           flag_text=quality.FLAG_TEXT)


@bp.get("/instruments/<instrument_id>/structure")
@require_role(*AUTHORS)
def structure(instrument_id: str):
    _instrument_or_404(instrument_id)
    instrument, n, result, problem = quality.likert_structure(instrument_id)
    return render_template("measurement/structure.html", instrument=instrument, n=n,
                           result=result, problem=problem)


def _norm_forms(instrument_id: str) -> tuple[NormBuildForm, NormSwitchForm]:
    catalog = current_catalog()
    profiles = sorted(p.id for p in catalog.job_profiles.values()
                      if p.instrument == instrument_id)
    build = NormBuildForm()
    build.profile.choices = [("", "All job profiles using this instrument")] + [
        (p, catalog.job_profiles[p].title) for p in profiles]
    switch = NormSwitchForm(prefix="switch")
    switch.profile.choices = [(p, catalog.job_profiles[p].title) for p in profiles]
    switch.norm_table.choices = [(t.id, f"{t.id} (n = {t.sample.size})") for t in sorted(
        catalog.norm_tables.values(), key=lambda t: t.version) if t.instrument == instrument_id]
    return build, switch


def _render_norms(instrument_id: str, build: NormBuildForm, switch: NormSwitchForm,
                  status: int = 200, **extra: object):
    catalog = current_catalog()
    tables = [t for t in catalog.norm_tables.values() if t.instrument == instrument_id]
    return render_template("measurement/norms.html", instrument=_instrument_or_404(instrument_id),
                           tables=sorted(tables, key=lambda t: t.version), build=build,
                           switch=switch, catalog=catalog, **extra), status


@bp.route("/instruments/<instrument_id>/norms", methods=["GET", "POST"])
@require_role(*AUTHORS)
def build_norms(instrument_id: str):
    _instrument_or_404(instrument_id)
    build, switch = _norm_forms(instrument_id)
    if request.method == "GET" or not build.validate_on_submit():
        return _render_norms(instrument_id, build, switch, 200 if request.method == "GET" else 400)
    try:
        result = norms.build_norm_table(instrument_id, build.profile.data or None,
                                        build.start.data, build.end.data,
                                        build.description.data, utcnow().date())
    except MeasurementError as exc:
        flash(str(exc), "error")
        return _render_norms(instrument_id, build, switch, 400)
    kept = decisions.record_norm_table(current_user, result.table, {
        "warnings": list(result.warnings),
        "dry_runs": [norms.dry_run_summary(r) for r in result.dry_runs]})
    audit.record("measurement_decision", f"norm table {result.table['id']}")
    db.session.commit()
    flash(f"Norm table {result.table['id']} built from {result.table['sample']['size']} "
          "attempts. Download it for assessments/norms/.", "success")
    return redirect(url_for("measurement.show_decision", decision_id=kept.id))


@bp.post("/instruments/<instrument_id>/norms/switch")
@require_role(*AUTHORS)
def switch_norms(instrument_id: str):
    _instrument_or_404(instrument_id)
    build, switch = _norm_forms(instrument_id)
    if not switch.validate_on_submit():
        return _render_norms(instrument_id, build, switch, 400)
    profile_id, norm_id = switch.profile.data, switch.norm_table.data
    try:
        run = norms.switch_preview(profile_id, norm_id)
    except MeasurementError as exc:
        flash(str(exc), "error")
        return _render_norms(instrument_id, build, switch, 400)
    if request.form.get("confirm") != "yes":
        return _render_norms(instrument_id, build, switch, preview=run)
    kept = decisions.record_norm_switch(current_user, profile_id, norm_id,
                                        {"dry_run": norms.dry_run_summary(run)})
    audit.record("measurement_decision", f"norm switch {profile_id} {norm_id}")
    db.session.commit()
    flash("Decision logged. Download the profile file for the authors.", "success")
    return redirect(url_for("measurement.show_decision", decision_id=kept.id))
