"""Try a contact again, compare the attempts, and the private progress chart."""

import re

import pytest

from app.extensions import db
from app.practice import attempts, progress, services
from app.practice.models import PracticeResponse, PracticeShift
from app.practice.scoring import CRITERIA

ROSA = "phone-double-charge-desk"
GOOD_CALL = [
    "Hello, I'm Sam. I'm so sorry you were charged twice, that must be really frustrating. "
    "Which card did you pay with?",
    "Thanks Rosa. The second $549 charge is a duplicate and is being reversed.",
    "The money returns to the card within 3 to 5 business days. A confirmation e-mail is "
    "sent today.",
    "I will check your card myself on Friday and call you back by 5 pm if it is not there.",
]


@pytest.fixture
def first_call(coaching, clock):
    """A live shift in which the trainee answered Rosa briefly, then ended the shift."""
    trainee, _ = coaching
    shift = services.start_shift(trainee.id, "live-10", clock(), seed=3)
    rosa = next(r for r in services.shift_state(shift, services.sync(shift, clock(10)))["queue"]
                if r["contact_id"] == ROSA)
    services.open_contact(shift, rosa["sim_id"], clock(1))
    services.say(shift, rosa["sim_id"], "Hi, what is the order number?", clock(10))
    response = services.submit(shift, "", clock(5), rosa["sim_id"])
    services.end_shift(shift, clock(30))
    db.session.commit()
    return shift, response


def _retry_and_talk(trainee, response, clock, turns):
    shift = attempts.retry(trainee.id, response, clock(60))
    sim_id = services.opened(shift)[0]["sim_id"]
    for text in turns:
        services.say(shift, sim_id, text, clock(15))
    again = services.submit(shift, "", clock(5), sim_id)
    assert attempts.close_if_retry(shift, clock(1))
    db.session.commit()
    return shift, again


def test_a_retry_is_a_one_contact_shift_that_leaves_the_live_shift_alone(coaching, first_call,
                                                                         clock):
    trainee, _ = coaching
    shift, response = first_call
    before = dict(shift.sim_state)
    retry = attempts.retry(trainee.id, response, clock(60))
    db.session.commit()
    assert retry.id != shift.id and retry.profile == "retry" and retry.status == "running"
    assert retry.sim_state["retry_of"] == response.id
    assert [p["contact_id"] for p in retry.sim_state["practice"]] == [ROSA]
    view = services.open_contact_view(retry)
    assert view["contact"]["id"] == ROSA and view["talk"]["turns"][0]["who"] == "customer"
    assert shift.sim_state == before
    # the simulator still owns the retry: rebuilt from its own log
    assert services.rebuild(retry).actions[-1]["kind"] == "start"
    with pytest.raises(attempts.AttemptError, match="Finish the shift"):
        attempts.retry(trainee.id, response, clock(1))


def test_a_retry_is_refused_for_someone_else(create_user, first_call, clock):
    _, response = first_call
    other = create_user("employee")
    with pytest.raises(attempts.AttemptError, match="your own"):
        attempts.retry(other.id, response, clock(1))


def test_attempts_are_compared_criterion_by_criterion(coaching, first_call, clock):
    trainee, _ = coaching
    _, response = first_call
    retry, again = _retry_and_talk(trainee, response, clock, GOOD_CALL)
    assert retry.status == "ended" and services.opened(retry) == []
    view = attempts.compare(trainee.id, again, None)
    assert [x["id"] for x in view["attempts"]] == [response.id, again.id]
    assert (view["a"]["n"], view["b"]["n"]) == (1, 2) and not view["single"]
    rows = {r["name"]: r for r in view["rows"]}
    assert list(rows) == list(CRITERIA)
    assert rows["introduces_self"]["passed"] == [False, True]
    assert rows["introduces_self"]["change"] == "better"
    met = [sum(r["passed"][k] for r in view["rows"]) for k in (0, 1)]
    assert met == [view["a"]["met"], view["b"]["met"]] and view["met_change"] == met[1] - met[0]
    assert met[1] > met[0]
    assert view["b"]["words"][1] == {"who": "agent", "text": GOOD_CALL[0]}
    assert view["a"]["words"][1]["text"] == "Hi, what is the order number?"
    assert view["b"]["retry"] and not view["a"]["retry"]
    # the same pair, asked from the first attempt
    assert attempts.compare(trainee.id, response, again.id)["b"]["id"] == again.id


def test_compare_refuses_other_contacts_and_other_people(coaching, create_user, first_call,
                                                       scripted, clock):
    trainee, _ = coaching
    _, response = first_call
    row = services.shift_state(scripted, services.rebuild(scripted))["queue"][0]
    services.open_contact(scripted, row["sim_id"], clock(1))
    chat = services.submit(scripted, "Hi Grace, I'm Eli. I'll refund it.", clock(20))
    db.session.flush()
    assert attempts.compare(trainee.id, response, chat.id) is None
    assert attempts.compare(create_user("employee").id, response, None) is None
    assert attempts.compare(trainee.id, response, None)["single"]


def _client_talk(client, shift_id, texts):
    page = client.get(f"/practice/shifts/{shift_id}/contact").get_data(as_text=True)
    sim_id = int(re.search(r"/contacts/(\d+)/say", page).group(1))
    for text in texts:
        assert client.post(f"/practice/shifts/{shift_id}/contacts/{sim_id}/say",
                           data={"text": text}).status_code == 302
    return client.post(f"/practice/shifts/{shift_id}/contact/submit?c={sim_id}")


def test_the_learner_retries_from_the_result_page_and_sees_the_comparison(client, login_as,
                                                                          coaching, first_call):
    trainee, _ = coaching
    _, response = first_call
    login_as(client, trainee)
    result = client.get(f"/practice/responses/{response.id}").get_data(as_text=True)
    assert "Try this contact again" in result
    review = client.get(f"/practice/shifts/{response.shift_id}/review").get_data(as_text=True)
    assert f"/practice/responses/{response.id}/retry" in review
    replay = review[review.index("<h2>Replay</h2>"):]
    assert re.search(rf"You finished Rosa Delgado[^<]*· <a href=\"/practice/responses/"
                     rf"{response.id}\">feedback</a> · <a href=\"/practice/responses/"
                     rf"{response.id}/attempts\">your attempts</a>", replay)
    started = client.post(f"/practice/responses/{response.id}/retry")
    assert started.status_code == 302 and started.location.endswith("/contact")
    shift_id = int(re.search(r"/shifts/(\d+)/contact", started.location).group(1))
    page = client.get(started.location).get_data(as_text=True)
    assert "Call with Rosa Delgado" in page and "outside the queue" in page
    assert 'id="practice-desk"' not in page
    done = _client_talk(client, shift_id, GOOD_CALL)
    again = db.session.scalars(db.select(PracticeResponse).filter_by(shift_id=shift_id)).one()
    assert done.location.endswith(f"/practice/responses/{again.id}/attempts")
    compare = client.get(done.location).get_data(as_text=True)
    assert "Attempt 1 and attempt 2 side by side" in compare
    assert "Hi, what is the order number?" in compare and GOOD_CALL[3] in compare
    assert re.search(r'data-criterion="introduces_self">.*?not yet.*?met.*?now met', compare,
                     re.S)
    assert db.session.get(PracticeShift, shift_id).status == "ended"
    retry_again = client.post(f"/practice/responses/{again.id}/retry")
    assert retry_again.status_code == 302
    refused = client.post(f"/practice/responses/{again.id}/retry", follow_redirects=True)
    assert "Finish the shift you have running first" in refused.get_data(as_text=True)


def test_a_written_contact_is_retried_and_graded_again(client, login_as, coaching, scripted,
                                                       clock):
    trainee, _ = coaching
    row = services.shift_state(scripted, services.rebuild(scripted))["queue"][0]
    services.open_contact(scripted, row["sim_id"], clock(1))
    first = services.submit(scripted, "We can refund it.", clock(20))
    services.end_shift(scripted, clock(5))
    db.session.commit()
    login_as(client, trainee)
    started = client.post(f"/practice/responses/{first.id}/retry")
    page = client.get(started.location).get_data(as_text=True)
    assert "Your reply" in page and "trying again, outside the queue" in page
    shift_id = int(re.search(r"/shifts/(\d+)/contact", started.location).group(1))
    sim_id = int(re.search(r"contact/submit\?c=(\d+)", page).group(1))
    reply = ("Hi Grace, I'm Eli from Harborlight. I understand how annoying it is to see the "
             "price drop right after buying. Your purchase is within the 14-day price "
             "guarantee, so I have refunded the difference to your card today; you will get "
             "a confirmation e-mail within the hour.")
    done = client.post(f"/practice/shifts/{shift_id}/contact/submit?c={sim_id}",
                       data={"text": reply})
    compare = client.get(done.location).get_data(as_text=True)
    assert "We can refund it." in compare and "Eli from Harborlight" in compare
    second = db.session.scalars(db.select(PracticeResponse).filter_by(shift_id=shift_id)).one()
    assert f"Grade {int(first.model_grade)} / 5, then {int(second.model_grade)} / 5" in compare


def _ended_shift(trainee, clock, seed, replies):
    shift = services.start_shift(trainee.id, "first-steps", clock(), seed=seed)
    services.sync(shift, clock(30))
    for text in replies:
        row = services.shift_state(shift, services.sync(shift, clock(1)))["queue"][0]
        services.open_contact(shift, row["sim_id"], clock(1))
        services.submit(shift, text, clock(20))
    services.end_shift(shift, clock(5))
    db.session.commit()
    return shift


def test_the_trend_has_one_point_per_shift_per_criterion(coaching, clock):
    trainee, _ = coaching
    weak = _ended_shift(trainee, clock, 1, ["We can refund it."])
    strong = _ended_shift(trainee, clock, 2, [
        "Hi Grace, I'm Eli. I'm sorry the price dropped right after you bought the chair. "
        "I have refunded the difference today; you will get an e-mail within the hour."])
    data = progress.trend(trainee.id)
    assert [s["id"] for s in data["shifts"]] == [weak.id, strong.id]
    for shift, column in ((weak, 0), (strong, 1)):
        rubric = shift.responses[0].rubric
        for name in CRITERIA:
            assert data["series"][name][column] == (100 if rubric[name]["passed"] else 0)
        met = sum(bool(rubric[c]["passed"]) for c in CRITERIA)
        assert data["series"]["overall"][column] == round(100 * met / len(CRITERIA))
    assert data["series"]["introduces_self"] == [0, 100]
    svg = str(data["charts"]["introduces_self"])
    assert "<title" in svg and "shift 1: 0%, shift 2: 100%" in svg
    assert 'role="img"' in svg and "style=" not in svg
    assert svg.count("<circle") == 2 and "<polyline" in svg


def test_the_trend_page_is_private(client, login_as, coaching, users, create_user,
                                   first_call, clock):
    trainee, trainer = coaching
    _, response = first_call
    _retry_and_talk(trainee, response, clock, GOOD_CALL[:1])
    login_as(client, trainee)
    page = client.get("/practice/progress").get_data(as_text=True)
    assert page.count('class="trend-svg"') == len(CRITERIA) + 1
    assert page.count("<td class=\"num\">") == len(CRITERIA) + 1  # one shift: the retry is not
    assert "Uses the customer" in page and 'id="trend-table"' in page
    outsider = create_user("employee")
    login_as(client, outsider)
    mine = client.get("/practice/progress").get_data(as_text=True)
    assert "No finished shift yet" in mine and "trend-svg" not in mine
    assert client.get(f"/practice/responses/{response.id}/attempts").status_code == 404
    assert client.post(f"/practice/responses/{response.id}/retry").status_code == 404
    for user in (trainer, users["supervisor"], users["admin"]):
        login_as(client, user)
        assert client.get("/practice/progress").status_code == 403
        assert client.get(f"/practice/responses/{response.id}/attempts").status_code == 403


def test_learner_and_coaching_pages_name_contacts_by_title(client, login_as, coaching,
                                                           first_call):
    trainee, trainer = coaching
    shift, response = first_call
    subject = "charged twice for one standing desk"
    login_as(client, trainee)
    for url in (f"/practice/shifts/{shift.id}/review", f"/practice/responses/{response.id}",
                f"/practice/responses/{response.id}/attempts"):
        text = re.sub(r"<[^>]+>", " ", client.get(url).get_data(as_text=True))
        assert ROSA not in text, url
        assert subject in text.lower(), url
    login_as(client, trainer)
    page = client.get(f"/practice/coaching/learners/{trainee.id}").get_data(as_text=True)
    assert f">{ROSA}<" not in page and "Live shift, 10 minutes" in page
