import io
import re
import zipfile

from app.api.models import ApiToken, ReportBatch
from app.extensions import db
from app.hiring.models import Invitation


def test_openapi_document_is_served_and_lists_the_paths(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert {"/openings", "/openings/{opening_id}/invitations", "/invitations/{invitation_id}",
            "/employees", "/employees/{user_id}/training", "/webhooks"} <= set(doc["paths"])
    assert doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_an_ats_creates_an_opening_invites_and_reads_status(client, content, users, auth):
    h = auth(users["recruiter"])
    r = client.post("/api/v1/openings", json={"title": "Chat agent",
                                              "job_profile": "contact-center-agent"}, headers=h)
    assert r.status_code == 201
    opening_id = r.get_json()["id"]
    r = client.post(f"/api/v1/openings/{opening_id}/invitations",
                    json={"name": "Ana Applicant", "email": "ana@example.test"}, headers=h)
    assert r.status_code == 201, r.get_json()
    data = r.get_json()
    assert "/i/" in data["link"] and data["stage"] == "invited" and data["score"] is None
    r = client.get(f"/api/v1/invitations/{data['id']}", headers=h)
    assert r.get_json()["candidate"]["email"] == "ana@example.test"
    listed = client.get(f"/api/v1/openings/{opening_id}/invitations", headers=h).get_json()
    assert [i["id"] for i in listed["invitations"]] == [data["id"]]
    assert client.get("/api/v1/openings", headers=h).get_json()["openings"][0]["id"] == opening_id


def test_errors_are_json_with_message_and_field(client, content, users, auth, opening):
    h = auth(users["recruiter"])
    r = client.post("/api/v1/openings", json={"title": "", "job_profile": "x"}, headers=h)
    assert r.status_code == 422 and r.get_json()["error"]["field"] == "title"
    r = client.post("/api/v1/openings", json={"title": "T", "job_profile": "nope"}, headers=h)
    assert r.status_code == 422 and r.get_json()["error"]["field"] == "job_profile"
    r = client.post(f"/api/v1/openings/{opening.id}/invitations",
                    json={"name": "A", "email": "a@example.test", "time_factor": "9"}, headers=h)
    assert r.status_code == 422 and r.get_json()["error"]["field"] == "time_factor"
    r = client.post("/api/v1/openings", data="not json", headers=h)
    assert r.status_code == 400 and "JSON" in r.get_json()["error"]["message"]
    r = client.get("/api/v1/nowhere", headers=h)
    assert r.status_code == 404 and r.is_json
    r = client.delete("/api/v1/openings", headers=h)
    assert r.status_code == 405 and r.get_json()["error"]["message"]
    r = client.get("/api/v1/openings")
    assert r.status_code == 401 and r.get_json()["error"]["field"] == "Authorization"
    assert r.headers["WWW-Authenticate"].startswith("Bearer")


def test_scores_appear_after_the_attempt_is_scored(client, users, auth, scored):
    r = client.get(f"/api/v1/invitations/{scored.invitation_id}", headers=auth(users["recruiter"]))
    data = r.get_json()
    assert data["attempt"]["status"] == "scored"
    assert data["score"]["recommendation"] == scored.recommendation
    assert data["score"]["traits"] and "percentile" in data["score"]["traits"][0]


def test_a_pdf_batch_renders_every_finished_candidate(client, users, auth, scored):
    h = auth(users["recruiter"])
    opening_id = scored.invitation.opening_id
    r = client.post(f"/api/v1/openings/{opening_id}/report-batches", headers=h)
    assert r.status_code == 202
    batch = r.get_json()
    assert batch["status"] == "done" and batch["done"] == batch["total"] == 1
    r = client.get(f"/api/v1/report-batches/{batch['id']}/archive", headers=h)
    names = zipfile.ZipFile(io.BytesIO(r.data)).namelist()
    assert names == [f"candidate-{scored.invitation_id}.pdf"]


def test_costly_batches_are_capped_per_user_with_429(client, users, auth, opening):
    h = auth(users["recruiter"])
    for _ in range(2):
        db.session.add(ReportBatch(user_id=users["recruiter"].id, opening_id=opening.id,
                                   status="running"))
    db.session.commit()
    r = client.post(f"/api/v1/openings/{opening.id}/report-batches", headers=h)
    assert r.status_code == 429 and "2 report batches" in r.get_json()["error"]["message"]


def test_import_employees_and_read_their_training(client, users, auth):
    r = client.post("/api/v1/employees", headers=auth(users["admin"]), json={"employees": [
        {"email": "e1@example.test", "name": "Emp One"}, {"email": "bad", "name": "X"}]})
    assert r.status_code == 422
    assert r.get_json()["error"]["errors"][0]["field"] == "employees[1].email"
    r = client.post("/api/v1/employees", headers=auth(users["admin"]), json={"employees": [
        {"email": "e1@example.test", "name": "Emp One"}]})
    assert r.status_code == 201
    uid = r.get_json()["created"][0]["id"]
    r = client.get(f"/api/v1/employees/{uid}/training", headers=auth(users["admin"]))
    assert r.status_code == 200 and r.get_json() == {"user_id": uid, "courses": []}


def test_the_token_page_creates_shows_once_and_revokes(client, login_as, users):
    login_as(client, users["recruiter"])
    page = client.get("/account/api-tokens/")
    assert page.status_code == 200
    assert "Create token" in page.get_data(True)
    r = client.post("/account/api-tokens/", data={"name": "Workday", "role": "recruiter"})
    raw = re.search(r'id="new-token">(sa_[^<]+)<', r.get_data(True)).group(1)
    bearer = {"Authorization": f"Bearer {raw}"}
    assert client.get("/api/v1/openings", headers=bearer).status_code == 200
    again = client.get("/account/api-tokens/").get_data(True)
    assert raw not in again and raw[:10] in again
    token_id = db.session.scalar(db.select(ApiToken.id).where(ApiToken.name == "Workday"))
    client.post(f"/account/api-tokens/{token_id}/revoke")
    assert client.get("/api/v1/openings", headers=bearer).status_code == 401


def test_invitations_of_other_recruiters_stay_hidden(client, users, auth, create_user, invite):
    invitation, _ = invite()
    other = create_user("recruiter")
    r = client.get(f"/api/v1/invitations/{invitation.id}", headers=auth(other))
    assert r.status_code == 404 and r.is_json
    assert db.session.get(Invitation, invitation.id) is not None


def test_an_overdue_attempt_reads_as_scored(client, users, auth, started):
    from datetime import timedelta

    started.deadline_at -= timedelta(hours=2)
    db.session.commit()
    r = client.get(f"/api/v1/invitations/{started.invitation_id}", headers=auth(users["recruiter"]))
    assert r.get_json()["attempt"]["status"] == "scored"
