"""Recruiter pages: openings, invitations, the pipeline, candidate pages, reports."""

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import audit
from app.csv_io import CsvError
from app.extensions import db
from app.hiring import bp, decisions, mailing, ratings, services
from app.hiring.catalog import CatalogError, current_catalog, setup_for
from app.hiring.forms import (
    ActionForm,
    DecisionForm,
    ExtendForm,
    ImportForm,
    InvitationMailForm,
    InviteForm,
    OpeningForm,
    PipelineFilterForm,
    TimeFactorForm,
    WorkRatingForm,
)
from app.hiring.imports import import_invitations
from app.hiring.models import STAGE_LABELS, STAGES, Invitation, JobOpening, select_openings_for
from app.hiring.pipeline import pipeline_csv, pipeline_rows
from app.hiring.report import candidate_report_context, render_candidate_pdf
from app.mail import MAIL_FRAME_HEADERS, MailError, check_header, messages_for
from app.paging import paginate
from app.security import get_or_404_for, require_role


def _filters() -> PipelineFilterForm:
    form = PipelineFilterForm(request.args)
    openings = db.session.scalars(select_openings_for(current_user)).all()
    form.opening.choices = [("", "All openings")] + [(str(o.id), o.title) for o in openings]
    form.stage.choices = [("", "All stages")] + [(s, STAGE_LABELS[s]) for s in STAGES]
    return form


def _rows(form: PipelineFilterForm) -> list:
    opening = int(form.opening.data) if (form.opening.data or "").isdigit() else None
    stage = form.stage.data if form.stage.data in STAGES else None
    return pipeline_rows(current_user, opening, stage, form.q.data)


@bp.get("/hiring/")
@require_role("recruiter", "admin")
def index():
    form = _filters()
    rows = paginate(_rows(form), sorts={
        "rank": lambda r: r.rank, "name": lambda r: r.invitation.candidate.name.lower(),
        "stage": lambda r: STAGES.index(r.stage) if r.stage in STAGES else len(STAGES),
        "flags": lambda r: r.flags,
    })
    return render_template("hiring/index.html", rows=rows, form=form)


@bp.get("/hiring/pipeline.csv")
@require_role("recruiter", "admin")
def export_pipeline():
    rows = _rows(_filters())
    audit.record("export", "pipeline CSV", commit=True)
    return Response(pipeline_csv(rows), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=pipeline.csv"})


@bp.route("/hiring/openings", methods=["GET", "POST"])
@require_role("recruiter", "admin")
def list_openings():
    form = OpeningForm()
    form.job_profile.choices = [(p.id, p.title) for p in current_catalog().job_profiles.values()]
    if form.validate_on_submit():
        try:
            opening = services.create_opening(current_user, form.title.data, form.job_profile.data)
        except CatalogError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(f"Opening “{opening.title}” created. Invite candidates below.", "success")
            return redirect(url_for("hiring.show_opening", opening_id=opening.id))
    openings = db.session.scalars(select_openings_for(current_user)).all()
    return render_template("hiring/openings.html", openings=openings, form=form)


@bp.get("/hiring/openings/<int:opening_id>")
@require_role("recruiter", "admin")
def show_opening(opening_id: int):
    opening = get_or_404_for(current_user, JobOpening, opening_id)
    return render_template("hiring/opening.html", opening=opening, invite_form=InviteForm(),
                           import_form=ImportForm(), rows=pipeline_rows(current_user, opening.id),
                           new_links=[])


@bp.post("/hiring/openings/<int:opening_id>/invite")
@require_role("recruiter", "admin")
def invite_candidate(opening_id: int):
    opening = get_or_404_for(current_user, JobOpening, opening_id)
    form = InviteForm()
    links, status = [], 400
    if form.validate_on_submit():
        try:
            invitation, raw = services.invite_candidate(
                opening, form.name.data, form.email.data, form.time_factor.data
            )
            mailing.queue_invitation(invitation, _link(raw))
        except (services.HiringError, MailError) as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            links, status = [(invitation, _link(raw))], 200
            flash(f"Invitation created for {invitation.candidate.email}.", "success")
    return render_template("hiring/opening.html", opening=opening, invite_form=form,
                           import_form=ImportForm(), rows=pipeline_rows(current_user, opening.id),
                           new_links=links, mailed=True), status


@bp.post("/hiring/openings/<int:opening_id>/import")
@require_role("recruiter", "admin")
def import_candidates(opening_id: int):
    opening = get_or_404_for(current_user, JobOpening, opening_id)
    form = ImportForm()
    links, errors = [], []
    if form.validate_on_submit():
        try:
            result = import_invitations(opening, form.file.data.read())
            errors = result.errors
            links = [(inv, _link(raw)) for inv, raw in result.invited]
            if form.send_mail.data and not errors:
                for invitation, link in links:
                    mailing.queue_invitation(invitation, link)
        except (CsvError, MailError) as exc:
            errors = [str(exc)]
        if errors:
            db.session.rollback()
        else:
            db.session.commit()
    else:
        errors = ["Choose a CSV file to upload."]
    if errors:
        links = []
        flash("Nothing was imported. Fix the rows below and upload the file again.", "error")
    else:
        mailed = " and e-mailed their links" if form.send_mail.data else ""
        flash(f"{len(links)} candidates invited{mailed}.", "success")
    return render_template("hiring/opening.html", opening=opening, invite_form=InviteForm(),
                           import_form=form, rows=pipeline_rows(current_user, opening.id),
                           new_links=links, import_errors=errors,
                           mailed=bool(form.send_mail.data)), 400 if errors else 200


def _link(raw: str) -> str:
    return mailing.link_for(raw)


@bp.route("/hiring/openings/<int:opening_id>/mail", methods=["GET", "POST"])
@require_role("recruiter", "admin")
def invitation_mail(opening_id: int):
    """Edit the invitation e-mail of one opening, with a preview of what candidates get."""
    opening = get_or_404_for(current_user, JobOpening, opening_id)
    form = InvitationMailForm(subject=opening.mail_subject, intro=opening.mail_intro)
    status = 200
    if form.is_submitted():
        if not form.validate():
            status = 400
        elif request.form.get("action") == "save":
            try:
                subject = check_header(form.subject.data.strip(), "subject") or None
            except MailError as exc:
                form.subject.errors.append(str(exc))
                status = 400
            else:
                opening.mail_subject, opening.mail_intro = subject, form.intro.data.strip() or None
                db.session.commit()
                flash("Invitation e-mail saved; new invitations use it.", "success")
                return redirect(url_for("hiring.invitation_mail", opening_id=opening.id))
    subject, text, _ = mailing.preview_invitation(opening, form.subject.data, form.intro.data)
    return render_template("hiring/invitation_mail.html", opening=opening, form=form,
                           preview_subject=subject, preview_text=text,
                           defaults=(mailing.DEFAULT_SUBJECT, mailing.DEFAULT_INTRO)), status


@bp.get("/hiring/openings/<int:opening_id>/mail/preview")
@require_role("recruiter", "admin")
def invitation_mail_preview(opening_id: int):
    opening = get_or_404_for(current_user, JobOpening, opening_id)
    _, _, html = mailing.preview_invitation(opening, request.args.get("subject", "")[:200],
                                            request.args.get("intro", "")[:2000])
    return Response(html, mimetype="text/html", headers=MAIL_FRAME_HEADERS)


@bp.get("/hiring/candidates/<int:invitation_id>")
@require_role("recruiter", "admin")
def show_candidate(invitation_id: int):
    invitation = get_or_404_for(current_user, Invitation, invitation_id)
    services.close_on_read(invitation.attempt)
    audit.record("view", f"candidate {invitation.candidate_id} results", commit=True)
    return render_template(
        "hiring/candidate.html", inv=invitation, decision_form=DecisionForm(),
        action_form=ActionForm(), extend_form=ExtendForm(), rating_form=WorkRatingForm(),
        time_form=TimeFactorForm(time_factor=invitation.time_factor),
        mail_messages=messages_for(mailing.invitation_ref(invitation)),
        base_seconds=setup_for(invitation.opening.job_profile).instrument.time_limit_seconds,
        **candidate_report_context(invitation),
    )


@bp.post("/hiring/candidates/<int:invitation_id>/<action>")
@require_role("recruiter", "admin")
def act_on_candidate(invitation_id: int, action: str):
    invitation = get_or_404_for(current_user, Invitation, invitation_id)
    forms = {"decide": DecisionForm, "extend": ExtendForm, "time": TimeFactorForm,
             "rate": WorkRatingForm}
    form = forms.get(action, ActionForm)()
    if not form.validate_on_submit():
        flash("; ".join(e for errs in form.errors.values() for e in errs), "error")
        return redirect(url_for("hiring.show_candidate", invitation_id=invitation.id))
    try:
        message = _apply(action, invitation, form)
    except services.HiringError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(message, "success")
    return redirect(url_for("hiring.show_candidate", invitation_id=invitation.id))


def _apply(action: str, invitation: Invitation, form) -> str:
    if action == "resend":
        link = _link(services.resend_invitation(invitation))
        mailing.queue_invitation(invitation, link)
        return (f"A new link is on its way to {invitation.candidate.email}; old links no "
                f"longer work. The link: {link}")
    if action == "revoke":
        services.revoke_invitation(invitation)
        return "Invitation revoked; the link no longer works."
    if action == "extend":
        services.extend_invitation(invitation, form.days.data)
        return f"Invitation now valid until {invitation.expires_at:%Y-%m-%d}."
    if action == "time":
        services.set_time_factor(invitation, form.time_factor.data)
        return f"Time allowed set to {services.ALLOWED_FACTORS[form.time_factor.data]}."
    if action == "decide":
        decisions.decide(invitation, current_user, form.decision.data, form.reason.data)
        return "Decision recorded."
    if action == "rate":
        rating = ratings.rate_work_sample(invitation, current_user, form.item_id.data,
                                          int(form.overall.data), form.note.data)
        audit.record("rate", f"candidate {invitation.candidate_id} work sample")
        return (f"Your rating {rating.overall}/5 is recorded and now counts in the composite "
                f"(automatic score {rating.automatic}/5).")
    if action == "hire":
        user = decisions.hire(invitation, current_user)
        return (f"Hired and enrolled in onboarding. A welcome e-mail with a link to set a "
                f"password is on its way to {user.email}.")
    raise services.HiringError("Unknown action.")


@bp.get("/hiring/candidates/<int:invitation_id>/report.pdf")
@require_role("recruiter", "admin")
def candidate_report(invitation_id: int):
    invitation = get_or_404_for(current_user, Invitation, invitation_id)
    if invitation.attempt is None or invitation.attempt.status != "scored":
        flash("The report is available once the candidate has completed the test.", "error")
        return redirect(url_for("hiring.show_candidate", invitation_id=invitation.id))
    audit.record("export", f"candidate {invitation.candidate_id} PDF", commit=True)
    pdf = render_candidate_pdf(invitation)
    name = f"candidate-{invitation.id}.pdf"
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f"inline; filename={name}"})
