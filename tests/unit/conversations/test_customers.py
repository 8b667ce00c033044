"""Simulated customers answer what the trainee actually wrote (shipped customers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.conversations import ConversationError, case_of, respond, score_transcript, start
from app.conversations.schema import CustomerSpec
from app.yaml_reader import load_yaml

ROOT = Path(__file__).resolve().parents[3]
PRACTICE = ROOT / "courses" / "practice"


def _load(customer_id: str) -> tuple[CustomerSpec, dict]:
    spec = CustomerSpec.model_validate(load_yaml(
        (PRACTICE / "customers" / f"{customer_id}.yaml").read_text(), customer_id))
    contact = load_yaml((PRACTICE / "contacts" / f"{spec.contact}.yaml").read_text(), "c")
    return spec, case_of(contact)


def _talk(customer_id: str, *turns: str) -> dict:
    spec, case = _load(customer_id)
    state = start(spec)
    for turn in turns:
        state = respond(spec, case, state, turn)
    return state


def _last(state: dict) -> str:
    return state["turns"][-1]["text"]


ROSA_OPENING = ("Hello, I'm Sam. I'm so sorry you were kept on hold and charged twice, "
                "that must be really frustrating. Which card did you pay with?")


def test_a_good_call_runs_four_turns_and_resolves():
    state = _talk(
        "rosa-double-charge", ROSA_OPENING,
        "Thanks Rosa. The second $549 charge is a duplicate and is being reversed.",
        "The money returns to the card within 3 to 5 business days. A confirmation e-mail "
        "is sent today.",
        "I will check your card myself on Friday and call you back by 5 pm if it is not "
        "there.")
    assert state["ended"] == "resolved"
    agent = [t for t in state["turns"] if t["who"] == "agent"]
    assert len(agent) == 4
    assert "Visa ending 4417" in state["turns"][2]["text"]  # asked the right question
    assert state["turns"][-1]["mood"] == "pleased"


def test_a_wrong_fact_gets_pushback_and_the_right_one_moves_on():
    start_turns = (ROSA_OPENING, "Thanks Rosa. The second $549 charge is a duplicate and is "
                                 "being reversed.")
    email = " A confirmation e-mail is sent today."
    wrong = _talk("rosa-double-charge", *start_turns,
                  "The money returns to the card within 10 business days." + email)
    right = _talk("rosa-double-charge", *start_turns,
                  "The money returns to the card within 3 to 5 business days." + email)
    assert "not what I'm seeing" in _last(wrong)
    assert wrong["node"] == "timing"  # the conversation did not move on
    assert "not what I'm seeing" not in _last(right)
    assert right["node"] == "written"
    assert wrong["mood"] < right["mood"]


def test_a_specific_apology_calms_a_generic_one_does_not():
    specific = _talk("rosa-double-charge", "I'm sorry, being charged twice after twenty "
                                           "minutes on hold must be really frustrating.")
    generic = _talk("rosa-double-charge", "We apologize for any inconvenience.")
    assert specific["mood"] > generic["mood"]
    assert specific["node"] == "waiting-for-question"
    assert generic["node"] == "opening"
    assert generic["patience"] < specific["patience"]


def test_rudeness_makes_an_irate_customer_hang_up():
    state = _talk("rosa-double-charge", "Calm down. It's not my problem, your bank did this.")
    assert state["ended"] == "hung_up"
    assert "dispute it with my card company" in _last(state)
    spec, case = _load("rosa-double-charge")
    with pytest.raises(ConversationError):
        respond(spec, case, state, "Sorry, let me try again.")


def test_stalling_uses_up_patience():
    state = _talk("daniel-office-desks", "Okay.", "Hmm, let me see.")
    assert state["ended"] == "hung_up"
    assert "Hannah Cole" in _last(state)


def test_closing_before_the_goal_is_met_is_refused():
    state = _talk("grace-price-drop", "Hi Grace, I'm Tom. Is there anything else I can help "
                                      "you with today?")
    assert state["ended"] is None
    assert "do I get the $40 back" in _last(state)


def test_a_chat_customer_resolves_when_every_fact_is_given():
    state = _talk("omar-tracking", "Hi Omar, I'm Sam. What is the order number?",
                  "Thanks. The parcel is at the local depot and out for delivery today "
                  "before 6 p.m.",
                  "If it has not arrived by the end of the day, a replacement is sent by "
                  "express.")
    assert "HL-50671" in state["turns"][2]["text"]
    assert state["ended"] == "resolved"


def test_the_transcript_is_scored_with_the_turn_that_earned_each_point():
    state = _talk("rosa-double-charge", ROSA_OPENING,
                  "Thanks Rosa. The second $549 charge is a duplicate and is being reversed.")
    _, case = _load("rosa-double-charge")
    report = score_transcript(case, state["turns"])
    assert report["turns"] == 2
    assert report["criteria"]["introduces_self"] == {
        "score": 1, "evidence": "Hello, I'm Sam.", "turn": 1}
    assert report["criteria"]["uses_customer_name"]["turn"] == 2
    assert report["criteria"]["resolves_accurately"]["score"] < 2
    assert report["criteria"]["resolves_accurately"]["evidence"].startswith("Missing:")
