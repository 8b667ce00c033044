import io
from datetime import date, timedelta

from sqlalchemy import select

from app.extensions import db
from app.identity import services as identity
from app.training import services
from app.training.certificates import certificate_for
from app.training.models import BlockedDate, CheckAttempt, Enrollment, Rotation

RIGHT_FORM = {"q-first": "a", "q-many": ["a", "c"]}


def _enrolled(create_user, course, **kwargs):
    user = create_user("employee", **kwargs)
    enrollment = services.enroll(user, course, date.today() + timedelta(days=3), "Launch")
    db.session.commit()
    return user, enrollment


def test_my_learning_shows_progress_and_what_is_next(client, login_as, create_user, course):
    user, enrollment = _enrolled(create_user, course)
    login_as(client, user)
    page = client.get("/learn/").get_data(as_text=True)
    assert "<h1>My learning</h1>" in page and "Tiny onboarding" in page
    assert "0 of 4 steps" in page and "Next: <strong>Welcome aboard</strong>" in page
    resp = client.get(f"/learn/e/{enrollment.id}/continue")
    assert resp.headers["Location"].endswith(f"/learn/e/{enrollment.id}/s/lesson:welcome")


def test_lesson_is_rendered_sanitized_and_marked_done(client, login_as, create_user, course):
    user, enrollment = _enrolled(create_user, course)
    login_as(client, user)
    page = client.get(f"/learn/e/{enrollment.id}/s/lesson:welcome").get_data(as_text=True)
    assert "<strong>people</strong>" in page and "<script>alert" not in page
    resp = client.post(f"/learn/e/{enrollment.id}/s/lesson:welcome/done")
    assert resp.headers["Location"].endswith("/s/activity:shadow-a-call")
    assert "lesson:welcome" in services.done_keys(db.session.get(Enrollment, enrollment.id))
    assert "1 of 4 steps" in client.get("/learn/").get_data(as_text=True)


def test_check_feedback_retry_and_completion(client, login_as, create_user, course):
    user, enrollment = _enrolled(create_user, course)
    login_as(client, user)
    for key in ("lesson:welcome", "activity:shadow-a-call", "lesson:listening"):
        client.post(f"/learn/e/{enrollment.id}/s/{key}/done")
    url = f"/learn/e/{enrollment.id}/checks/basics-check"
    wrong = client.post(url, data={"q-first": "b", "q-many": "a"}).get_data(as_text=True)
    assert "not passed yet" in wrong and "Talking first means guessing" in wrong
    assert "Retry the check" in wrong
    right = client.post(url, data=RIGHT_FORM).get_data(as_text=True)
    assert "You completed Tiny onboarding" in right and "Download certificate" in right
    cert = certificate_for(db.session.get(Enrollment, enrollment.id))
    pdf = client.get(f"/learn/certificates/{cert.id}.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    verify = client.get(f"/learn/verify/{cert.code}").get_data(as_text=True)
    assert "This certificate is genuine" in verify and user.name in verify


def test_unanswered_check_is_refused_and_saves_nothing(client, login_as, create_user, course):
    user, enrollment = _enrolled(create_user, course)
    login_as(client, user)
    resp = client.post(f"/learn/e/{enrollment.id}/checks/basics-check",
                       data={"q-first": "a"}, follow_redirects=True)
    assert "Please answer every question" in resp.get_data(as_text=True)
    assert db.session.scalars(select(CheckAttempt)).all() == []


def test_verify_page_is_public_and_says_nothing_more(client, create_user, course):
    user, enrollment = _enrolled(create_user, course, email="private@example.test")
    for step in course.steps:
        if step.kind != "check":
            services.complete_step(user, enrollment, course, step.key)
    services.submit_check(user, enrollment, course, "basics-check",
                          {"first": ["a"], "many": ["a", "c"]})
    db.session.commit()
    cert = certificate_for(enrollment)
    page = client.get(f"/learn/verify/{cert.code}").get_data(as_text=True)
    assert user.name in page and "Tiny onboarding" in page
    assert "private@example.test" not in page and "100%" not in page and "score" not in page
    tampered = client.get(f"/learn/verify/{cert.code[:-2]}ZZ")
    assert tampered.status_code == 404
    assert "No certificate matches" in tampered.get_data(as_text=True)
    assert client.get("/learn/verify?code=abc").status_code == 302


def test_trainer_sees_progress_and_enrolls_a_cohort(client, login_as, create_user, course):
    trainer, learner = create_user("trainer"), create_user("employee", name="Lea Learner")
    cohort = identity.create_cohort("Spring cohort", trainer)
    identity.add_to_cohort(cohort, learner)
    db.session.commit()
    login_as(client, trainer)
    resp = client.post("/learn/cohorts/enroll", data={
        "cohort_id": cohort.id, "course_uuid": course.uuid, "due_date": "2031-03-01",
        "due_reason": "Product launch"})
    assert resp.status_code == 302
    page = client.get("/learn/cohorts").get_data(as_text=True)
    assert "<h1>My cohorts</h1>" in page and "Lea Learner" in page and "0%" in page
    assert "Product launch" in page


def test_enrollment_csv_with_bad_rows_changes_nothing(client, login_as, create_user, course):
    trainer, learner = create_user("trainer"), create_user("employee", email="ok@example.test")
    login_as(client, trainer)
    csv = ("email,course,due_date\nok@example.test,tiny-onboarding,2031-01-01\n"
           "nobody@example.test,tiny-onboarding,\nok@example.test,no-such-course,\n"
           "ok@example.test,tiny-skills,31/12/2030\n")
    resp = client.post("/learn/enrollments/upload",
                       data={"file": (io.BytesIO(csv.encode()), "list.csv")})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "Nothing was saved" in page
    assert "Row 3: no account with the e-mail" in page
    assert "Row 4: no course with the id" in page and "Row 5: due_date must look like" in page
    mine = select(Enrollment).where(Enrollment.user_id == learner.id)
    assert db.session.scalars(mine).all() == []
    good = "email,course\nok@example.test,tiny-onboarding\n"
    resp = client.post("/learn/enrollments/upload",
                       data={"file": (io.BytesIO(good.encode()), "list.csv")})
    assert resp.status_code == 200 and "1 enrollment(s) saved" in resp.get_data(as_text=True)


def test_blocked_dates_csv_reports_rows_and_saves_all_or_nothing(client, login_as, create_user):
    admin = create_user("admin")
    create_user("employee", email="emp@example.test")
    login_as(client, admin)
    bad = "email,from,to\nemp@example.test,2030-01-10,2030-01-05\nemp@example.test,2030-02-01,\n"
    resp = client.post("/learn/rotations/blocked",
                       data={"file": (io.BytesIO(bad.encode()), "b.csv")})
    assert resp.status_code == 400 and "Row 2: &#39;to&#39;" in resp.get_data(as_text=True)
    assert db.session.scalars(select(BlockedDate)).all() == []
    no_header = client.post("/learn/rotations/blocked",
                            data={"file": (io.BytesIO(b"who,when\nx,y\n"), "b.csv")})
    assert "missing column(s) email, from" in no_header.get_data(as_text=True)
    good = "email,from,to\nemp@example.test,2030-01-07,2030-01-09\n"
    resp = client.post("/learn/rotations/blocked",
                       data={"file": (io.BytesIO(good.encode()), "b.csv")})
    assert "3 blocked date(s) saved" in resp.get_data(as_text=True)
    assert len(db.session.scalars(select(BlockedDate)).all()) == 3


def test_rotation_planner_preview_save_calendar_and_csv(client, login_as, create_user):
    admin = create_user("admin")
    team = identity.create_team("Care West", None)
    emp = create_user("employee", name="=cmd|calc", department="Finance")
    db.session.commit()
    login_as(client, admin)
    form = {"start": "2030-01-09", "weeks": "4", "seats_per_week": "1", "team_ids": [team.id]}
    preview = client.post("/learn/rotations", data=form | {"preview": "Preview plan"})
    assert preview.status_code == 200 and "Plan preview" in preview.get_data(as_text=True)
    assert db.session.scalars(select(Rotation)).all() == []
    saved = client.post("/learn/rotations", data=form | {"save": "Save plan"})
    assert saved.status_code == 302
    rotation = db.session.scalars(select(Rotation).where(Rotation.user_id == emp.id)).one()
    assert rotation.start == date(2030, 1, 7)
    assert services.in_training_period(emp.id, date(2030, 1, 11)) is not None
    cal = client.get("/learn/rotations?start=2030-01-07").get_data(as_text=True)
    assert "Care West" in cal and "=cmd|calc</span>" in cal
    csv = client.get("/learn/rotations.csv").get_data(as_text=True)
    assert "'=cmd|calc" in csv


def test_bad_plan_settings_are_explained(client, login_as, create_user):
    login_as(client, create_user("trainer"))
    resp = client.post("/learn/rotations", data={"start": "", "weeks": "0", "seats_per_week": "1"})
    assert resp.status_code == 400 and "problems" in resp.get_data(as_text=True)


def test_completion_overview_shows_completion_only(client, login_as, create_user, course):
    supervisor = create_user("supervisor")
    team = identity.create_team("Care North", supervisor)
    learner = create_user("employee", name="Tim Teammate", team=team)
    outsider = create_user("employee", name="Olga Outsider")
    enrollment = services.enroll(learner, course, date.today() - timedelta(days=1))
    services.enroll(outsider, course)
    services.submit_check(learner, enrollment, course, "basics-check",
                          {"first": ["b"], "many": ["a"]})
    db.session.commit()
    login_as(client, supervisor)
    page = client.get("/learn/completion").get_data(as_text=True)
    assert "Tim Teammate" in page and "Overdue" in page and "Olga Outsider" not in page
    for secret in ("0%", "score", "attempt", "Talking", "failed"):
        assert secret not in page


def test_planning_a_week_in_the_past_is_refused(client, login_as, create_user):
    login_as(client, create_user("admin"))
    team = identity.create_team("Care South", None)
    db.session.commit()
    resp = client.post("/learn/rotations", data={
        "start": "2020-01-06", "weeks": "4", "seats_per_week": "1", "team_ids": [team.id],
        "save": "Save plan"})
    assert resp.status_code == 400 and "in the past" in resp.get_data(as_text=True)
    assert db.session.scalars(select(Rotation)).all() == []


def test_learning_events_are_forwarded_to_the_lrs_without_private_ones(
    app, client, login_as, create_user, course
):
    user, enrollment = _enrolled(create_user, course)
    login_as(client, user)
    sent: list[dict] = []
    app.config["XAPI_FORWARDER"] = sent.extend
    try:
        client.get(f"/learn/e/{enrollment.id}/s/lesson:welcome")
        client.post(f"/learn/e/{enrollment.id}/s/lesson:welcome/done")
        client.post(f"/learn/e/{enrollment.id}/checks/basics-check",
                    data={"q-first": "b", "q-many": "a"})
    finally:
        app.config.pop("XAPI_FORWARDER")
    verbs = [s["verb"]["display"]["en-US"] for s in sent]
    assert verbs.count("launched") >= 2 and "completed" in verbs
    assert not {"answered", "failed", "passed"} & set(verbs)
    assert all(s["actor"]["mbox"] == f"mailto:{user.email}" for s in sent)


def test_cohorts_page_ten_at_a_time(client, users, login_as):
    for i in range(12):
        identity.create_cohort(f"Cohort {i:02d}", users["trainer"])
    db.session.commit()
    login_as(client, users["trainer"])
    first = client.get("/learn/cohorts").get_data(as_text=True)
    assert "Page 1 of 2 · 12 cohorts" in first
    second = client.get("/learn/cohorts?page=2").get_data(as_text=True)
    names = [f"<h2>Cohort {i:02d}</h2>" for i in range(12)]  # the enroll form lists all
    assert sum(n in first for n in names) == 10 and sum(n in second for n in names) == 2
