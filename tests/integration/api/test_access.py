"""Token scopes: a token acts with exactly one role, and sessions never open the API."""

import pytest

from app.identity import services as identity

HR_ONLY = ["/api/v1/openings", "/api/v1/webhooks"]


@pytest.mark.parametrize("role", ["supervisor"])
def test_a_supervisor_token_cannot_use_hr_endpoints(client, users, auth, role, opening):
    h = auth(users[role])
    assert client.get("/api/v1/openings", headers=h).status_code == 403
    r = client.post("/api/v1/openings", json={"title": "x", "job_profile": "y"}, headers=h)
    assert r.status_code == 403 and r.get_json()["error"]["field"] == "Authorization"
    assert client.get(f"/api/v1/openings/{opening.id}/invitations", headers=h).status_code == 403
    assert client.post("/api/v1/employees", json={"employees": []}, headers=h).status_code == 403


def test_a_recruiter_token_of_a_recruiter_admin_acts_as_recruiter_only(client, create_user,
                                                                      auth, opening):
    both = create_user("recruiter", "admin")
    h = auth(both, "recruiter")
    assert client.get(f"/api/v1/openings/{opening.id}", headers=h).status_code == 404
    assert client.post("/api/v1/employees", headers=h,
                       json={"employees": [{"email": "a@example.test", "name": "A"}]}
                       ).status_code == 403
    assert client.get(f"/api/v1/openings/{opening.id}", headers=auth(both, "admin")
                      ).status_code == 200


def test_a_signed_in_session_does_not_open_the_api(client, login_as, users):
    login_as(client, users["admin"])
    for url in HR_ONLY:
        assert client.get(url).status_code == 401


def test_the_api_needs_no_csrf_token_but_the_token_page_does(csrf_app, users, auth, content,
                                                             login_as):
    c = csrf_app.test_client()
    r = c.post("/api/v1/openings", json={"title": "T", "job_profile": "contact-center-agent"},
               headers=auth(users["recruiter"]))
    assert r.status_code == 201
    login_as(c, users["recruiter"])
    r = c.post("/account/api-tokens/", data={"name": "x", "role": "recruiter"})
    assert r.status_code == 400 and "sa_" not in r.get_data(True)


def test_supervisors_read_training_of_their_own_team_only(client, create_user, auth):
    sup, other_sup = create_user("supervisor"), create_user("supervisor")
    team = identity.create_team("Team A", sup)
    mine, theirs = create_user("employee", team=team), create_user("employee")
    assert client.get(f"/api/v1/employees/{mine.id}/training", headers=auth(sup)
                      ).status_code == 200
    r = client.get(f"/api/v1/employees/{theirs.id}/training", headers=auth(sup))
    assert r.status_code == 404 and r.get_json()["error"]["field"] == "user_id"
    assert client.get(f"/api/v1/employees/{mine.id}/training", headers=auth(other_sup)
                      ).status_code == 404


def test_the_token_page_is_for_api_roles_only(client, login_as, users):
    login_as(client, users["employee"])
    assert client.get("/account/api-tokens/").status_code == 403
