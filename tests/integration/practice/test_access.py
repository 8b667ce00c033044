"""Who may open which practice page: the learner; the trainer of the learner's cohort for
coaching (read-only); nobody else — other roles get 403, other people's objects 404."""

import pytest

from app.extensions import db
from app.identity.models import ROLES
from app.practice import services

PRACTICE_ROLES = {
    "practice.index": {"employee"},
    "practice.start_shift": {"employee"},
    "practice.show_shift": {"employee"},
    "practice.shift_json": {"employee"},
    "practice.open_contact": {"employee"},
    "practice.show_contact": {"employee"},
    "practice.choose": {"employee"},
    "practice.say": {"employee"},
    "practice.submit_reply": {"employee"},
    "practice.end_shift": {"employee"},
    "practice.show_response": {"employee", "trainer"},
    "practice.review_shift": {"employee", "trainer"},
    "practice.retry_contact": {"employee"},
    "practice.compare_attempts": {"employee"},
    "practice.progress_page": {"employee"},
    "practice.coaching_home": {"trainer"},
    "practice.coaching_learner": {"trainer"},
    "practice.rate_example": {"trainer"},
}


@pytest.fixture
def answered(scripted, clock):
    row = services.shift_state(scripted, services.rebuild(scripted))["queue"][0]
    services.open_contact(scripted, row["sim_id"], clock(1))
    response = services.submit(scripted, "Hi Grace, I'm Eli. I'll refund it.", clock(20))
    db.session.commit()
    return scripted, response


def test_every_practice_route_is_listed(app):
    endpoints = {r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("practice.")}
    assert endpoints == set(PRACTICE_ROLES)
    views = app.view_functions
    for endpoint, roles in PRACTICE_ROLES.items():
        assert set(views[endpoint].required_roles) == roles, endpoint


def test_roles_outside_the_list_are_refused(app, client, login_as, users, answered):
    shift, response = answered
    ids = {"shift_id": shift.id, "response_id": response.id, "sim_id": 0,
           "user_id": shift.user_id}
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("practice."):
            continue
        url = rule.rule
        for arg in rule.arguments:
            url = url.replace(f"<int:{arg}>", str(ids[arg]))
        method = "GET" if "GET" in rule.methods else "POST"
        for role in ROLES:
            if role in PRACTICE_ROLES[rule.endpoint]:
                continue
            login_as(client, users[role])
            assert client.open(url, method=method).status_code == 403, (role, url)
        client.post("/logout")
        assert client.open(url, method=method).status_code in (302, 401), url


def test_other_people_get_404(client, login_as, create_user, answered):
    shift, response = answered
    outsider = create_user("employee")
    login_as(client, outsider)
    for url in (f"/practice/shifts/{shift.id}", f"/practice/shifts/{shift.id}/state.json",
                f"/practice/shifts/{shift.id}/review", f"/practice/responses/{response.id}",
                f"/practice/shifts/{shift.id}/contact"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/practice/shifts/{shift.id}/end").status_code == 404
    assert client.post(f"/practice/shifts/{shift.id}/contacts/0/say",
                       data={"text": "hello"}).status_code == 404
    other_trainer = create_user("trainer")
    login_as(client, other_trainer)
    assert client.get(f"/practice/responses/{response.id}").status_code == 404
    assert client.get(f"/practice/shifts/{shift.id}/review").status_code == 404
    assert client.get(f"/practice/coaching/learners/{shift.user_id}").status_code == 404
    assert client.get(f"/practice/coaching/rate?response_id={response.id}").status_code == 404


def test_the_cohort_trainer_reads_but_cannot_act(client, login_as, coaching, answered):
    shift, response = answered
    _, trainer = coaching
    login_as(client, trainer)
    assert client.get(f"/practice/responses/{response.id}").status_code == 200
    assert client.get(f"/practice/shifts/{shift.id}/review").status_code == 200
    assert client.get(f"/practice/coaching/learners/{shift.user_id}").status_code == 200
    trainer.set_roles({"trainer", "employee"})
    db.session.commit()
    assert client.get(f"/practice/shifts/{shift.id}").status_code == 404
    assert client.post(f"/practice/shifts/{shift.id}/end").status_code == 404
    assert client.post(f"/practice/shifts/{shift.id}/contacts/0/say",
                       data={"text": "hello"}).status_code == 404
