import io
from datetime import timedelta

from app.audit import AuditEvent
from app.extensions import db
from app.monitoring.models import AgentDayMetric, CalibrationSession, Evaluation
from app.orm import utcnow
from tests.integration.monitoring.conftest import PHONE_ANSWERS

TODAY = utcnow().date()


def answers_form(answers=PHONE_ANSWERS):
    return {f"answer_{k.replace('-', '_')}": v for k, v in answers.items()}


def test_supervisor_home_lists_own_team_only(client, login_as, world):
    login_as(client, world.sup_a)
    text = client.get("/monitoring/").get_data(as_text=True)
    assert "My team" in text and world.team_a.name in text and "Ann Agent" in text
    assert world.team_b.name not in text and "Bob Agent" not in text


def test_supervisor_records_an_evaluation(client, login_as, world):
    login_as(client, world.sup_a)
    chooser = client.get("/monitoring/evaluations/new").get_data(as_text=True)
    assert "Ann Agent" in chooser and "Bob Agent" not in chooser
    url = f"/monitoring/evaluations/new?agent_id={world.agent_a.id}&scorecard_id=phone-contact"
    form_page = client.get(url).get_data(as_text=True)
    assert "Verifies the caller" in form_page and "monitoring.js" in form_page
    response = client.post(url, data={
        "agent_id": world.agent_a.id, "contact_ref": "CALL-77", "channel": "phone",
        "contact_date": (TODAY - timedelta(days=1)).isoformat(), "comment": "Nice save.",
        "note_summary": "No recap at the end.", **answers_form()})
    assert response.status_code == 302
    e = db.session.query(Evaluation).one()
    assert (e.contact_ref, e.evaluator_id, e.notes) == ("CALL-77", world.sup_a.id,
                                                       {"summary": "No recap at the end."})
    detail = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "CALL-77" in detail and "No recap at the end." in detail


def test_an_incomplete_scorecard_is_shown_again_with_the_problem(client, login_as, world):
    login_as(client, world.sup_a)
    url = f"/monitoring/evaluations/new?agent_id={world.agent_a.id}&scorecard_id=phone-contact"
    answers = {k: v for k, v in PHONE_ANSWERS.items() if k != "empathy"}
    response = client.post(url, data={"agent_id": world.agent_a.id, "contact_ref": "C",
                                      "channel": "phone", "contact_date": TODAY.isoformat(),
                                      "comment": "kept text", **answers_form(answers)})
    text = response.get_data(as_text=True)
    assert response.status_code == 400 and "needs an answer" in text and "kept text" in text
    assert db.session.query(Evaluation).count() == 0


def test_agent_sees_acknowledges_or_disputes(client, login_as, world, make_evaluation):
    first = make_evaluation(world.sup_a, world.agent_a, contact_ref="CALL-1")
    second = make_evaluation(world.sup_a, world.agent_a, contact_ref="CALL-2")
    login_as(client, world.agent_a)
    mine = client.get("/monitoring/mine").get_data(as_text=True)
    assert "CALL-1" in mine and "CALL-2" in mine
    client.post(f"/monitoring/evaluations/{first.id}/reply", data={"action": "acknowledge"})
    client.post(f"/monitoring/evaluations/{second.id}/reply",
                data={"action": "dispute", "text": "The caller had already been verified."})
    assert (first.status, second.status) == ("acknowledged", "disputed")
    short = client.post(f"/monitoring/evaluations/{first.id}/reply",
                        data={"action": "dispute", "text": "x"}, follow_redirects=True)
    assert "already acknowledged" in short.get_data(as_text=True)
    login_as(client, world.sup_a)
    page = client.get(f"/monitoring/evaluations/{second.id}").get_data(as_text=True)
    assert "already been verified" in page and "Resolve the dispute" in page
    client.post(f"/monitoring/evaluations/{second.id}/resolve",
                data={"text": "Agreed, the IVR verified the caller."})
    assert second.status == "resolved"


def test_viewing_an_employees_evaluations_is_audited(client, login_as, world, make_evaluation):
    e = make_evaluation(world.sup_a, world.agent_a)
    login_as(client, world.sup_a)
    client.get(f"/monitoring/agents/{world.agent_a.id}")
    client.get(f"/monitoring/evaluations/{e.id}")
    rows = db.session.query(AuditEvent).filter_by(action="view_evaluations",
                                                  user_id=world.sup_a.id).all()
    assert [r.subject for r in rows] == [f"user {world.agent_a.id}"] * 2
    login_as(client, world.agent_a)
    client.get(f"/monitoring/evaluations/{e.id}")  # own view: not a supervisor look-up
    assert db.session.query(AuditEvent).filter_by(user_id=world.agent_a.id).count() == 0


def test_pdf_export(client, login_as, world, make_evaluation):
    e = make_evaluation(world.sup_a, world.agent_a)
    login_as(client, world.sup_a)
    response = client.get(f"/monitoring/evaluations/{e.id}/pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_dashboard_export_and_api(client, login_as, world, make_evaluation):
    day = TODAY - timedelta(days=1)
    db.session.add(AgentDayMetric(user_id=world.agent_a.id, day=day, handled=42,
                                  aht_seconds=301.5, fcr_pct=71, csat_pct=88, adherence_pct=95))
    world.agent_a.name = "=HYPERLINK(evil)"
    db.session.commit()
    login_as(client, world.sup_a)
    page = client.get(f"/monitoring/teams/{world.team_a.id}?days=7").get_data(as_text=True)
    assert "<svg" in page and "301.5" in page
    csv_text = client.get(f"/monitoring/teams/{world.team_a.id}/export.csv").get_data(as_text=True)
    assert "'=HYPERLINK(evil),42,301.5" in csv_text
    data = client.get(f"/monitoring/api/teams/{world.team_a.id}/summary").get_json()
    assert data["total"]["handled"] == 42 and data["daily"][-1]["day"] == day.isoformat()


def test_import_upload_reports_rows_then_imports(client, login_as, world):
    login_as(client, world.sup_a)
    day = (TODAY - timedelta(days=1)).isoformat()
    head = "email,date,handled,aht_seconds,fcr_pct,csat_pct,adherence_pct\n"
    bad = head + f"{world.agent_b.email},{day},1,1,1,1,1\n"
    response = client.post("/monitoring/metrics/import", data={
        "file": (io.BytesIO(bad.encode()), "m.csv")}, content_type="multipart/form-data")
    text = response.get_data(as_text=True)
    assert response.status_code == 400 and "Nothing was imported" in text
    assert "no agent with the e-mail" in text
    good = head + f"{world.agent_a.email},{day},40,300,70,80,90\n"
    response = client.post("/monitoring/metrics/import", data={
        "file": (io.BytesIO(good.encode("utf-8-sig")), "m.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 200 and "Imported 1 new" in response.get_data(as_text=True)
    latin = client.post("/monitoring/metrics/import", data={
        "file": (io.BytesIO("é".encode("latin-1")), "m.csv")}, content_type="multipart/form-data")
    assert latin.status_code == 400 and "UTF-8" in latin.get_data(as_text=True)


def test_search_finds_own_team_only(client, login_as, world, make_evaluation):
    make_evaluation(world.sup_a, world.agent_a, contact_ref="TKT-555")
    make_evaluation(world.sup_b, world.agent_b, contact_ref="TKT-556")
    login_as(client, world.sup_a)
    text = client.get("/monitoring/search?q=TKT-55").get_data(as_text=True)
    assert "TKT-555" in text and "TKT-556" not in text
    assert "Ann Agent" in client.get("/monitoring/search?q=ann").get_data(as_text=True)


def test_calibration_pages(client, login_as, world):
    login_as(client, world.sup_a)
    response = client.post("/monitoring/calibration", data={
        "title": "Week 48", "scorecard_id": "phone-contact", "contact_ref": "CALL-5",
        "channel": "phone", "contact_date": TODAY.isoformat(), "participants": [world.sup_b.id]})
    assert response.status_code == 302
    session = db.session.query(CalibrationSession).one()
    page = client.get(f"/monitoring/calibration/{session.id}").get_data(as_text=True)
    assert "Submit my score" in page and "Spread" not in page
    client.post(f"/monitoring/calibration/{session.id}", data=answers_form())
    page = client.get(f"/monitoring/calibration/{session.id}").get_data(as_text=True)
    assert "Spread" in page and "86.8" in page and "1 of 2" in page


def test_scorecards_page_for_agents(client, login_as, world):
    login_as(client, world.agent_a)
    text = client.get("/monitoring/scorecards").get_data(as_text=True)
    assert "Phone contact" in text and "auto-fail" in text


def test_an_agents_evaluations_page_and_sort_on_the_server(client, login_as, world,
                                                           make_evaluation):
    for i in range(30):
        make_evaluation(world.sup_a, world.agent_a, contact_ref=f"CALL-{i:02d}",
                        contact_date=TODAY - timedelta(days=2 + i))
    login_as(client, world.sup_a)
    first = client.get(f"/monitoring/agents/{world.agent_a.id}").get_data(as_text=True)
    assert "Page 1 of 2 · 30 evaluations" in first
    by_ref = client.get(f"/monitoring/agents/{world.agent_a.id}?sort=reference&dir=desc"
                        ).get_data(as_text=True)
    assert 'aria-sort="descending"' in by_ref and "CALL-29" in by_ref and "CALL-00" not in by_ref
    second = client.get(f"/monitoring/agents/{world.agent_a.id}?sort=reference&dir=desc&page=2"
                        ).get_data(as_text=True)
    assert "Page 2 of 2" in second and "CALL-00" in second and "CALL-29" not in second
