import csv
import io

from flask import (
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from app.extensions import db
from app.jobs import enqueue
from app.pdf import render_pdf
from app.reports import bp, sweeps
from app.reports import simlab as lab
from app.reports.charts import line_chart
from app.reports.forms import LabForm, PlanForm, SweepForm
from app.reports.models import SimulationJob, select_recent_jobs
from app.routing import load_scenario, planning
from app.security import get_or_404_for, require_role


def _agent_counts(scenario_id: str) -> dict[str, int]:
    """Agent counts per group from the form (`count_<group>`), defaulting to the scenario's."""
    scenario = load_scenario(scenario_id)
    counts = {}
    for group in scenario.agents:
        raw = request.form.get(f"count_{group.group}", "")
        counts[group.group] = int(raw) if raw.strip().lstrip("-").isdigit() else group.count
    return counts


@bp.route("/simlab", methods=["GET", "POST"])
@require_role("trainer", "admin")
def simlab():
    form = LabForm()
    if form.validate_on_submit():
        params = {"scenario": form.scenario.data, "policies": form.policies.data,
                  "replications": form.replications.data, "seed": form.seed.data,
                  "agent_counts": _agent_counts(form.scenario.data)}
        try:
            job = lab.start_job(current_user.id, params)
        except lab.TooManyJobs as exc:
            flash(str(exc), "error")
            return _lab_page(form), 429
        except lab.LabError as exc:
            flash(str(exc), "error")
            return _lab_page(form), 400
        db.session.commit()
        enqueue(lab.run_simulation, job.id)
        return redirect(url_for("reports.show_job", job_id=job.id))
    return _lab_page(form), 400 if form.is_submitted() else 200


def _lab_page(form: LabForm):
    names = [name for name, _ in form.scenario.choices]
    chosen = request.args.get("scenario") or form.scenario.data
    scenario = load_scenario(chosen if chosen in names else names[0])
    form.scenario.data = scenario.id
    jobs = db.session.scalars(select_recent_jobs(current_user.id)).all()
    return render_template("reports/simlab.html", form=form, scenario=scenario, jobs=jobs)


@bp.get("/simlab/jobs/<int:job_id>")
@require_role("trainer", "admin")
def show_job(job_id: int):
    job = get_or_404_for(current_user, SimulationJob, job_id)
    if job.params.get("kind") == "sweep":
        return render_template("reports/sweep_job.html", job=job)
    charts = None
    if job.status == "done":
        data = lab.chart_data(job.result)
        charts = {
            "service": line_chart(data["labels"], data["service"], y_max=1.0, y_format="{:.0%}",
                                  title="Service level per interval", target=(0.8, "80% target")),
            "queue": line_chart(data["labels"], data["queue"], y_format="{:.1f}",
                                title="Average queue length per interval"),
        }
    return render_template("reports/job.html", job=job, charts=charts)


@bp.get("/simlab/jobs/<int:job_id>.json")
@require_role("trainer", "admin")
def job_status(job_id: int):
    job = get_or_404_for(current_user, SimulationJob, job_id)
    finished = job.status in ("done", "cancelled") and job.finished_at is not None
    return jsonify(status="done" if finished else job.status, done=job.done, total=job.total,
                   percent=job.percent, error=job.error)


def _numbers(text: str, kind: type) -> list:
    try:
        return [kind(part) for part in (text or "").replace(";", ",").split(",") if part.strip()]
    except ValueError:
        raise lab.LabError(f"{text!r} is not a comma-separated list of numbers.") from None


@bp.route("/simlab/sweep", methods=["GET", "POST"])
@require_role("trainer", "admin")
def sweep():
    form = SweepForm()
    if form.validate_on_submit():
        try:
            params = {"scenario": form.scenario.data, "policies": form.policies.data,
                      "agents": _numbers(form.agents.data, int),
                      "parameter": form.parameter.data or None,
                      "values": _numbers(form.values.data, float),
                      "replications": form.replications.data, "seed": form.seed.data}
            job = sweeps.start_sweep(current_user.id, params)
        except lab.TooManyJobs as exc:
            flash(str(exc), "error")
            return render_template("reports/sweep.html", form=form), 429
        except lab.LabError as exc:
            flash(str(exc), "error")
            return render_template("reports/sweep.html", form=form), 400
        db.session.commit()
        enqueue(sweeps.run_sweep, job.id)
        return redirect(url_for("reports.show_job", job_id=job.id))
    return render_template("reports/sweep.html", form=form), 400 if form.is_submitted() else 200


@bp.post("/simlab/jobs/<int:job_id>/cancel")
@require_role("trainer", "admin")
def cancel_job(job_id: int):
    job = get_or_404_for(current_user, SimulationJob, job_id)
    sweeps.cancel(job)
    db.session.commit()
    flash("Sweep cancelled: cells not yet started will not run.", "info")
    return redirect(url_for("reports.show_job", job_id=job.id))


@bp.route("/simlab/plan", methods=["GET", "POST"])
@require_role("trainer", "admin")
def plan():
    form = PlanForm()
    rows, columns, chart, error = None, None, None, None
    if form.validate_on_submit():
        settings = planning.Settings(form.interval.data, form.aht.data, form.patience.data,
                                     form.sl.data, form.threshold.data, form.shrinkage.data)
        try:
            forecast = planning.parse_forecast(form.forecast.data, "forecast")
            if len(forecast) > MAX_PLAN_ROWS:
                raise lab.LabError(f"At most {MAX_PLAN_ROWS} forecast rows on this page; "
                                   "use `flask routing plan` for more.")
            if (form.roster.data or "").strip():
                shifts = planning.parse_roster(form.roster.data, "roster")
                columns = planning.ROSTER_COLUMNS
                rows = planning.check_roster(forecast, shifts, settings)
            else:
                columns = planning.PLAN_COLUMNS
                rows = planning.plan(forecast, settings)
        except (planning.ForecastError, lab.LabError) as exc:
            error = str(exc)
        if rows is not None:
            export = request.form.get("export")
            if export == "csv":
                return _plan_csv(rows, columns)
            if export == "pdf":
                response = make_response(render_pdf("reports/plan_pdf.html", rows=rows,
                                                    columns=columns, settings=settings))
                response.headers["Content-Type"] = "application/pdf"
                response.headers["Content-Disposition"] = "attachment; filename=plan.pdf"
                return response
            chart = _plan_chart(rows, columns)
    status = 400 if form.is_submitted() and (error or form.errors) else 200
    return render_template("reports/plan.html", form=form, rows=rows, columns=columns,
                           chart=chart, error=error), status


MAX_PLAN_ROWS = 96


def _plan_csv(rows: list[dict], columns: tuple[str, ...]):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([["" if r[c] is None else r[c] for c in columns] for r in rows])
    response = make_response(out.getvalue())
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = "attachment; filename=plan.csv"
    return response


def _plan_chart(rows: list[dict], columns: tuple[str, ...]):
    labels = list(dict.fromkeys(r["interval_start"] for r in rows))
    keys = (("agents_formula", "agents_sim", "scheduled") if "agents_sim" in columns
            else ("rostered", "on_phones"))
    series = {k: [sum(r[k] or 0 for r in rows if r["interval_start"] == label)
                  for label in labels] for k in keys}
    return line_chart(labels, series, title="Agents per interval (all channels)")
