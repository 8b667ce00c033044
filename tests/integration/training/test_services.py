from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.identity import services as identity
from app.mail import MailMessage
from app.training import reminders, services, xapi
from app.training.certificates import certificate_for, normalize_code, verify_certificate
from app.training.models import CheckAttempt, TrainingPeriod, XapiStatement
from tests.integration.training.conftest import RIGHT, WRONG


def _finish_all_but_check(user, enrollment, course):
    for step in course.steps:
        if step.kind != "check":
            services.complete_step(user, enrollment, course, step.key)


def test_new_hire_is_enrolled_in_onboarding_with_a_training_period(create_user, course):
    user = create_user("employee")
    enrollments = services.enroll_new_hire(user)
    assert [e.course_uuid for e in enrollments] == [course.uuid]
    assert services.enroll_new_hire(user)[0].id == enrollments[0].id  # idempotent
    periods = services.training_periods_for(user.id)
    assert len(periods) == 1 and periods[0].reason == "Onboarding"
    assert periods[0].start == date.today()
    assert services.in_training_period(user.id, periods[0].start) == periods[0]
    assert services.in_training_period(user.id, periods[0].end) == periods[0]
    assert services.in_training_period(user.id, periods[0].end + timedelta(days=1)) is None
    assert services.in_training_period(user.id, periods[0].start - timedelta(days=1)) is None


def test_resume_goes_to_the_step_last_opened(create_user, course):
    user = create_user("employee")
    enrollment = services.enroll(user, course)
    assert services.resume_step(enrollment, course).key == "lesson:welcome"
    services.complete_step(user, enrollment, course, "lesson:welcome")
    services.open_step(user, enrollment, course, "lesson:listening")
    assert services.resume_step(enrollment, course).key == "lesson:listening"
    [lc] = services.learner_courses(user)
    assert (lc.done, lc.total, lc.percent) == (1, 4, 25)


def test_check_gives_explained_feedback_and_allows_retry(create_user, course):
    user = create_user("employee")
    enrollment = services.enroll(user, course)
    failed = services.submit_check(user, enrollment, course, "basics-check", WRONG)
    assert not failed.passed and failed.score == 0.0
    assert failed.feedback[0].chosen[0]["explanation"].startswith("Talking first")
    assert "check:basics-check" not in services.done_keys(enrollment)
    passed = services.submit_check(user, enrollment, course, "basics-check", RIGHT)
    assert passed.passed and passed.score == 1.0
    assert "check:basics-check" in services.done_keys(enrollment)
    attempts = db.session.scalars(select(CheckAttempt)).all()
    assert [a.passed for a in attempts] == [False, True]


@pytest.mark.parametrize("answers, message", [
    ({"first": ["a"]}, "answer every question"),
    ({"first": ["a", "b"], "many": ["a"]}, "not one of the options"),
    ({"first": ["zzz"], "many": ["a"]}, "not one of the options"),
])
def test_bad_check_answers_save_nothing(create_user, course, answers, message):
    user = create_user("employee")
    enrollment = services.enroll(user, course)
    with pytest.raises(services.TrainingError, match=message):
        services.submit_check(user, enrollment, course, "basics-check", answers)
    assert db.session.scalars(select(CheckAttempt)).all() == []


def test_a_check_is_not_completed_by_marking_it_done(create_user, course):
    user = create_user("employee")
    enrollment = services.enroll(user, course)
    with pytest.raises(services.TrainingError, match="passing"):
        services.complete_step(user, enrollment, course, "check:basics-check")


def test_completion_issues_a_verifiable_certificate(create_user, course):
    user = create_user("employee", name="Nia Newhire")
    enrollment = services.enroll(user, course)
    _finish_all_but_check(user, enrollment, course)
    result = services.submit_check(user, enrollment, course, "basics-check", RIGHT)
    assert result.course_completed and enrollment.is_completed
    cert = certificate_for(enrollment)
    assert cert.expires_on == date.today() + timedelta(days=30)
    assert len(cert.code.replace("-", "")) == 24  # 120 random bits
    verified = verify_certificate(cert.code.lower().replace("-", " "))
    assert (verified.name, verified.course_title, verified.issued_on) == (
        "Nia Newhire", "Tiny onboarding", date.today())
    tampered = cert.code[:-1] + ("A" if cert.code[-1] != "A" else "B")
    assert verify_certificate(tampered) is None
    assert verify_certificate("<script>") is None and normalize_code("") is None


def test_completion_status_is_done_due_or_overdue_only(create_user, course, skills_course):
    user, other = create_user("employee"), create_user("employee")
    e1 = services.enroll(user, course, date.today() - timedelta(days=1), "Launch")
    services.enroll(user, skills_course, date.today() + timedelta(days=5))
    _finish_all_but_check(other, services.enroll(other, course), course)
    status = services.completion_status_for([user.id, other.id])
    assert [(v.course_title, v.status) for v in status[user.id]] == [
        ("Tiny onboarding", "overdue"), ("Tiny skills", "due")]
    assert status[other.id][0].status == "due"
    services.submit_check(user, e1, course, "basics-check", RIGHT)
    _finish_all_but_check(user, e1, course)
    done = services.completion_status_for([user.id])[user.id][0]
    assert done.status == "done" and done.completed_on == date.today()
    assert set(vars(done)) == {"course_title", "status", "due_date", "completed_on"}
    later = services.completion_status_for([user.id], today=date.today() + timedelta(days=31))
    assert later[user.id][0].status == "overdue"  # the certificate expired


def test_expired_certificate_means_recertification(create_user, course):
    user = create_user("employee")
    enrollment = services.enroll(user, course)
    _finish_all_but_check(user, enrollment, course)
    services.submit_check(user, enrollment, course, "basics-check", RIGHT)
    later = date.today() + timedelta(days=31)
    renewed = reminders.renew_expired_certificates(later)
    assert len(renewed) == 1 and renewed[0].due_reason == "Recertification"
    assert reminders.renew_expired_certificates(later) == []
    assert services.completion_status_for([user.id], today=later)[user.id][0].status == "overdue"


def test_overdue_reminders_mail_each_learner_once_a_day(create_user, course):
    user = create_user("employee")
    services.enroll(user, course, date.today() - timedelta(days=2), "Product launch")
    assert reminders.send_overdue_reminders() == 1
    mail = db.session.scalar(select(MailMessage).where(MailMessage.ref == f"user:{user.id}"))
    assert mail.to_addr == user.email and b"Product launch" in mail.raw
    assert mail.kind == "training_reminder" and mail.status == "queued"
    assert reminders.send_overdue_reminders() == 0


def test_enroll_cohort_and_disabled_users(create_user, course):
    trainer = create_user("trainer")
    a, b = create_user("employee"), create_user("employee")
    cohort = identity.create_cohort("Cohort X", trainer)
    identity.add_to_cohort(cohort, a)
    identity.add_to_cohort(cohort, b)
    identity.set_disabled(b, True)
    enrolled = services.enroll_cohort(cohort, course, date(2030, 1, 1), "Launch", trainer)
    assert [e.user_id for e in enrolled] == [a.id]
    empty = identity.create_cohort("Empty", trainer)
    with pytest.raises(services.TrainingError, match="no learners"):
        services.enroll_cohort(empty, course, None, None, trainer)


def test_xapi_statements_forward_only_public_ones(app, create_user, course):
    user = create_user("employee")
    enrollment = services.enroll(user, course)
    services.open_step(user, enrollment, course, "lesson:welcome")
    services.submit_check(user, enrollment, course, "basics-check", WRONG)
    xapi.record_practice_statement(user, "completed", "shift/1", "Practice shift")
    verbs = {s.verb for s in db.session.scalars(select(XapiStatement))}
    assert {"launched", "answered", "failed"} <= verbs
    sent: list[list[dict]] = []
    app.config["XAPI_FORWARDER"] = sent.append
    try:
        count = xapi.forward_pending()
    finally:
        app.config.pop("XAPI_FORWARDER")
    forwarded = [s for batch in sent for s in batch]
    assert count == len(forwarded) > 0
    assert {s["verb"]["display"]["en-US"] for s in forwarded} == {"launched"}
    assert all("practice" not in s["object"]["id"] for s in forwarded)
    private = db.session.scalars(select(XapiStatement).where(XapiStatement.private)).all()
    assert private and all(s.forwarded_at is None for s in private)


def test_failed_forwarding_keeps_statements_pending(app, create_user, course):
    user = create_user("employee")
    services.open_step(user, services.enroll(user, course), course, "lesson:welcome")

    def broken(statements):
        raise OSError("LRS down")

    app.config["XAPI_FORWARDER"] = broken
    try:
        assert xapi.forward_pending() == 0
    finally:
        app.config.pop("XAPI_FORWARDER")
    assert all(s.forwarded_at is None and s.forward_attempts == 1
               for s in db.session.scalars(select(XapiStatement)))


def test_rotation_plan_saves_training_periods(create_user, course):
    from app.training import rotations

    team = identity.create_team("CS Team A", None)
    people = [create_user("employee", department=d) for d in ("Sales", "Sales", "IT")]
    start = date(2030, 1, 7)
    plan = rotations.make_plan(rotations.PlanRequest(start, 4, 1, (team.id,)))
    assert len(plan.assignments) == 3 and not plan.unplaced
    rotations.save_plan(plan)
    periods = db.session.scalars(select(TrainingPeriod).where(
        TrainingPeriod.source == "rotation")).all()
    assert sorted(p.user_id for p in periods) == sorted(u.id for u in people)
    first = plan.assignments[0]
    view = services.in_training_period(first.employee_id, first.end)
    assert view.reason == "Customer-service rotation"
    csv_text = rotations.rotations_csv()
    assert csv_text.count("\n") == 4 and "CS Team A" in csv_text


def test_employees_already_scheduled_are_not_planned_again(create_user):
    from app.training import rotations

    team = identity.create_team("CS Team B", None)
    a, b = create_user("employee"), create_user("employee")
    start = date(2030, 1, 7)
    first = rotations.make_plan(rotations.PlanRequest(start, 1, 1, (team.id,)))
    rotations.save_plan(first)
    second = rotations.make_plan(rotations.PlanRequest(start, 4, 1, (team.id,)))
    placed = {x.employee_id for x in first.assignments} | {
        x.employee_id for x in second.assignments}
    assert placed == {a.id, b.id} and len(second.assignments) == 1


def test_bad_course_content_is_reported_and_changes_nothing(tmp_path, create_user, course):
    from app.content.loader import sync_content
    from tests.integration.training.conftest import write_courses

    user = create_user("employee")
    enrollment = services.enroll(user, course)
    services.complete_step(user, enrollment, course, "lesson:welcome")
    write_courses(tmp_path)
    check = tmp_path / "courses/tiny-onboarding/checks/basics-check.yaml"
    check.write_text(check.read_text().replace("pass_mark: 1.0", "pass_mark: 2"))
    report = sync_content(tmp_path)
    messages = [str(p) for p in report.problems]
    assert any("basics-check.yaml" in m and "pass_mark" in m for m in messages), messages
    same = services.require_course(course.uuid)
    assert same.check("basics-check")["pass_mark"] == 1.0
    assert [lc.done for lc in services.learner_courses(user)] == [1]


def test_cli_reminds_and_forwards(app, runner, create_user, course):
    user = create_user("employee")
    services.enroll(user, course, date.today() - timedelta(days=1), "Launch")
    services.open_step(user, services.enroll(user, course), course, "lesson:welcome")
    db.session.commit()
    result = runner.invoke(args=["training", "remind"])
    mail = db.session.scalar(select(MailMessage).where(MailMessage.ref == f"user:{user.id}"))
    assert "1 reminder(s) sent" in result.output and mail.to_addr == user.email
    assert mail.status == "sent"  # the command committed, so the message went out
    assert "0 statement(s) forwarded" in runner.invoke(args=["training", "xapi-forward"]).output
    sent: list[dict] = []
    app.config["XAPI_FORWARDER"] = sent.extend
    try:
        result = runner.invoke(args=["training", "xapi-forward"])
    finally:
        app.config.pop("XAPI_FORWARDER")
    assert f"{len(sent)} statement(s) forwarded" in result.output and len(sent) == 2
