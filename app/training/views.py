"""Learner pages: my learning, a course, its steps, knowledge checks, certificates,
and the public certificate verification page."""

from __future__ import annotations

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db, limiter
from app.pdf import render_pdf
from app.security import get_or_404_for, require_role
from app.training import bp, certificates, services
from app.training.certificates import certificate_for
from app.training.courses import CourseView, get_course
from app.training.forms import ActionForm
from app.training.jobs import forward_after_commit
from app.training.models import Certificate, Enrollment, Rotation, select_certificates


def _enrollment(enrollment_id: int) -> tuple[Enrollment, CourseView]:
    enrollment = get_or_404_for(current_user, Enrollment, enrollment_id)
    course = get_course(enrollment.course_uuid)
    if course is None:
        abort(404)
    return enrollment, course


def _step_url(enrollment: Enrollment, step) -> str:
    if step is None:
        return url_for("training.view_course", enrollment_id=enrollment.id)
    return url_for("training.view_step", enrollment_id=enrollment.id, key=step.key)


@bp.get("/")
@require_role("employee")
def my_learning():
    return render_template(
        "training/my_learning.html",
        courses=services.learner_courses(current_user),
        certificates=db.session.scalars(select_certificates(current_user.id)).all(),
        periods=[p for p in services.training_periods_for(current_user.id)
                 if p.end >= date.today()],
        today=date.today(),
    )


@bp.get("/e/<int:enrollment_id>")
@require_role("employee")
def view_course(enrollment_id: int):
    enrollment, course = _enrollment(enrollment_id)
    resume = services.resume_step(enrollment, course)
    return render_template(
        "training/course.html", enrollment=enrollment, course=course, resume=resume,
        states=services.step_states(enrollment, course, resume.key if resume else None),
        certificate=certificate_for(enrollment), today=date.today(),
    )


@bp.get("/e/<int:enrollment_id>/continue")
@require_role("employee")
def resume_course(enrollment_id: int):
    enrollment, course = _enrollment(enrollment_id)
    return redirect(_step_url(enrollment, services.resume_step(enrollment, course)))


@bp.get("/e/<int:enrollment_id>/s/<key>")
@require_role("employee")
def view_step(enrollment_id: int, key: str):
    enrollment, course = _enrollment(enrollment_id)
    try:
        step = services.open_step(current_user, enrollment, course, key)
    except services.TrainingError:
        abort(404)
    db.session.commit()
    forward_after_commit()
    last = services.last_attempt(enrollment, step.ref) if step.kind == "check" else None
    return render_template(
        "training/step.html", enrollment=enrollment, course=course, step=step, form=ActionForm(),
        done=step.key in services.done_keys(enrollment), last_attempt=last,
        states=services.step_states(enrollment, course, step.key),
    )


@bp.post("/e/<int:enrollment_id>/s/<key>/done")
@require_role("employee")
def complete_step(enrollment_id: int, key: str):
    enrollment, course = _enrollment(enrollment_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        completed = services.complete_step(current_user, enrollment, course, key)
    except services.TrainingError as exc:
        flash(str(exc), "error")
        return redirect(url_for("training.view_course", enrollment_id=enrollment.id))
    db.session.commit()
    forward_after_commit()
    if completed:
        flash(f"You completed {course.title}. Your certificate is ready.", "success")
        return redirect(url_for("training.view_course", enrollment_id=enrollment.id))
    return redirect(_step_url(enrollment, services.next_step_after(enrollment, course, key)))


@bp.post("/e/<int:enrollment_id>/checks/<check_id>")
@require_role("employee")
def submit_check(enrollment_id: int, check_id: str):
    enrollment, course = _enrollment(enrollment_id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    answers = {k[2:]: request.form.getlist(k) for k in request.form if k.startswith("q-")}
    try:
        result = services.submit_check(current_user, enrollment, course, check_id, answers)
    except services.TrainingError as exc:
        flash(str(exc), "error")
        return redirect(url_for("training.view_step", enrollment_id=enrollment.id,
                                key=f"check:{check_id}"))
    db.session.commit()
    forward_after_commit()
    key = f"check:{check_id}"
    return render_template(
        "training/check_result.html", enrollment=enrollment, course=course, result=result,
        step=course.step(key), next_step=services.next_step_after(enrollment, course, key),
        certificate=certificate_for(enrollment) if result.course_completed else None,
    )


@bp.get("/certificates/<int:certificate_id>.pdf")
@require_role("employee")
def download_certificate(certificate_id: int):
    cert = get_or_404_for(current_user, Certificate, certificate_id)
    verify_url = url_for("training.verify_certificate", code=cert.code, _external=True)
    pdf = render_pdf("training/certificate_pdf.html", cert=cert, verify_url=verify_url)
    filename = f"certificate-{cert.code}.pdf"
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/verify")
@limiter.limit("60 per minute")
def verify_form():
    code = request.args.get("code", "").strip()
    if code:
        return redirect(url_for("training.verify_certificate", code=code[:64]))
    return render_template("training/verify.html", verified=None, code="")


@bp.get("/verify/<code>")
@limiter.limit("60 per minute")
def verify_certificate(code: str):
    verified = certificates.verify_certificate(code)
    status = 200 if verified is not None else 404
    return render_template("training/verify.html", verified=verified, code=code[:64]), status


@bp.get("/my-rotation")
@require_role("employee")
def my_rotation():
    rotations = db.session.scalars(
        select(Rotation).where(Rotation.user_id == current_user.id).order_by(Rotation.start)
    ).all()
    return render_template("training/my_rotation.html", rotations=rotations, today=date.today())
