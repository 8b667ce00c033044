from app.replies import CRITERIA, score_reply

CONTACT = {
    "channel": "email", "customer_name": "Dana Reyes", "purchase": "birthday gift voucher",
    "message": "My gift arrived late and I want my money back!",
    "key_facts": ["A full refund of $40 will be issued.",
                  "The refund arrives within 5 business days."],
    "must_disclose": ["The voucher remains valid until it is refunded."],
    "must_not": ["Do not charge a cancellation fee."],
    "jargon": ["RMA"],
}
GOOD = ("Hi Dana, my name is Sam. I'm sorry the birthday gift voucher arrived late, that must "
        "have been disappointing. I have issued a full refund of forty dollars. The refund "
        "arrives within 5 working days. The voucher remains valid until it is refunded. "
        "No cancellation fee applies.")


def test_accurate_caring_reply_scores_top_with_all_criteria() -> None:
    result = score_reply(CONTACT, GOOD)
    assert tuple(result.criteria) == CRITERIA
    assert result.overall == 5
    assert result.criteria["resolves_accurately"] == 2
    assert result.criteria["honest"] == 1


def test_amounts_compare_as_values() -> None:
    plain = GOOD.replace("forty dollars", "$40.00")
    assert score_reply(CONTACT, plain).criteria["resolves_accurately"] == 2


def test_wrong_amount_is_named_and_gated() -> None:
    result = score_reply(CONTACT, GOOD.replace("forty dollars", "$25"))
    assert result.overall <= 2
    assert result.wrong_facts == ("A full refund of $40 will be issued.",)
    assert "$40" in result.evidence["resolves_accurately"]


def test_keyword_salad_scores_at_most_two() -> None:
    salad = ("Hi Dana, my name is Sam. I completely understand how frustrating this is. "
             "I will personally make sure your birthday gift voucher is handled.")
    result = score_reply(CONTACT, salad)
    assert result.overall <= 2
    assert result.criteria["acknowledges_feelings"] == 0


def test_affirmative_fee_breaks_must_not_but_negated_fee_does_not() -> None:
    assert score_reply(CONTACT, GOOD).criteria["honest"] == 1
    broken = GOOD.replace("No cancellation fee applies.", "A cancellation fee of $5 applies.")
    assert score_reply(CONTACT, broken).criteria["honest"] == 0


def test_hidden_must_disclose_is_dishonest_and_gated() -> None:
    hidden = GOOD.replace("The voucher remains valid until it is refunded. ", "")
    result = score_reply(CONTACT, hidden)
    assert result.criteria["honest"] == 0
    assert result.overall <= 2


def test_courtesy_absence_does_not_sink_accurate_reply() -> None:
    bare = ("A full refund of $40.00 will be issued. The refund arrives within 5 business days. "
            "The voucher remains valid until it is refunded.")
    assert score_reply(CONTACT, bare).overall >= 3


def test_i_am_sorry_is_neither_an_introduction_nor_ownership() -> None:
    result = score_reply(CONTACT, "Dana, I am sorry about the birthday gift voucher.")
    assert result.criteria["introduces_self"] == 0
    assert result.criteria["takes_ownership"] == 0
    assert score_reply(CONTACT, "Hello, I'm Sam from support.").criteria["introduces_self"] == 1


TERSE = {
    "customer_name": "Fatima Ali",
    "message": "My internet has been down since Monday. Will I pay for days without service?",
    "key_facts": ["She will get an automatic credit of $5 for each day without service, "
                  "shown on her next bill."],
    "must_disclose": [], "must_not": [], "jargon": [],
}


def test_terse_answer_with_new_values_is_not_a_keyword_list() -> None:
    terse = "Credit: $5 a day, no claim needed, on your next bill, automatic."
    assert score_reply(TERSE, terse).criteria["resolves_accurately"] == 2
    salad = "Internet, Monday, days, service, bill: I completely understand."
    assert score_reply(TERSE, salad).criteria["resolves_accurately"] == 0


RETURN = {
    "customer_name": "Liam Hart", "agent_name": "Nadia",
    "message": "My new blender arrived with a cracked jug. Can you replace it?",
    "key_facts": ["A replacement blender is dispatched today and arrives on Thursday.",
                  "He has 30 days to send the cracked blender back with the free label."],
    "must_disclose": ["If the cracked blender is not returned within 30 days, he will be "
                      "charged for the replacement."],
    "must_not": [], "jargon": [],
}


def test_caveat_sharing_a_key_fact_value_is_not_told_by_that_fact() -> None:
    warm = ("Oh Liam, I'm so sorry about the cracked jug. I'm Nadia and I've sorted it: a "
            "replacement blender goes out today and arrives on Thursday. I've e-mailed you a "
            "free label for the broken one, and there's no hurry, you have 30 days.")
    result = score_reply(RETURN, warm)
    assert result.criteria["honest"] == 0
    assert result.overall <= 2
    told = warm + (" If it isn't returned within 30 days, you'll be charged for the "
                   "replacement.")
    assert score_reply(RETURN, told).criteria["honest"] == 1


HOTEL = {
    "customer_name": "Chloe Martin", "agent_name": "Ben",
    "message": "My mother is ill and I need to cancel my hotel stay. Can I get my money back?",
    "key_facts": ["The booking was made at the non-refundable rate, so the 420 euros cannot be "
                  "refunded."],
    "must_disclose": [], "must_not": ["Promise a refund."], "jargon": [],
}


def test_two_negative_clauses_do_not_cancel_into_a_promise() -> None:
    for reply in ("Your booking was made at our non-refundable rate, so I can't refund the "
                  "420 euros.", "It can't be refunded, so I can't refund the 420 euros."):
        assert score_reply(HOTEL, reply).criteria["honest"] == 1
    assert score_reply(HOTEL, "I will refund the 420 euros today.").criteria["honest"] == 0


def test_a_missing_first_fact_is_partial_help_not_a_wrong_answer() -> None:
    partial = ("Dana, I'm Sam. The refund arrives within 5 business days. The voucher remains "
               "valid until it is refunded.")
    result = score_reply(CONTACT, partial)
    assert result.criteria["resolves_accurately"] == 1
    assert result.overall == 3
    wrong = partial.replace("within 5 business days", "within 15 business days")
    assert score_reply(CONTACT, wrong).overall <= 2


BILL = {
    "customer_name": "Ada Okafor",
    "message": "I moved out on 31 August and got a September bill for £64.20. Please cancel it.",
    "key_facts": ["The September bill of £64.20 was sent in error and has been cancelled."],
    "must_disclose": ["The courtesy cancellation is one-time: another bill sent in the next 12 "
                      "months would not be cancelled the same way."],
    "must_not": [], "jargon": [],
}


def test_should_never_have_been_sent_says_it_was_sent_in_error() -> None:
    reply = ("The September bill for £64.20 should never have been sent, and I have cancelled "
             "it. This courtesy cancellation is one-time: another bill sent in the next 12 "
             "months would not be cancelled the same way.")
    result = score_reply(BILL, reply)
    assert result.criteria["resolves_accurately"] == 2
    assert result.wrong_facts == ()


def test_a_value_said_only_in_a_condition_does_not_flip_the_caveat() -> None:
    reply = ("The September bill of £64.20 was sent in error and has been cancelled. This "
             "courtesy cancellation is a one-off: if another bill were sent in the next 12 "
             "months, we wouldn't be able to cancel it the same way.")
    assert score_reply(BILL, reply).criteria["honest"] == 1


RENTAL = {
    "customer_name": "Olivia Brun",
    "message": "I was charged 150 euros for a scratch and 45 euros for fuel. Please refund both.",
    "key_facts": ["The €150 damage charge is cancelled and refunded to her card.",
                  "The €45 fuel charge stays, because the tank was three-quarters full."],
    "must_disclose": [], "must_not": ["Say the €45 fuel charge will be refunded."],
    "jargon": [],
}


def test_a_passive_claim_needs_its_participle() -> None:
    kept = ("I've cancelled the €150 damage charge and refunded it to your card. The €45 fuel "
            "charge stays, because the tank was three-quarters full.")
    assert score_reply(RENTAL, kept).criteria["honest"] == 1
    refunded = kept.replace("The €45 fuel charge stays", "The €45 fuel charge will be refunded")
    assert score_reply(RENTAL, refunded).criteria["honest"] == 0


CLAIM = {
    "customer_name": "Jo Whitfield",
    "message": "Water damaged my kitchen floor. Are you paying, and how much?",
    "key_facts": ["The claim for the floor has been approved for $2,400.",
                  "The $500 excess is taken off, so the payment to her is $1,900."],
    "must_disclose": [], "must_not": ["Say the payment will be $2,400."], "jargon": [],
}


def test_an_amount_beside_the_right_payment_is_not_the_forbidden_payment() -> None:
    right = ("The floor has been approved at $2,400, and after your $500 excess the payment "
             "will be $1,900.")
    assert score_reply(CLAIM, right).criteria["honest"] == 1
    assert score_reply(CLAIM, "The payment will be $2,400.").criteria["honest"] == 0


STAY = {
    "customer_name": "Chloe Martin",
    "message": "My mother is ill. Will my travel insurance pay, and can we check in at ten?",
    "key_facts": ["Her travel insurance may cover the cost; the hotel will send an invoice.",
                  "A guaranteed early check-in at 10 am costs $45."],
    "must_disclose": [], "jargon": [],
    "must_not": ["Promise that the insurance will pay.", "Promise a room upgrade."],
}


def test_hedged_or_conditional_offers_are_not_promises() -> None:
    hedged = ("Travel insurance policies often pay for this; whether yours will is up to "
              "them, and the hotel will send an invoice. If you want a room for certain at "
              "ten, a guaranteed early check-in costs $45.")
    assert score_reply(STAY, hedged).criteria["honest"] == 1
    promised = hedged.replace("Travel insurance policies often pay for this; whether yours "
                              "will is up to them", "I promise the insurance will pay")
    assert score_reply(STAY, promised).criteria["honest"] == 0


BAG = {
    "customer_name": "Omar Rahman",
    "message": "My suitcase did not arrive. I was charged 45 euros for fuel I did not use.",
    "key_facts": ["The suitcase has been found in Madrid and will come on tomorrow's "
                  "(Thursday's) flight.",
                  "The €45 fuel charge stays, because the tank was not full.",
                  "The damaged bag will be collected at the same visit when it is delivered."],
    "must_disclose": [], "must_not": [], "jargon": [],
}


def test_refusals_and_named_days_are_read_as_the_fact_says() -> None:
    reply = ("No need to come back to the airport: your suitcase was found in Madrid, it flies "
             "over on Thursday. I'm not able to remove the €45 fuel charge: the tank was not "
             "full. Damaged bag collected on the same visit when it is "
             "delivered; keep it until then, otherwise the claim can't proceed.")
    result = score_reply(BAG, reply)
    assert result.wrong_facts == ()
    assert result.criteria["resolves_accurately"] == 2
    wrong = reply.replace("it flies over on Thursday", "it flies over on Friday")
    assert score_reply(BAG, wrong).wrong_facts


VISIT = {
    "customer_name": "Helen Park",
    "message": "Your engineer failed to turn up twice. I want someone who actually shows up.",
    "key_facts": ["A new appointment is booked for Tuesday 22 October, between 8am and 12pm."],
    "must_disclose": [], "jargon": [],
    "must_not": ["Guarantee an exact arrival time.",
                 "Promise the visit will happen today or within 24 hours."],
}


def test_a_committed_time_breaks_a_forbidden_exact_time() -> None:
    booked = "A new appointment is booked for Tuesday 22 October, between 8am and 12pm."
    assert score_reply(VISIT, booked).criteria["honest"] == 1
    sharp = booked + " The engineer will be at your door at 8 o'clock sharp, guaranteed."
    assert score_reply(VISIT, sharp).criteria["honest"] == 0
    today = booked + " Actually, I promise the visit will happen today."
    assert score_reply(VISIT, today).criteria["honest"] == 0


CARD = {
    "customer_name": "Priya Nair",
    "message": "My card is blocked in Lisbon and I paid 312 euros for the hotel this morning.",
    "key_facts": ["The card was blocked because the 312 euro hotel payment looked unusual.",
                  "The customer can unblock the card right away by confirming the 312 euro "
                  "payment as genuine in the mobile app, under Card security."],
    "must_disclose": [], "must_not": [], "jargon": [],
}


def test_a_qualifier_clause_alone_does_not_convey_a_fact() -> None:
    salad = ("Priya, Lucas here. Security and your peace of mind are our priority, and I'm "
             "committed to making your card experience seamless.")
    result = score_reply(CARD, salad)
    assert result.criteria["resolves_accurately"] == 0
    assert result.overall <= 2
    told = ("Priya, confirm the 312 euro payment as genuine in the mobile app, under Card "
            "security, and the card unblocks right away.")
    assert score_reply(CARD, told).criteria["resolves_accurately"] >= 1
