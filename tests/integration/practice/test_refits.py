"""Trainers correct the scorer: the "not sure" queue, refits, and the grade they set."""

from app.extensions import db
from app.practice import library, refits, services
from app.practice.models import RatedExample, ScorerRefit
from app.practice.scoring.calibration import CRITERIA
from app.practice.scoring.written import scoring_contact
from app.replies import score_reply


def _answer(shift, clock, text):
    first = services.shift_state(shift, services.rebuild(shift))["queue"][0]
    services.open_contact(shift, first["sim_id"], clock(1))
    response = services.submit(shift, text, clock(30))
    db.session.commit()
    return response


def test_a_not_sure_reply_waits_for_its_trainer_until_rated(
        client, login_as, coaching, scripted, clock, create_user):
    trainee, trainer = coaching
    response = _answer(scripted, clock, "Hi Grace, I'm Eli. The price went down, I'll check.")
    assert response.confident is not None
    response.confident = False
    db.session.commit()
    login_as(client, trainer)
    queue = client.get("/practice/coaching/review").get_data(as_text=True)
    assert "Tia Trainee" in queue and "I&#39;ll check" in queue
    saved = client.post(f"/practice/coaching/rate?response_id={response.id}", data={
        "contact_id": response.contact_id, "text": response.text, "overall": "2",
        "uses_customer_name": "y", "introduces_self": "y"})
    assert saved.status_code == 302 and saved.location.endswith("/practice/coaching/review")
    assert db.session.scalars(db.select(RatedExample)).one().source_response_id == response.id
    assert "Nothing to review" in client.get("/practice/coaching/review").get_data(as_text=True)

    other = create_user("trainer", name="Other Trainer")
    login_as(client, other)
    assert "Tia Trainee" not in client.get("/practice/coaching/review").get_data(as_text=True)
    assert client.get(f"/practice/coaching/rate?response_id={response.id}").status_code == 404


def test_refit_measures_on_held_out_contacts_and_keeps_the_rules_when_they_agree(
        client, login_as, coaching):
    _, trainer = coaching
    contacts = library.written_contacts()
    assert len(contacts) >= 4
    for cid, contact in sorted(contacts.items()):
        for text in (contact["model_reply"], f"Hello {contact['customer']['name']}, thanks "
                     "for writing. We will look into your request and get back to you."):
            result = score_reply(scoring_contact(contact), text)
            db.session.add(RatedExample(
                contact_id=cid, text=text, overall=result.overall, rater_id=trainer.id,
                ratings={c: int(result.criteria[c] == (2 if c == "resolves_accurately" else 1))
                         for c in CRITERIA}))
    db.session.commit()
    login_as(client, trainer)
    done = client.post("/practice/coaching/scorer/refit")
    assert done.status_code == 303
    refit = db.session.scalars(db.select(ScorerRefit)).one()
    assert refit.in_use is False and refit.params is None
    assert refit.report["overall"]["rules"]["qwk"] == 1.0
    assert refit.report["criteria"]["honest"]["kappa"] == 1.0
    page = client.get("/practice/coaching/scorer").get_data(as_text=True)
    assert "Rules in use" in page and "Length only (baseline)" in page and "1.00" in page


def test_too_few_ratings_say_why_nothing_is_refit(client, login_as, coaching):
    _, trainer = coaching
    login_as(client, trainer)
    client.post("/practice/coaching/scorer/refit")
    page = client.get("/practice/coaching/scorer").get_data(as_text=True)
    assert "Needs at least 30 rated replies" in page


def test_a_refit_in_use_sets_new_grades_within_the_rules_band(coaching, scripted, clock):
    _, trainer = coaching
    flat = {"coef": [0.0] * (len(CRITERIA) + 2), "intercept": 5.0}
    refit = ScorerRefit(trained_by=trainer.id, n_examples=40, in_use=True, params=flat,
                        report={})
    db.session.add(refit)
    db.session.commit()
    wrong = _answer(scripted, clock, (
        "Hi Grace, I'm Eli. Your Lumen monitor qualifies for a price adjustment. I've "
        "refunded the $25 difference to your card."))
    assert wrong.model_version == f"{refits.SCORER}+refit{refit.id}"
    assert wrong.model_grade == 2
