"""Who may open what: learners only their own records; answers and scores never reach
trainers, supervisors or recruiters; management pages need the right role."""

from datetime import date, timedelta

import pytest

from app.extensions import db
from app.identity import services as identity
from app.training import services
from app.training.certificates import certificate_for

WRONG = {"first": ["b"], "many": ["a"]}


@pytest.fixture
def learner_with_attempt(create_user, course):
    user = create_user("employee", name="Pia Private")
    enrollment = services.enroll(user, course, date.today() - timedelta(days=1), "Launch")
    services.submit_check(user, enrollment, course, "basics-check", WRONG)
    for step in course.steps:
        if step.kind != "check":
            services.complete_step(user, enrollment, course, step.key)
    db.session.commit()
    return user, enrollment


def test_another_learners_enrollment_and_certificate_are_not_found(
    client, login_as, create_user, course, learner_with_attempt
):
    owner, enrollment = learner_with_attempt
    services.submit_check(owner, enrollment, course, "basics-check",
                          {"first": ["a"], "many": ["a", "c"]})
    db.session.commit()
    cert = certificate_for(enrollment)
    login_as(client, create_user("employee"))
    for url in (f"/learn/e/{enrollment.id}", f"/learn/e/{enrollment.id}/s/lesson:welcome",
                f"/learn/e/{enrollment.id}/continue", f"/learn/certificates/{cert.id}.pdf"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/learn/e/{enrollment.id}/s/lesson:welcome/done").status_code == 404
    assert client.post(f"/learn/e/{enrollment.id}/checks/basics-check",
                       data={"q-first": "a"}).status_code == 404


def test_unknown_step_is_not_found(client, login_as, learner_with_attempt):
    owner, enrollment = learner_with_attempt
    login_as(client, owner)
    assert client.get(f"/learn/e/{enrollment.id}/s/lesson:nope").status_code == 404


@pytest.mark.parametrize("role, url, expected", [
    ("supervisor", "/learn/", 403),
    ("recruiter", "/learn/", 403),
    ("employee", "/learn/cohorts", 403),
    ("employee", "/learn/rotations", 403),
    ("employee", "/learn/rotations.csv", 403),
    ("employee", "/learn/completion", 403),
    ("supervisor", "/learn/rotations", 403),
    ("candidate", "/learn/", 403),
    ("trainer", "/learn/rotations", 200),
    ("admin", "/learn/rotations", 200),
    ("supervisor", "/learn/completion", 200),
    ("recruiter", "/learn/completion", 200),
    ("admin", "/learn/cohorts/all", 200),
])
def test_role_gates(client, login_as, create_user, role, url, expected):
    login_as(client, create_user(role))
    assert client.get(url).status_code == expected


def test_anonymous_is_sent_to_login_but_may_verify(client):
    assert client.get("/learn/").status_code == 302
    assert client.get("/learn/verify").status_code == 200


def test_trainer_cannot_enroll_or_remind_a_cohort_they_do_not_lead(
    client, login_as, create_user, course
):
    other = identity.create_cohort("Not yours", create_user("trainer"))
    db.session.commit()
    login_as(client, create_user("trainer"))
    assert client.post(f"/learn/cohorts/{other.id}/remind").status_code == 404
    resp = client.post("/learn/cohorts/enroll",
                       data={"cohort_id": other.id, "course_uuid": course.uuid})
    assert resp.status_code in (400, 404)


def test_answers_and_scores_never_reach_trainer_supervisor_or_recruiter(
    client, login_as, create_user, learner_with_attempt
):
    learner, _ = learner_with_attempt
    trainer, supervisor = create_user("trainer"), create_user("supervisor")
    cohort = identity.create_cohort("Watched", trainer)
    identity.add_to_cohort(cohort, learner)
    learner.team = identity.create_team("Watched team", supervisor)
    db.session.commit()
    pages = {trainer: "/learn/cohorts", supervisor: "/learn/completion",
             create_user("recruiter"): "/learn/completion"}
    for viewer, url in pages.items():
        login_as(client, viewer)
        page = client.get(url).get_data(as_text=True)
        assert "Pia Private" in page
        for secret in ("Talking", "Jargon", "score", "attempt", "not passed", "failed"):
            assert secret not in page, (url, secret)


def test_posts_need_a_csrf_token(csrf_app, login_as, learner_with_attempt):
    owner, enrollment = learner_with_attempt
    client = csrf_app.test_client()
    login_as(client, owner)
    assert client.post(f"/learn/e/{enrollment.id}/s/lesson:welcome/done").status_code == 400
