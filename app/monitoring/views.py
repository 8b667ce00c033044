"""Supervisor home, live evaluations and the agent's own view of them."""

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from app import audit
from app.extensions import db
from app.monitoring import bp, forms, services, training_gate
from app.monitoring.evaluation_list import evaluation_page
from app.monitoring.models import Evaluation, select_evaluations_for
from app.monitoring.scorecards import load_scorecards
from app.orm import utcnow
from app.pdf import render_pdf
from app.security import get_or_404_for, require_role


@bp.get("/")
@require_role("supervisor")
def index():
    return render_template("monitoring/index.html", teams=services.team_overview(current_user))


@bp.get("/agents/<int:agent_id>")
@require_role("supervisor")
def view_agent(agent_id: int):
    agent = services.agent_for(current_user, agent_id)
    if agent is None:
        audit.record("denied", f"agent {agent_id}", commit=True)
        abort(404)
    audit.record("view_evaluations", f"user {agent.id}")
    db.session.commit()
    evaluations = db.session.scalars(select_evaluations_for(agent.id)).all()
    evaluations = evaluation_page([e for e in evaluations if e.visible_to(current_user)])
    completion = training_gate.training_completion([agent.id])[agent.id]
    period = services.block_for(agent, utcnow().date())
    return render_template("monitoring/agent.html", agent=agent, evaluations=evaluations,
                           completion=completion, period=period)


@bp.route("/evaluations/new", methods=["GET", "POST"])
@require_role("supervisor")
def new_evaluation():
    cards = load_scorecards()
    agents = services.team_agents(current_user)
    card = cards.get(request.values.get("scorecard_id", ""))
    agent_id = request.values.get("agent_id", type=int)
    agent = services.agent_for(current_user, agent_id) if agent_id else None
    if agent_id and agent is None:
        audit.record("denied", f"agent {agent_id}", commit=True)
        abort(404)
    if card is None or agent is None:
        return render_template("monitoring/choose.html", cards=cards, agents=agents,
                               agent_id=agent_id)
    period = services.block_for(agent, utcnow().date())
    if period is not None:
        message = services.training_block_message(agent.name, period)
        return render_template("monitoring/blocked.html", agent=agent, message=message), 409
    form = forms.evaluation_form(card, [(a.id, a.name) for a in agents], agent_id=agent.id)
    if form.validate_on_submit():
        answers, notes = forms.collect_answers(form, card)
        data = services.EvaluationInput(
            agent_id=form.agent_id.data, scorecard=card, contact_ref=form.contact_ref.data,
            channel=form.channel.data, contact_date=form.contact_date.data, answers=answers,
            notes=notes, comment=form.comment.data or "")
        try:
            evaluation = services.record_evaluation(current_user, data)
        except services.MonitoringError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(f"Evaluation recorded for {evaluation.agent.name}.", "success")
            return redirect(url_for("monitoring.view_evaluation", evaluation_id=evaluation.id))
    status = 400 if form.is_submitted() else 200
    return render_template("monitoring/evaluate.html", form=form, card=card, agent=agent,
                           answer_field=forms.answer_field, note_field=forms.note_field), status


def _load(evaluation_id: int) -> Evaluation:
    evaluation = get_or_404_for(current_user, Evaluation, evaluation_id)
    if evaluation.agent_id != current_user.id:
        audit.record("view_evaluations", f"user {evaluation.agent_id}")
        db.session.commit()
    return evaluation


@bp.get("/evaluations/<int:evaluation_id>")
@require_role("supervisor", "employee")
def view_evaluation(evaluation_id: int):
    evaluation = _load(evaluation_id)
    return render_template("monitoring/evaluation.html", e=evaluation,
                           reply_form=forms.ReplyForm(), resolve_form=forms.ResolveForm())


@bp.get("/evaluations/<int:evaluation_id>/pdf")
@require_role("supervisor", "employee")
def evaluation_pdf(evaluation_id: int):
    evaluation = _load(evaluation_id)
    response = make_response(render_pdf("monitoring/evaluation_pdf.html", e=evaluation))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f"inline; filename=evaluation-{evaluation.id}.pdf"
    return response


@bp.post("/evaluations/<int:evaluation_id>/reply")
@require_role("employee")
def reply_evaluation(evaluation_id: int):
    evaluation = get_or_404_for(current_user, Evaluation, evaluation_id)
    form = forms.ReplyForm()
    action = request.form.get("action")
    try:
        if not form.validate_on_submit() or action not in ("acknowledge", "dispute"):
            raise services.MonitoringError("Choose to acknowledge or to dispute.")
        if action == "dispute":
            services.dispute(evaluation, current_user, form.text.data or "")
        else:
            services.acknowledge(evaluation, current_user, form.text.data or "")
    except services.MonitoringError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash("Your dispute was sent to your supervisor." if action == "dispute"
              else "Thank you: the evaluation is acknowledged.", "success")
    return redirect(url_for("monitoring.view_evaluation", evaluation_id=evaluation.id))


@bp.post("/evaluations/<int:evaluation_id>/resolve")
@require_role("supervisor")
def resolve_evaluation(evaluation_id: int):
    evaluation = get_or_404_for(current_user, Evaluation, evaluation_id)
    form = forms.ResolveForm()
    try:
        if not form.validate_on_submit():
            raise services.MonitoringError("Write a resolution for the agent.")
        services.resolve_dispute(evaluation, current_user, form.text.data)
    except services.MonitoringError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash("The dispute is resolved; the agent can read your answer.", "success")
    return redirect(url_for("monitoring.view_evaluation", evaluation_id=evaluation.id))


@bp.get("/mine")
@require_role("employee")
def my_evaluations():
    evaluations = db.session.scalars(select_evaluations_for(current_user.id)).all()
    return render_template("monitoring/my_evaluations.html",
                           evaluations=evaluation_page(evaluations))


@bp.get("/scorecards")
@require_role("supervisor", "employee")
def list_scorecards():
    return render_template("monitoring/scorecards.html", cards=load_scorecards())

