"""Team dashboards, exports, the JSON summary, metrics import and search."""

from flask import abort, flash, jsonify, make_response, render_template, request
from flask_login import current_user
from sqlalchemy import or_, select

from app import audit
from app.extensions import db
from app.identity.models import Team
from app.monitoring import bp, forms, metrics, services
from app.monitoring.evaluation_list import evaluation_page
from app.monitoring.models import Evaluation
from app.security import require_role

PERIODS = (7, 30, 90)


def _team(team_id: int) -> Team:
    team = services.visible_team(current_user, team_id)
    if team is None:
        audit.record("denied", f"team {team_id}", commit=True)
        abort(404)
    return team


def _dashboard(team: Team) -> dict:
    days = request.args.get("days", 30, type=int)
    data = metrics.team_dashboard(team, days if days in PERIODS else 30)
    for row in data["agents"]:
        audit.record("view_evaluations", f"user {row['agent_id']} (team {team.id} summary)")
    db.session.commit()
    return data


@bp.get("/teams/<int:team_id>")
@require_role("supervisor")
def team_dashboard(team_id: int):
    data = _dashboard(_team(team_id))
    return render_template("monitoring/dashboard.html", data=data, periods=PERIODS,
                           charts=metrics.dashboard_charts(data))


@bp.get("/teams/<int:team_id>/export.csv")
@require_role("supervisor")
def export_team(team_id: int):
    data = _dashboard(_team(team_id))
    response = make_response(metrics.dashboard_csv(data))
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = (
        f"attachment; filename=team-{team_id}-{data['start']}-{data['end']}.csv")
    return response


@bp.get("/api/teams/<int:team_id>/summary")
@require_role("supervisor")
def api_team_summary(team_id: int):
    data = _dashboard(_team(team_id))
    return jsonify({
        "team": data["team"], "from": data["start"].isoformat(), "to": data["end"].isoformat(),
        "total": data["total"], "agents": data["agents"],
        "daily": [{"day": d.isoformat(), **r} for d, r in zip(data["days"], data["daily"],
                                                               strict=True)],
    })


@bp.route("/metrics/import", methods=["GET", "POST"])
@require_role("supervisor")
def import_metrics():
    form = forms.ImportForm()
    report = None
    if form.validate_on_submit():
        raw = form.file.data.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            flash("The file is not UTF-8 text. Save it as CSV (UTF-8) and retry.", "error")
            return render_template("monitoring/import.html", form=form, report=None), 400
        report = metrics.import_metrics_csv(current_user, text)
        if report.ok:
            db.session.commit()
            flash(f"Imported {report.created} new and {report.updated} updated day(s).",
                  "success")
        else:
            db.session.rollback()
            flash(f"Nothing was imported: {len(report.errors)} problem(s) to fix first.", "error")
    status = 400 if form.is_submitted() and (report is None or not report.ok) else 200
    return render_template("monitoring/import.html", form=form, report=report,
                           columns=metrics.COLUMNS), status


@bp.get("/search")
@require_role("supervisor")
def search():
    q = (request.args.get("q") or "").strip()[:80]
    agents, evaluations = [], evaluation_page([])
    if q:
        needle = q.lower()
        agents = [a for a in services.team_agents(current_user)
                  if needle in a.name.lower() or needle in a.email.lower()]
        teams = [t.id for t in db.session.scalars(
            select(Team).where(Team.supervisor_id == current_user.id))]
        evaluations = evaluation_page(db.session.scalars(
            select(Evaluation).where(
                Evaluation.team_id.in_(teams),
                or_(Evaluation.contact_ref.contains(q, autoescape=True),
                    Evaluation.comment.contains(q, autoescape=True)))
            .order_by(Evaluation.contact_date.desc())).all())
        for agent_id in sorted({e.agent_id for e in evaluations}):
            audit.record("view_evaluations", f"user {agent_id} (search)")
        db.session.commit()
    return render_template("monitoring/search.html", q=q, agents=agents,
                           evaluations=evaluations)
