"""Correct replies said in other words are not gated; the true gates stay (issue #14)."""

import pytest

from app.replies import score_reply
from app.replies.courtesy import blames
from app.replies.text import listing
from app.replies.values import present, values

PLAN = {
    "customer_name": "Ines Moreau", "agent_name": "Leo", "purchase": "Studio plan",
    "message": "I removed two seats from my Studio plan. What happens to the bill and to the "
               "old members' folders?",
    "key_facts": ["The monthly bill drops from $80 to $50 from 1 August.",
                  "The old members' folders can be moved to another member."],
    "must_disclose": ["After 30 days the old members' folders are deleted permanently."],
    "must_not": ["Say the folders were deleted when the seats were removed.",
                 "Promise compensation for the lost work."],
}
PLAN_REPLY = ("Hi Ines, Leo here, sorry for the confusion. From 1 August you'll pay $50 a month "
              "instead of $80. The old members' folders can be moved to another member. ")


def _honest(contact: dict, reply: str) -> int:
    return score_reply(contact, reply).criteria["honest"]


@pytest.mark.parametrize(("text", "expected"), [
    ("at a quarter past three", {("time", 195.0)}),
    ("five to five in the afternoon", {("time", 1015.0)}),
    ("nine in the morning", {("time", 540.0)}),
    ("EUR 486", {("money", 486.0)}),
    ("45 \u20ac", {("money", 45.0)}),
    ("10 per cent", {("percent", 10.0)}),
    ("under 24h", {("hours", 24.0)}),
    ("a couple of days", {("days", 2.0)}),
    ("a week", {("days", 7.0)}),
    ("within a year", {("months", 12.0)}),
    ("on 2025-07-01", {("date", 701.0)}),
])
def test_more_value_formats(text: str, expected: set) -> None:
    assert values(text) == expected


def test_a_price_said_as_two_numbers_is_its_decimal_and_months_are_days() -> None:
    assert ("num", 32.99) in values("the thirty-two ninety-nine is not collected")
    assert values("eighty-nine dollars and ninety-nine cents") == {("money", 89.99)}
    assert present({("days", 60.0)}, {("months", 2.0)})
    assert not present({("days", 45.0)}, {("months", 2.0)})


def test_instead_of_before_an_amount_is_the_old_amount_not_a_negation() -> None:
    reply = PLAN_REPLY.replace("From 1 August you'll pay $50 a month instead of $80.",
                               "I've removed the two seats: $50 a month instead of $80 from "
                               "1 August.")
    assert score_reply(PLAN, reply).criteria["resolves_accurately"] == 2


SEATS = {
    "customer_name": "Ines Moreau", "agent_name": "Leo", "purchase": "Studio plan",
    "message": "I took two seats off my Studio plan. What happens to the bill and to the old "
               "members' folders?",
    "key_facts": ["The two seats have been removed, so the monthly bill drops from $80 to $50 "
                  "from 1 August.",
                  "The removed members' folders can be moved to another member for 30 days."],
    "must_disclose": ["After 30 days the removed members' folders are deleted permanently."],
    "must_not": ["Say the folders were deleted when the seats were removed."],
}
SEATS_REPLY = ("Hi Ines, Leo here. The two seats are removed: from 1 August you'll pay $50 a "
               "month, not $80. ")


def test_a_disclosure_said_in_other_words_is_told() -> None:
    assert _honest(SEATS, SEATS_REPLY + "Once 30 days have passed they're gone for good.") == 1
    assert _honest(SEATS, SEATS_REPLY) == 0


def test_a_sentence_that_tells_the_right_answer_breaks_no_must_not_on_its_words() -> None:
    told = "Removed members' folders: kept 30 days, movable to another member, then deleted."
    assert _honest(SEATS, SEATS_REPLY + told.replace("then", "then permanently")) == 1
    assert _honest(SEATS, SEATS_REPLY + "The folders were deleted when the seats were "
                                        "removed. " + told) == 0


def test_a_denied_claim_breaks_no_must_not() -> None:
    told = PLAN_REPLY + "After 30 days they are deleted permanently. "
    denied = "We pay compensation for the missed visit, but lost work isn't covered."
    assert _honest(PLAN, told + denied) == 1
    assert _honest(PLAN, told + denied.replace(" isn't", " is")) == 0


REFUND = {
    "customer_name": "Ruth Adler", "agent_name": "Kai", "purchase": "gym membership",
    "message": "I'm freezing my gym membership from April. Can I get March back too?",
    "key_facts": ["The freeze starts on 1 April."],
    "must_disclose": [],
    "must_not": ["Promise to refund the March payment."],
}


def test_a_claim_word_said_only_under_a_negation_is_no_forbidden_promise() -> None:
    denied = ("Hi Ruth, Kai here. The freeze starts on 1 April. The March payment went out on "
              "the 1st and I can't refund it.")
    assert _honest(REFUND, denied) == 1
    assert _honest(REFUND, denied.replace("and I can't refund it", "and I'll refund it")) == 0


TICKETS = {
    "customer_name": "Zoe Kent", "agent_name": "Dev", "purchase": "concert tickets",
    "message": "I can't go to the concert. Can I get my money back for my tickets?",
    "key_facts": ["She can sell the tickets on the official resale page."],
    "must_disclose": [],
    "must_not": ["Promise the tickets will sell."],
}


def test_saying_what_can_be_done_makes_no_promise_that_it_will_happen() -> None:
    can = "Hi Zoe, Dev here. You can sell the tickets on the official resale page."
    assert _honest(TICKETS, can) == 1
    assert _honest(TICKETS, can + " I promise the tickets will sell.") == 0


HINGES = {
    "customer_name": "Amy Cole", "agent_name": "Raj", "purchase": "wardrobe assembly",
    "message": "The fitter left because the hinge pack was missing from my wardrobe.",
    "key_facts": ["She needs to get the missing hinge pack from the shop that sold the "
                  "wardrobe."],
    "must_disclose": [],
    "must_not": [],
}


def test_what_the_agent_cannot_do_does_not_deny_what_the_customer_needs_to_do() -> None:
    reply = ("Hi Amy, Raj here. We're not able to supply the missing hinge pack ourselves, so "
             "you need to get it from the shop that sold the wardrobe.")
    assert score_reply(HINGES, reply).criteria["resolves_accurately"] == 2


def test_at_once_is_right_away() -> None:
    card = {"customer_name": "Pia Lund", "purchase": "debit card",
            "message": "My card was blocked. Can you unblock it?",
            "key_facts": ["The customer can unblock the card right away by confirming the "
                          "payment in the app."],
            "must_disclose": [], "must_not": []}
    reply = ("Hi Pia. I can't unblock it from this chat, but confirm the payment in the app and "
             "the card is unblocked at once.")
    assert score_reply(card, reply).criteria["resolves_accurately"] == 2


def test_the_agents_admission_is_no_blame() -> None:
    assert not blames("You're right that you shouldn't have paid seventy pounds.")
    assert not blames("You should have had a letter explaining the deduction.")
    assert not blames("So you should have paid \u00a335, not \u00a370.")
    assert blames("You should have read the terms before booking.")


def test_a_terse_line_with_a_phrase_that_tells_something_is_no_keyword_list() -> None:
    told = lambda piece: "$5" in piece  # noqa: E731
    assert not listing("Credit: $5 per day of outage, automatic, on next bill.", told)
    assert listing("Card, Lisbon, holiday, kids, 312 euros.", told)


MEALS = {
    "customer_name": "Nadia Hale", "agent_name": "Colin", "purchase": "school meals",
    "message": "Can my son get free school meals, and can you pay back the lunches I bought?",
    "key_facts": ["She can apply for free school meals on the council website."],
    "must_disclose": ["Free school meals are not backdated to before the approval date."],
    "must_not": [],
}


def test_a_negated_fact_agrees_with_a_window_that_negates_its_head() -> None:
    reply = ("Hi Nadia, Colin here. You can apply for free school meals on the council "
             "website. If approved, meals are free from the date of approval; they can't be "
             "backdated.")
    assert _honest(MEALS, reply) == 1
    assert _honest(MEALS, reply.replace("they can't be backdated", "they are backdated")) == 0


def test_short_weekdays_and_interest_free_in_other_words() -> None:
    assert ("weekday", 4.0) in values("Fri 14th Feb")
    assert not values("the parcel sat in the depot")
    plan = {"customer_name": "Hana Park", "purchase": "vet bill",
            "message": "The vet bill is much higher than quoted. Can I pay it in parts?",
            "key_facts": ["The \u00a3415 can be split into three interest-free monthly payments "
                          "of \u00a3138.33."],
            "must_disclose": [], "must_not": []}
    reply = ("Hi Hana. The bill of four hundred and fifteen pounds stands, I'm afraid, but you "
             "can pay it across three months at \u00a3138.33 a month with nothing added in "
             "interest.")
    assert score_reply(plan, reply).criteria["resolves_accurately"] == 2


def test_a_sentence_with_the_facts_new_typed_values_conveys_it_in_codes() -> None:
    outage = {"customer_name": "Fay Lim", "purchase": "broadband",
              "message": "My internet has been down for days. When will it be fixed?",
              "key_facts": ["The repair is expected to be finished by 6 pm on Friday 8 March."],
              "must_disclose": [], "must_not": []}
    coded = "Fay, the NOC ticket is open; ETR is 18:00 Fri 08/03."
    assert score_reply(outage, coded).criteria["resolves_accurately"] == 2
    assert score_reply(outage, coded.replace("08/03", "09/03")).criteria[
        "resolves_accurately"] == 0
    assert ("date", 413.0) in values("rebooked on NW220/13APR")


def test_listed_amounts_said_apart_from_the_claim_make_no_forbidden_promise() -> None:
    claim = {"customer_name": "Sam Ode", "purchase": "pet insurance claim",
             "message": "My claim was for \u00a3620 but you only paid \u00a3470. Why?",
             "key_facts": ["The \u00a3150 difference is the \u00a3100 excess plus \u00a350 "
                           "for diet food, which the policy does not cover."],
             "must_disclose": [], "must_not": ["Promise to pay the \u00a350 or the \u00a3100."]}
    reply = ("Sam, the \u00a3150 difference is the \u00a3100 excess plus \u00a350 for diet food, "
             "which the policy does not cover. Breakdown: \u00a3620 claimed, less \u00a3100 "
             "excess, less \u00a350 diet food = \u00a3470, paid 12 March.")
    assert _honest(claim, reply) == 1
    assert _honest(claim, reply + " We will pay the \u00a350 next week.") == 0


def test_a_fact_clause_said_with_another_value_of_the_fact_is_not_conveyed_by_meaning() -> None:
    lunch = {"customer_name": "Mia Roy", "purchase": "school lunch account",
             "message": "I topped up \u00a325 on Monday and my son was still refused lunch.",
             "key_facts": ["The \u00a325 top-up of 6 January took two working days to arrive "
                           "and is now on his account, so his balance is \u00a320.40."],
             "must_disclose": [], "must_not": []}
    reply = ("Dear Mia, your \u00a325 payment from 6 January has now come through (payments "
             "take two working days) and his balance is {}.")
    assert score_reply(lunch, reply.format("\u00a320.40")).criteria["resolves_accurately"] == 2
    assert score_reply(lunch, reply.format("\u00a325.00")).criteria["resolves_accurately"] < 2


def test_what_the_agent_cannot_promise_does_not_deny_the_fact() -> None:
    reply = ("Hi Nadia, Colin here. I can't promise how the council will decide on free school "
             "meals, but you can apply for free school meals on the council website. If "
             "approved, meals are free from the date of approval; they can't be backdated.")
    assert score_reply(MEALS, reply).criteria["resolves_accurately"] == 2
