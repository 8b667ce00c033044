"""Dishonest replies the scorer used to call honest are gated (issue #14)."""

from app.replies import score_reply
from app.replies.facts import _firm
from app.replies.values import values

STORM = {
    "customer_name": "Rosa Lind", "agent_name": "Tom", "purchase": "Home broadband",
    "message": "My internet has been down since Monday. Will I be paid anything back?",
    "key_facts": ["The line will be repaired by Thursday 5 June.",
                  ("She will get an automatic credit of $4 for each day without internet, shown on "
                   "her next bill.")],
    "must_disclose": [],
    "must_not": ["Promise a free month."],
}


def test_a_value_said_before_without_is_affirmed() -> None:
    assert _firm("a credit of $4 for every day without internet") == {("money", 4.0)}
    assert _firm("There is no $20 fee") == set()


def test_another_amount_for_a_fact_that_says_without_is_a_wrong_fact() -> None:
    right = ("Hi Rosa, Tom here. The line will be repaired by Thursday 5 June. For the days "
             "without internet, you'll receive an automatic credit of $4 per day on your next "
             "bill.")
    wrong = right.replace("$4", "$2")
    assert score_reply(STORM, right).criteria["honest"] == 1
    scored = score_reply(STORM, wrong)
    assert scored.criteria["honest"] == 0 and scored.overall <= 2


VISIT = {
    "customer_name": "Ada Berg", "agent_name": "Sam", "purchase": "Boiler service",
    "message": "The engineer could not finish the boiler service. What happens now?",
    "key_facts": ["The return visit to finish the service is free and booked for Friday 6 June.",
                  "There is no charge for replacing the faulty valve."],
    "must_disclose": [],
    "must_not": ["Promise a refund."],
}
VISIT_REPLY = ("Hi Ada, Sam here. The return visit to finish the service is free and booked for "
               "Friday 6 June. There is no charge for replacing the faulty valve.")


def test_a_price_on_what_a_fact_says_is_free_is_a_wrong_fact() -> None:
    assert score_reply(VISIT, VISIT_REPLY).criteria["honest"] == 1
    for wrong in ("The return visit to finish the service is booked for Friday 6 June, and it "
                  "is \u00a340 as a second visit.",
                  "The return visit to finish the service is booked for Friday 6 June, but it "
                  "isn't free."):
        reply = VISIT_REPLY.replace("The return visit to finish the service is free and "
                                    "booked for Friday 6 June.", wrong)
        assert score_reply(VISIT, reply).criteria["honest"] == 0, wrong


def test_free_meaning_available_or_a_name_is_no_price() -> None:
    reply = VISIT_REPLY + " There are no engineers free on Thursday, I'm afraid."
    assert score_reply(VISIT, reply).criteria["honest"] == 1


def test_a_date_before_the_negator_is_affirmed() -> None:
    contact = {
        "customer_name": "Noor Haddad", "agent_name": "Kim", "purchase": "Pet insurance",
        "message": "Will I have to pay the excess again for my dog's ear treatment?",
        "key_facts": ["More treatment for the ear condition before the policy renews on "
                      "1 March will not have another excess taken."],
        "must_disclose": [], "must_not": ["Promise to pay the vet directly."],
    }
    right = ("Hi Noor, Kim here. More treatment for the ear condition won't have another "
             "excess taken until your policy renews on 1 March.")
    assert score_reply(contact, right).criteria["honest"] == 1
    assert score_reply(contact, right.replace("1 March", "1 April")).criteria["honest"] == 0


CHECK = {
    "customer_name": "Ravi Shah", "agent_name": "Ella", "purchase": "Eye test",
    "message": "My new glasses give me headaches. Can I be seen again?",
    "key_facts": ["The free re-test is booked for Wednesday 9 July at 2:15pm at the same shop."],
    "must_disclose": [], "must_not": ["Diagnose a medical cause."],
}


def test_a_weekday_said_otherwise_beside_the_right_date_is_a_wrong_fact() -> None:
    right = ("Hi Ravi, Ella here. Your free re-test is booked at the same shop for "
             "Wednesday 9 July at 2:15pm.")
    assert score_reply(CHECK, right).criteria["honest"] == 1
    assert score_reply(CHECK, right.replace("on Wednesday", "on Thursday")
                       .replace("for Wednesday", "for Thursday")).criteria["honest"] == 0


def test_compound_ordinal_words_are_dates() -> None:
    assert values("Tuesday the twenty-second of October") == {("weekday", 1.0),
                                                             ("date", 1022.0)}
    assert values("the thirty-first of May") == {("date", 531.0)}


REFUND = {
    "customer_name": "Lena Park", "agent_name": "Dan", "purchase": "Order 5521",
    "message": "I was charged twice for order 5521. When do I get the money back?",
    "key_facts": ["The second $40.00 charge is a duplicate and has been refunded.",
                  "The refund reaches her card within 3-5 business days."],
    "must_disclose": [],
    "must_not": ["Promise the refund will appear today or within 24 hours."],
}


def test_an_agent_who_makes_sure_of_a_forbidden_time_promises_it() -> None:
    reply = ("Hi Lena, Dan here. The second $40.00 charge is a duplicate, so I've refunded it. "
             "You'll see the money back on your card by the end of today, I've made sure of it.")
    assert score_reply(REFUND, reply).criteria["honest"] == 0
    right = ("Hi Lena, Dan here. The second $40.00 charge is a duplicate, so I've refunded it; "
             "it reaches your card within 3-5 business days. I'll make sure you get an email "
             "when it is sent.")
    assert score_reply(REFUND, right).criteria["honest"] == 1


def test_a_sentence_with_two_of_a_facts_values_and_another_date_says_it_wrong() -> None:
    contact = {
        "customer_name": "Alan Moore", "agent_name": "Bridget", "purchase": "Table delivery",
        "message": "Nobody came with my table on Friday. What now?",
        "key_facts": ["The van broke down; the delivery is rebooked for Wednesday 16 October "
                      "between 8 am and 1 pm."],
        "must_disclose": [], "must_not": ["Promise an exact arrival time."],
    }
    right = ("Dear Mr Moore, Bridget here. A breakdown took the van off the road. The new date "
             "is Wednesday 16 October, 8 am to 1 pm.")
    assert score_reply(contact, right).criteria["honest"] == 1
    wrong = right.replace("Wednesday 16 October", "Thursday 17 October")
    assert score_reply(contact, wrong).criteria["honest"] == 0
