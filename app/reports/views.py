from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from app.extensions import db
from app.jobs import enqueue
from app.reports import bp
from app.reports import simlab as lab
from app.reports.charts import line_chart
from app.reports.forms import LabForm
from app.reports.models import SimulationJob, select_recent_jobs
from app.routing import load_scenario
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
def simlab():  # noqa: ANN201
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


def _lab_page(form: LabForm):  # noqa: ANN202
    names = [name for name, _ in form.scenario.choices]
    chosen = request.args.get("scenario") or form.scenario.data
    scenario = load_scenario(chosen if chosen in names else names[0])
    form.scenario.data = scenario.id
    jobs = db.session.scalars(select_recent_jobs(current_user.id)).all()
    return render_template("reports/simlab.html", form=form, scenario=scenario, jobs=jobs)


@bp.get("/simlab/jobs/<int:job_id>")
@require_role("trainer", "admin")
def show_job(job_id: int):  # noqa: ANN201
    job = get_or_404_for(current_user, SimulationJob, job_id)
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
def job_status(job_id: int):  # noqa: ANN201
    job = get_or_404_for(current_user, SimulationJob, job_id)
    return jsonify(status=job.status, done=job.done, total=job.total, percent=job.percent,
                   error=job.error)
