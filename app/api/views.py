"""JSON endpoints for an ATS or HRIS: openings, invitations, candidate status and
scores, PDF report batches, employees and their training completion."""

from __future__ import annotations

from typing import Any

from flask import Response, g, jsonify, request, url_for

from app.api import batches, bp, services
from app.api.auth import token_required
from app.api.errors import ApiError
from app.api.models import ReportBatch
from app.extensions import db
from app.hiring import services as hiring
from app.hiring.catalog import CatalogError
from app.hiring.models import Invitation, JobOpening, select_invitations_for, select_openings_for
from app.identity.models import User
from app.jobs import enqueue
from app.security import get_or_404_for

HR = ("recruiter", "admin")


def body() -> dict[str, Any]:
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise ApiError("Send a JSON object (Content-Type: application/json).", None, 400)
    return payload


def text(payload: dict[str, Any], field: str, max_len: int, required: bool = True) -> str | None:
    value = payload.get(field)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ApiError(f"'{field}' is required and must be non-empty text.", field, 422)
    if len(value) > max_len:
        raise ApiError(f"'{field}' must be at most {max_len} characters.", field, 422)
    return value.strip()


@bp.get("/openings")
@token_required(*HR)
def list_openings():  # noqa: ANN201
    rows = db.session.scalars(select_openings_for(g.api_user))
    return jsonify(openings=[services.opening_json(o) for o in rows])


@bp.post("/openings")
@token_required(*HR)
def create_opening():  # noqa: ANN201
    payload = body()
    title, profile = text(payload, "title", 160), text(payload, "job_profile", 120)
    try:
        opening = hiring.create_opening(g.api_user.user, title, profile)
    except CatalogError as exc:
        raise ApiError(str(exc), "job_profile", 422) from None
    db.session.commit()
    return jsonify(services.opening_json(opening)), 201


@bp.get("/openings/<int:opening_id>")
@token_required(*HR)
def show_opening(opening_id: int):  # noqa: ANN201
    return jsonify(services.opening_json(get_or_404_for(g.api_user, JobOpening, opening_id)))


@bp.get("/openings/<int:opening_id>/invitations")
@token_required(*HR)
def list_invitations(opening_id: int):  # noqa: ANN201
    opening = get_or_404_for(g.api_user, JobOpening, opening_id)
    stmt = select_invitations_for(g.api_user).where(Invitation.opening_id == opening.id)
    invitations = db.session.scalars(stmt).all()
    for inv in invitations:
        if inv.attempt is not None:
            hiring.close_if_overdue(inv.attempt)
    rows = [services.invitation_json(i) for i in invitations]
    db.session.commit()  # attempts that timed out were closed and scored
    return jsonify(invitations=rows)


@bp.post("/openings/<int:opening_id>/invitations")
@token_required(*HR)
def create_invitation(opening_id: int):  # noqa: ANN201
    opening = get_or_404_for(g.api_user, JobOpening, opening_id)
    payload = body()
    name, email = text(payload, "name", 120), text(payload, "email", 254)
    factor = text(payload, "time_factor", 12, required=False) or "1"
    if "@" not in email:
        raise ApiError("'email' must be an e-mail address.", "email", 422)
    try:
        invitation, raw = hiring.invite_candidate(opening, name, email, factor)
    except hiring.HiringError as exc:
        field = "time_factor" if "Extra time" in str(exc) else "email"
        raise ApiError(str(exc), field, 422) from None
    db.session.commit()
    out = services.invitation_json(invitation)
    out["link"] = url_for("identity.redeem_invitation", token=raw, _external=True)
    return jsonify(out), 201


@bp.get("/invitations/<int:invitation_id>")
@token_required(*HR)
def show_invitation(invitation_id: int):  # noqa: ANN201
    invitation = get_or_404_for(g.api_user, Invitation, invitation_id)
    if invitation.attempt is not None:
        hiring.close_if_overdue(invitation.attempt)
    out = services.invitation_json(invitation)
    db.session.commit()  # an attempt that timed out was closed and scored
    return jsonify(out)


@bp.post("/openings/<int:opening_id>/report-batches")
@token_required(*HR)
def create_report_batch(opening_id: int):  # noqa: ANN201
    opening = get_or_404_for(g.api_user, JobOpening, opening_id)
    batch = batches.start_batch(g.api_user.id, opening)
    db.session.commit()
    enqueue(batches.render_report_batch, batch.id)
    db.session.refresh(batch)
    return jsonify(batches.batch_json(batch)), 202


@bp.get("/report-batches/<int:batch_id>")
@token_required(*HR)
def show_report_batch(batch_id: int):  # noqa: ANN201
    return jsonify(batches.batch_json(get_or_404_for(g.api_user, ReportBatch, batch_id)))


@bp.get("/report-batches/<int:batch_id>/archive")
@token_required(*HR)
def download_report_batch(batch_id: int):  # noqa: ANN201
    batch = get_or_404_for(g.api_user, ReportBatch, batch_id)
    if batch.status != "done" or batch.archive is None:
        raise ApiError("The batch has not finished yet; poll its status.", None, 409)
    return Response(batch.archive, mimetype="application/zip", headers={
        "Content-Disposition": f"attachment; filename=reports-{batch.opening_id}.zip"})


@bp.post("/employees")
@token_required("admin")
def import_employees():  # noqa: ANN201
    created = services.import_employees(body().get("employees"))
    db.session.commit()
    return jsonify(created=[{"id": u.id, "email": u.email} for u in created]), 201


@bp.get("/employees/<int:user_id>/training")
@token_required("admin", "supervisor", "recruiter")
def show_training(user_id: int):  # noqa: ANN201
    from app.training.services import completion_status_for

    employee = db.session.get(User, user_id)
    if employee is None or not services.employee_visible_to(employee, g.api_user):
        raise ApiError("No such employee, or not one you may see.", "user_id", 404)
    rows = completion_status_for([employee.id])[employee.id]
    return jsonify(user_id=employee.id, courses=[
        {"course": r.course_title, "status": r.status,
         "due_date": r.due_date.isoformat() if r.due_date else None,
         "completed_on": r.completed_on.isoformat() if r.completed_on else None}
        for r in rows])
