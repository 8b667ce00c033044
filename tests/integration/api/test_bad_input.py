"""Bad input answers a 4xx naming the field, never a 500 (issue 13)."""

import pytest

from app.extensions import db
from app.identity.models import User
from app.webhooks.models import WebhookSubscription

DEEP = b"[" * 50_000 + b"]" * 50_000


def _error(response, status):
    assert response.status_code == status, response.get_data(True)[:300]
    return response.get_json()["error"]


@pytest.mark.parametrize("team", [{}, [], 5, True])
def test_an_employee_team_that_is_not_text_is_a_422_naming_it(client, users, auth, team):
    r = client.post("/api/v1/employees", headers=auth(users["admin"]),
                    json={"employees": [{"email": "t@example.test", "name": "T", "team": team}]})
    assert _error(r, 422)["field"] == "employees[0].team"
    assert db.session.scalar(db.select(User).where(User.email == "t@example.test")) is None


@pytest.mark.parametrize(("field", "value"), [("name", "Ana\x00Applicant"),
                                              ("email", "ana\x00@example.test"),
                                              ("name", "Ana\x1bApplicant"),
                                              ("name", "Ana\nApplicant")])
def test_control_characters_in_an_invitation_are_a_4xx_naming_the_field(
        client, users, auth, opening, field, value):
    payload = {"name": "Ana", "email": "ana@example.test"} | {field: value}
    r = client.post(f"/api/v1/openings/{opening.id}/invitations", json=payload,
                    headers=auth(users["recruiter"]))
    assert r.status_code in (400, 422)
    assert r.get_json()["error"]["field"] == field


def test_a_null_time_factor_is_refused(client, users, auth, opening):
    r = client.post(f"/api/v1/openings/{opening.id}/invitations", headers=auth(users["recruiter"]),
                    json={"name": "Ana", "email": "ana@example.test", "time_factor": None})
    assert _error(r, 422)["field"] == "time_factor"
    r = client.post(f"/api/v1/openings/{opening.id}/invitations", headers=auth(users["recruiter"]),
                    json={"name": "Ana", "email": "ana@example.test", "time_factor": "3/2"})
    assert r.status_code == 201


@pytest.mark.parametrize("path", ["/api/v1/openings", "/api/v1/employees", "/api/v1/webhooks"])
def test_deep_json_on_the_api_is_a_400(client, users, auth, path):
    r = client.post(path, data=DEEP, content_type="application/json",
                    headers=auth(users["admin"]))
    error = _error(r, 400)
    assert error["field"] == "body" and "deeper than" in error["message"]


def test_without_a_token_the_api_answers_401_before_reading_the_body(client):
    r = client.post("/api/v1/openings", data=DEEP, content_type="application/json")
    assert _error(r, 401)["field"] == "Authorization"


def test_a_token_stops_working_when_its_user_is_disabled(client, users, auth):
    h = auth(users["recruiter"])
    assert client.get("/api/v1/openings", headers=h).status_code == 200
    users["recruiter"].disabled = True
    db.session.commit()
    assert _error(client.get("/api/v1/openings", headers=h), 401)["field"] == "Authorization"


def test_a_supervisor_token_sees_only_its_own_role_s_hooks_and_no_hiring_events(
        client, create_user, auth):
    person = create_user("recruiter", "supervisor")
    as_recruiter, as_supervisor = auth(person, "recruiter"), auth(person, "supervisor")
    hook = {"url": "https://ats.example.test/hook", "events": ["attempt.scored"]}
    recruiter_hook = client.post("/api/v1/webhooks", json=hook, headers=as_recruiter).get_json()
    assert client.get("/api/v1/webhooks", headers=as_supervisor).get_json() == {"webhooks": []}
    r = client.delete(f"/api/v1/webhooks/{recruiter_hook['id']}", headers=as_supervisor)
    assert r.status_code == 404
    assert db.session.get(WebhookSubscription, recruiter_hook["id"]).active
    r = client.post("/api/v1/webhooks", json=hook, headers=as_supervisor)
    assert _error(r, 422)["field"] == "events"
    team_hook = {"url": "https://hr.example.test/hook", "events": ["training.completed"]}
    assert client.post("/api/v1/webhooks", json=team_hook, headers=as_supervisor
                       ).status_code == 201
    listed = client.get("/api/v1/webhooks", headers=as_supervisor).get_json()["webhooks"]
    assert [h["events"] for h in listed] == [["training.completed"]]


def test_the_document_comes_from_the_models(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    schemas = doc["components"]["schemas"]
    invitation = next(v for k, v in schemas.items() if k.startswith("NewInvitation"))
    assert invitation["properties"]["time_factor"]["enum"] == ["1", "5/4", "3/2", "2"]
    assert invitation["additionalProperties"] is False
    op = doc["paths"]["/openings/{opening_id}/invitations"]["post"]
    assert {"201", "400", "401", "403", "404", "422", "429"} <= set(op["responses"])



def test_a_malformed_webhook_url_is_a_422_naming_url(client, users, auth):
    r = client.post("/api/v1/webhooks", headers=auth(users["recruiter"]),
                    json={"url": "http://[", "events": ["attempt.scored"]})
    assert _error(r, 422)["field"] == "url"
