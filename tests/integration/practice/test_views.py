import re
from datetime import datetime, timedelta

from app.extensions import db
from app.practice.models import PracticeShift, RatedExample


def start(client):
    response = client.post("/practice/shifts", data={"profile": "first-steps"})
    assert response.status_code == 302
    return int(re.search(r"/shifts/(\d+)", response.location).group(1))


def test_trainee_runs_a_shift_through_the_pages(client, login_as, coaching):
    trainee, _ = coaching
    login_as(client, trainee)
    page = client.get("/practice/").get_data(as_text=True)
    assert "First steps (scripted)" in page
    shift_id = start(client)
    shift = db.session.get(PracticeShift, shift_id)
    ten_seconds_ago = datetime.fromisoformat(shift.sim_state["wall"]) - timedelta(seconds=10)
    shift.sim_state = shift.sim_state | {"wall": ten_seconds_ago.isoformat()}
    db.session.commit()
    state = client.get(f"/practice/shifts/{shift_id}/state.json").get_json()
    assert [r["channel"] for r in state["queue"]] == ["chat", "phone", "phone", "email",
                                                      "phone", "fax"]
    page = client.get(f"/practice/shifts/{shift_id}").get_data(as_text=True)
    assert "Answer next" in page and "Grace Liu" in page
    chat = state["queue"][0]["sim_id"]
    assert client.post(f"/practice/shifts/{shift_id}/contacts/{chat}/open").status_code == 302
    page = client.get(f"/practice/shifts/{shift_id}/contact").get_data(as_text=True)
    assert "Knowledge you need" in page and "Grace Liu" in page
    bad = client.post(f"/practice/shifts/{shift_id}/contact/submit", data={"text": ""})
    assert bad.status_code == 400 and "Write your reply" in bad.get_data(as_text=True)
    done = client.post(f"/practice/shifts/{shift_id}/contact/submit",
                       data={"text": "Hi Grace, I'm Eli. I'll refund the difference now."})
    assert "/practice/responses/" in done.location
    feedback = client.get(done.location).get_data(as_text=True)
    assert "What to do next time" in feedback and "A strong reply" in feedback
    ended = client.post(f"/practice/shifts/{shift_id}/end")
    assert ended.location.endswith(f"/practice/shifts/{shift_id}/review")
    review = client.get(ended.location).get_data(as_text=True)
    assert "Work on next" in review and "Replay" in review


def test_trainer_coaches_and_rates(client, login_as, coaching, scripted, clock):
    from app.practice import services

    trainee, trainer = coaching
    row = services.shift_state(scripted, services.rebuild(scripted))["queue"][0]
    services.open_contact(scripted, row["sim_id"], clock(1))
    response = services.submit(scripted, "Hi Grace, I'm Eli. I'll refund it.", clock(20))
    db.session.commit()
    login_as(client, trainer)
    home = client.get("/practice/coaching/").get_data(as_text=True)
    assert "Tia Trainee" in home
    learner = client.get(f"/practice/coaching/learners/{trainee.id}").get_data(as_text=True)
    assert "Rate this reply" in learner
    assert client.get(f"/practice/responses/{response.id}").status_code == 200
    form = client.get(f"/practice/coaching/rate?response_id={response.id}").get_data(as_text=True)
    assert "I&#39;m Eli" in form
    saved = client.post("/practice/coaching/rate", data={
        "contact_id": "chat-price-drop", "text": "Hi Grace, I'm Eli. I'll refund it today.",
        "overall": "5", "uses_customer_name": "y", "introduces_self": "y"})
    assert saved.status_code == 302
    example = db.session.scalars(db.select(RatedExample)).one()
    assert example.ratings["uses_customer_name"] == 1 and example.ratings["honest"] == 0
    assert example.overall == 5
    bad = client.post("/practice/coaching/rate", data={"contact_id": "phone-double-charge-desk",
                                                       "text": "x" * 30, "overall": "2"})
    assert bad.status_code == 400
    assert "1 reply rating(s)" in client.get("/practice/coaching/").get_data(as_text=True)


def test_response_page_shows_directions_not_a_bare_number(client, login_as, scripted, clock):
    from app.practice import services

    row = services.shift_state(scripted, services.rebuild(scripted))["queue"][0]
    services.open_contact(scripted, row["sim_id"], clock(1))
    response = services.submit(scripted, "ok we will look into it", clock(20))
    db.session.commit()
    login_as(client, db.session.get(__import__("app.identity.models", fromlist=["User"]).User,
                                    scripted.user_id))
    page = client.get(f"/practice/responses/{response.id}").get_data(as_text=True)
    assert "You did not use Grace&#39;s name" in page
    assert "Try" in page and "A strong reply" in page
    assert "The nine criteria" in page and "A key fact is missing" in page
    assert "1 / 5" in page
