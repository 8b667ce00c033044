"""JSON endpoints for an ATS or HRIS: openings, invitations, candidate status and
scores, PDF report batches, employees and their training completion."""

from __future__ import annotations

from flask import Response, g, url_for

from app.api import batches, bp, schemas, services
from app.api.errors import ApiError
from app.api.models import ReportBatch
from app.api.openapi import operation
from app.extensions import db
from app.hiring import mailing
from app.hiring import services as hiring
from app.hiring.catalog import CatalogError
from app.hiring.models import Invitation, JobOpening, select_invitations_for, select_openings_for
from app.identity.models import User
from app.jobs import enqueue
from app.mail import MailError
from app.security import get_or_404_for

HR = ("recruiter", "admin")


@bp.get("/openings")
@operation(*HR, ok=schemas.Openings)
def list_openings():
    """List your job openings"""
    rows = db.session.scalars(select_openings_for(g.api_user))
    return schemas.Openings(openings=[schemas.Opening.model_validate(o) for o in rows])


@bp.post("/openings")
@operation(*HR, ok=schemas.Opening, status=201, json=schemas.NewOpening)
def create_opening(json: schemas.NewOpening):
    """Create a job opening"""
    try:
        opening = hiring.create_opening(g.api_user.user, json.title, json.job_profile)
    except CatalogError as exc:
        raise ApiError(str(exc), "job_profile", 422) from None
    db.session.commit()
    return schemas.Opening.model_validate(opening), 201


@bp.get("/openings/<int:opening_id>")
@operation(*HR, ok=schemas.Opening)
def show_opening(opening_id: int):
    """One opening"""
    return schemas.Opening.model_validate(get_or_404_for(g.api_user, JobOpening, opening_id))


@bp.get("/openings/<int:opening_id>/invitations")
@operation(*HR, ok=schemas.Invitations)
def list_invitations(opening_id: int):
    """Candidates of an opening with status and scores"""
    opening = get_or_404_for(g.api_user, JobOpening, opening_id)
    stmt = select_invitations_for(g.api_user).where(Invitation.opening_id == opening.id)
    invitations = db.session.scalars(stmt).all()
    for inv in invitations:
        hiring.close_on_read(inv.attempt)  # writes (apart) only for an attempt past its time
    return schemas.Invitations(invitations=[schemas.Invitation.of(i) for i in invitations])


@bp.post("/openings/<int:opening_id>/invitations")
@operation(*HR, ok=schemas.CreatedInvitation, status=201, json=schemas.NewInvitation)
def create_invitation(opening_id: int, json: schemas.NewInvitation):
    """Invite a candidate (returns the one-time link)"""
    opening = get_or_404_for(g.api_user, JobOpening, opening_id)
    try:
        invitation, raw = hiring.invite_candidate(opening, json.name, json.email,
                                                  json.time_factor)
        link = url_for("identity.redeem_invitation", token=raw, _external=True)
        if json.send_email:
            mailing.queue_invitation(invitation, link)
    except hiring.HiringError as exc:
        field = "time_factor" if "Extra time" in str(exc) else "email"
        raise ApiError(str(exc), field, 422) from None
    except MailError as exc:
        raise ApiError(str(exc), exc.field, 422) from None
    db.session.commit()
    return schemas.CreatedInvitation.of(invitation, link=link), 201


@bp.get("/invitations/<int:invitation_id>")
@operation(*HR, ok=schemas.Invitation)
def show_invitation(invitation_id: int):
    """Candidate status and scores"""
    invitation = get_or_404_for(g.api_user, Invitation, invitation_id)
    hiring.close_on_read(invitation.attempt)
    return schemas.Invitation.of(invitation)


@bp.post("/openings/<int:opening_id>/report-batches")
@operation(*HR, ok=schemas.ReportBatch, status=202)
def create_report_batch(opening_id: int):
    """Render every finished candidate's PDF report in the background"""
    opening = get_or_404_for(g.api_user, JobOpening, opening_id)
    batch = batches.start_batch(g.api_user.id, opening)
    db.session.commit()
    enqueue(batches.render_report_batch, batch.id)
    db.session.refresh(batch)
    return schemas.ReportBatch.model_validate(batch), 202


@bp.get("/report-batches/<int:batch_id>")
@operation(*HR, ok=schemas.ReportBatch)
def show_report_batch(batch_id: int):
    """Progress of a report batch"""
    return schemas.ReportBatch.model_validate(get_or_404_for(g.api_user, ReportBatch, batch_id))


@bp.get("/report-batches/<int:batch_id>/archive")
@operation(*HR, ok=None, extra=(409,))
def download_report_batch(batch_id: int):
    """The finished batch as a ZIP of PDFs"""
    batch = get_or_404_for(g.api_user, ReportBatch, batch_id)
    if batch.status != "done" or batch.archive is None:
        raise ApiError("The batch has not finished yet; poll its status.", None, 409)
    return Response(batch.archive, mimetype="application/zip", headers={
        "Content-Disposition": f"attachment; filename=reports-{batch.opening_id}.zip"})


@bp.post("/employees")
@operation("admin", ok=schemas.CreatedEmployees, status=201, json=schemas.NewEmployees)
def import_employees(json: schemas.NewEmployees):
    """Import employees (all or nothing)"""
    created = services.import_employees(json.employees)
    db.session.commit()
    return schemas.CreatedEmployees(
        created=[schemas.CreatedEmployee.model_validate(u) for u in created]), 201


@bp.get("/employees/<int:user_id>/training")
@operation("admin", "supervisor", "recruiter", ok=schemas.Training)
def show_training(user_id: int):
    """Training completion (done / due / overdue only)"""
    from app.training.services import completion_status_for

    employee = db.session.get(User, user_id)
    if employee is None or not services.employee_visible_to(employee, g.api_user):
        raise ApiError("No such employee, or not one you may see.", "user_id", 404)
    rows = completion_status_for([employee.id])[employee.id]
    return schemas.Training(user_id=employee.id, courses=[
        schemas.CourseStatus(course=r.course_title, status=r.status, due_date=r.due_date,
                             completed_on=r.completed_on) for r in rows])
