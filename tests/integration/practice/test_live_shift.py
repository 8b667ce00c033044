"""A live shift: the clock runs while contacts are open, customers keep arriving, talk
back in free text, and hang up when left waiting (the live-10 profile)."""

import pytest

from app.extensions import db
from app.practice import services
from app.routing import InteractiveShift

ROSA = "phone-double-charge-desk"


@pytest.fixture
def live(coaching, clock):
    trainee, _ = coaching
    shift = services.start_shift(trainee.id, "live-10", clock(), seed=3)
    db.session.commit()
    return shift


def _queue(shift, now):
    return services.shift_state(shift, services.sync(shift, now))["queue"]


def _row(shift, now, contact_id):
    return next(r for r in _queue(shift, now) if r["contact_id"] == contact_id)


def test_the_clock_runs_while_a_call_is_open_and_a_chat_arrives(live, clock):
    call = _row(live, clock(10), ROSA)
    services.open_contact(live, call["sim_id"], clock(1))
    db.session.commit()
    before = services.rebuild(live).now
    assert [r["contact_id"] for r in _queue(live, clock(5))] == []
    queue = _queue(live, clock(40))
    assert services.rebuild(live).now == pytest.approx(before + 45)
    assert [r["channel"] for r in queue] == ["chat"]
    with pytest.raises(services.PracticeError, match="busy"):
        services.open_contact(live, queue[0]["sim_id"], clock(1))


def test_a_call_is_a_free_text_conversation_that_answers_what_was_said(live, clock):
    call = _row(live, clock(10), ROSA)
    services.open_contact(live, call["sim_id"], clock(1))
    sim_id = call["sim_id"]
    turns = [
        "Hello, I'm Sam. I'm so sorry you were charged twice, that must be really "
        "frustrating. Which card did you pay with?",
        "Thanks Rosa. The second $549 charge is a duplicate and is being reversed.",
        "The money returns to the card within 10 business days.",
        "Sorry, my mistake. The money returns to the card within 3 to 5 business days. A "
        "confirmation e-mail is sent today.",
        "I will check your card myself on Friday and call you back by 5 pm if it is not "
        "there.",
    ]
    answers = [services.say(live, sim_id, t, clock(20))["turns"][-1]["text"] for t in turns]
    assert "Visa ending 4417" in answers[0]
    assert "not what I'm seeing" in answers[2]  # the wrong fact is pushed back
    assert "not what I'm seeing" not in answers[3]
    assert len(set(answers)) == len(answers)
    talk = services.open_contact_view(live, sim_id)["talk"]
    assert talk["ended"] == "resolved" and talk["turns"][-1]["at"]
    with pytest.raises(services.PracticeError, match="ended"):
        services.say(live, sim_id, "Anything else?", clock(5))
    response = services.submit(live, "", clock(5), sim_id)
    db.session.commit()
    assert len(response.transcript) == 11
    assert response.rubric["introduces_self"] == {
        "name": "introduces_self", "passed": True, "evidence": "Hello, I'm Sam.", "turn": 1,
        "missing": []}
    assert response.rubric["uses_customer_name"]["turn"] == 2
    assert response.rubric["resolves_accurately"]["passed"]  # corrected in turn 4
    slip = next(f for f in response.feedback if f["label"] == "Wrong fact")
    assert slip["turn"] == 3 and "10 business days" in slip["quote"]
    outcome = next(f for f in response.feedback if f["kind"] == "outcome")
    assert "resolved" in outcome["text"] and "5 turn(s)" in outcome["text"]
    assert services.opened(live) == []


def test_a_customer_left_waiting_hangs_up(live, clock):
    _queue(live, clock(110))
    daniel = _row(live, clock(0), "phone-missed-office-delivery")
    assert daniel["waited"] < 120
    state = services.shift_state(live, services.sync(live, clock(130)))
    assert "phone-missed-office-delivery" not in [r["contact_id"] for r in state["queue"]]
    assert state["abandoned"] >= 1


def test_two_chats_at_once_but_not_three(live, clock):
    _queue(live, clock(210))
    chats = [r for r in _queue(live, clock(0)) if r["channel"] == "chat"]
    assert len(chats) == 2
    services.open_contact(live, chats[0]["sim_id"], clock(1))
    services.open_contact(live, chats[1]["sim_id"], clock(1))
    third = next(r for r in _queue(live, clock(210)) if r["channel"] == "chat")
    with pytest.raises(services.PracticeError, match="2 chat"):
        services.open_contact(live, third["sim_id"], clock(1))
    phone = next(r for r in _queue(live, clock(0)) if r["channel"] == "phone")
    with pytest.raises(services.PracticeError):
        services.open_contact(live, phone["sim_id"], clock(1))
    assert [o["sim_id"] for o in services.opened(live)] == [c["sim_id"] for c in chats[:2]]
    services.say(live, chats[1]["sim_id"], "Hi, I'm Sam. What is the order number?", clock(3))
    assert services.open_contact_view(live, chats[0]["sim_id"])["talk"]["turns"][-1][
        "who"] == "customer"
    assert len(services.open_contact_view(live, chats[1]["sim_id"])["talk"]["turns"]) == 3


def test_the_shift_is_rebuilt_from_its_log_after_a_reload(live, clock):
    call = _row(live, clock(10), ROSA)
    services.open_contact(live, call["sim_id"], clock(30))
    services.say(live, call["sim_id"], "Hi, I'm Sam. What is the order number?", clock(30))
    db.session.commit()
    db.session.expire_all()
    first = services.rebuild(live)
    again = InteractiveShift.from_state(first.to_state())
    assert again.now == first.now and again.snapshot() == first.snapshot()
    view = services.open_contact_view(live)
    assert view["open"]["sim_id"] == call["sim_id"]
    assert "HL-20931" in view["talk"]["turns"][-1]["text"]
    assert first.paused is False


def test_the_summary_counts_your_customers_per_channel_with_the_simulators_metrics(live,
                                                                                    clock):
    call = _row(live, clock(10), ROSA)
    services.open_contact(live, call["sim_id"], clock(2))  # waited 7 s: within 30 s
    services.say(live, call["sim_id"], "Hi Rosa, I'm Sam. What is the order number?",
                 clock(20))
    services.submit(live, "", clock(10), call["sim_id"])
    services.end_shift(live, clock(230))  # 09:04:32: five of the eight have arrived
    channels = live.summary["channels"]
    yours = {r["channel"]: r for r in channels["yours"]}
    assert channels["customers"] == 5 == sum(r["offered"] for r in yours.values())
    assert yours["phone"]["offered"] == 2 and yours["phone"]["answered"] == 1
    assert yours["phone"]["abandoned"] == 1  # Daniel waited past his 120 s
    assert yours["phone"]["service_level"] == 0.5 and yours["phone"]["asa"] == 7
    assert yours["chat"]["offered"] == 2 and yours["chat"]["answered"] == 0
    assert live.summary["hung_up"] == 1
    assert channels["background"] == sum(r["offered"] for r in channels["desk"]) - 5
