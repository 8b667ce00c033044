"""Trainer, admin and HR/supervisor pages: cohorts, enrollment, reminders, rotation
planning and the completion overview (completion only: done / due / overdue)."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.identity.models import Cohort, Team, User
from app.paging import paginate
from app.security import get_or_404_for, require_role
from app.training import bp, cohorts, imports, reminders, rotations, services
from app.training.courses import get_course, list_courses
from app.training.forms import ActionForm, EnrollCohortForm, PlanForm, UploadForm
from app.training.planner import monday_of
from app.training.status import completion_status_for

MANAGERS = ("trainer", "admin")


def _enroll_form() -> EnrollCohortForm:
    form = EnrollCohortForm()
    form.cohort_id.choices = [(c.id, c.name) for c in cohorts.cohorts_for(current_user)]
    form.course_uuid.choices = [(c.uuid, c.title) for c in list_courses()]
    return form


def _render_cohorts(form: EnrollCohortForm, status: int = 200):
    mine = paginate(cohorts.cohorts_for(current_user), per_page=10,
                    sorts={"name": lambda c: c.name.lower()})
    progress = {c.id: cohorts.cohort_progress(c) for c in mine}
    return render_template("training/trainer_home.html", cohorts=mine, progress=progress,
                           form=form, action=ActionForm(), upload=UploadForm()), status


@bp.get("/cohorts")
@require_role("trainer")
def trainer_home():
    return _render_cohorts(_enroll_form())


@bp.get("/cohorts/all")
@require_role("admin")
def all_cohorts():
    return _render_cohorts(_enroll_form())


@bp.post("/cohorts/enroll")
@require_role(*MANAGERS)
def enroll_cohort():
    form = _enroll_form()
    if not form.validate_on_submit():
        flash("Choose a cohort and a course (and a valid due date, if any).", "error")
        return _render_cohorts(form, 400)
    cohort = get_or_404_for(current_user, Cohort, form.cohort_id.data)
    course = get_course(form.course_uuid.data)
    try:
        if course is None:
            raise services.TrainingError("That course does not exist (any more).")
        enrolled = services.enroll_cohort(cohort, course, form.due_date.data,
                                          form.due_reason.data or None, current_user)
    except services.TrainingError as exc:
        flash(str(exc), "error")
        return _render_cohorts(form, 400)
    db.session.commit()
    flash(f"{len(enrolled)} learner(s) of {cohort.name} enrolled in {course.title}.", "success")
    return redirect(url_for("training.trainer_home" if current_user.has_role("trainer")
                            else "training.all_cohorts"))


@bp.post("/cohorts/<int:cohort_id>/remind")
@require_role(*MANAGERS)
def remind_cohort(cohort_id: int):
    cohort = get_or_404_for(current_user, Cohort, cohort_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    sent = reminders.send_overdue_reminders(user_ids=cohorts.cohort_member_ids(cohort))
    db.session.commit()
    flash(f"{sent} reminder(s) sent to learners of {cohort.name} with overdue courses.", "info")
    return redirect(url_for("training.trainer_home" if current_user.has_role("trainer")
                            else "training.all_cohorts"))


def _upload_result(report: imports.ImportReport, what: str):
    if report.ok:
        db.session.commit()
        flash(f"{report.saved} {what} saved.", "success")
    else:
        db.session.rollback()
        flash("Nothing was saved: the file has problems listed below.", "error")
    return report


@bp.route("/enrollments/upload", methods=["GET", "POST"])
@require_role(*MANAGERS)
def upload_enrollments():
    form, report = UploadForm(), None
    if form.validate_on_submit():
        report = _upload_result(
            imports.import_enrollments(form.file.data.read(), current_user), "enrollment(s)"
        )
    status = 400 if report is not None and not report.ok or form.errors else 200
    return render_template("training/upload.html", form=form, report=report, kind="enrollments",
                           title="Upload an enrollment list"), status


@bp.route("/rotations/blocked", methods=["GET", "POST"])
@require_role(*MANAGERS)
def upload_blocked_dates():
    form, report = UploadForm(), None
    if form.validate_on_submit():
        report = _upload_result(imports.import_blocked_dates(form.file.data.read()),
                                "blocked date(s)")
    status = 400 if report is not None and not report.ok or form.errors else 200
    return render_template("training/upload.html", form=form, report=report, kind="blocked",
                           title="Upload blocked dates"), status


def _date_arg(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


def _plan_form() -> PlanForm:
    form = PlanForm()
    teams = db.session.scalars(select(Team).order_by(Team.name)).all()
    form.team_ids.choices = [(t.id, t.name) for t in teams]
    if not form.is_submitted():
        form.start.data = _date_arg("start") or monday_of(date.today()) + timedelta(weeks=1)
        form.team_ids.data = [t.id for t in teams]
    return form


def _render_rotations(form: PlanForm, plan=None, status: int = 200):
    start = form.start.data or monday_of(date.today())
    teams, weeks = rotations.calendar(start, form.weeks.data or 12)
    names = {}
    if plan is not None:
        ids = [a.employee_id for a in plan.assignments] + list(plan.unplaced)
        names = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))}
    return render_template("training/rotations.html", form=form, teams=teams, weeks=weeks,
                           plan=plan, names=names), status


@bp.get("/rotations")
@require_role(*MANAGERS)
def rotation_calendar():
    return _render_rotations(_plan_form())


@bp.post("/rotations")
@require_role(*MANAGERS)
def plan_rotations():
    form = _plan_form()
    if not form.validate_on_submit():
        flash("The plan settings have problems; see the form.", "error")
        return _render_rotations(form, status=400)
    request_ = rotations.PlanRequest(form.start.data, form.weeks.data, form.seats_per_week.data,
                                     tuple(form.team_ids.data), form.max_per_department.data)
    try:
        plan = rotations.make_plan(request_)
    except (rotations.PlanError, ValueError) as exc:
        flash(str(exc), "error")
        return _render_rotations(form, status=400)
    if form.save.data:
        saved = rotations.save_plan(plan)
        db.session.commit()
        flash(f"{len(saved)} rotation(s) saved, each with a training period.", "success")
        return redirect(url_for("training.rotation_calendar"))
    return _render_rotations(form, plan)


@bp.get("/rotations.csv")
@require_role(*MANAGERS)
def export_rotations():
    return Response(rotations.rotations_csv(), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="rotations.csv"'})


@bp.get("/completion")
@require_role("supervisor", "recruiter", "admin")
def completion_overview():
    people = cohorts.people_for_completion(current_user)
    status = completion_status_for([u.id for u in people])
    return render_template("training/completion.html", people=people, status=status)
