"""Facts said in other words, and a clause of a fact read on its own (issue #14)."""

from app.replies import score_reply

COURSE = {
    "customer_name": "Rosa Quint", "agent_name": "Mel", "purchase": "12-week pottery course, £600",
    "message": "I paid £600 for the 12-week pottery course but I am moving away. What do I "
               "get back?",
    "key_facts": ["She has taken 4 of 12 weeks, so the refund is £380 (8 weeks at £50 is £400, "
                  "minus £20)."],
    "must_disclose": [], "must_not": [],
}


def _criteria(contact: dict, reply: str) -> dict:
    return dict(score_reply(contact, reply).criteria)


def test_a_clause_is_not_contradicted_by_a_sibling_clause_value() -> None:
    right = ("Hi Rosa, Mel here. You've had 4 of the 12 weeks, so the 8 remaining weeks come to "
             "£400, and after the £20 fee your refund is £380.")
    wrong = "Hi Rosa, Mel here. As you've had four of the twelve weeks, your refund comes to £400."
    assert _criteria(COURSE, right)["resolves_accurately"] == 2
    assert _criteria(COURSE, wrong)["resolves_accurately"] == 0


def test_a_cap_said_as_up_to_is_disclosed() -> None:
    parcel = {"customer_name": "Tom Reyes", "purchase": "parcel JX-22",
              "message": "My £80 lamp arrived broken. I want £80 back.",
              "key_facts": ["The claim for the lamp has been opened."],
              "must_disclose": ["The cover is capped at £50, so he will not get the full £80."],
              "must_not": []}
    reply = ("Tom, I've opened the claim for the lamp. The parcel was insured up to £50, so the "
             "claim pays £50 of the £80, not all of it.")
    assert _criteria(parcel, reply)["honest"] == 1


def test_a_fee_that_does_not_apply_is_waived_and_one_that_is_not_free_is_charged() -> None:
    repair = {"customer_name": "Ana Silva", "purchase": "coffee machine",
              "message": "Do I pay the $30 inspection fee? And what does a new carafe cost?",
              "key_facts": ["The $30 inspection fee is waived for warranty repairs.",
                            "A new carafe adds $25."],
              "must_disclose": [], "must_not": []}
    reply = ("Ana, the $30 inspection fee doesn't apply to warranty repairs. The carafe isn't "
             "free, I'm afraid: it's twenty-five dollars extra.")
    assert _criteria(repair, reply)["resolves_accurately"] == 2


def test_a_fee_still_on_the_account_still_stands() -> None:
    library = {"customer_name": "Joy Park", "purchase": "library account",
               "message": "Why is there still $4.50 on my account?",
               "key_facts": ["The returned atlas was found, so its charge is removed."],
               "must_disclose": ["The $4.50 late fee still stands."], "must_not": []}
    reply = ("Joy, we found the atlas on the shelf, so its charge is removed. The $4.50 late fee "
             "is still on your account.")
    assert _criteria(library, reply)["honest"] == 1


def test_giving_the_forbidden_thing_free_breaks_the_promise_item() -> None:
    hotel = {"customer_name": "Ivo Berg", "purchase": "booking 4471",
             "message": "The pool was closed all week. What will you do?",
             "key_facts": ["A refund of €60 for the pool is on its way."],
             "must_disclose": [], "must_not": ["Promise a room upgrade."]}
    reply = ("Ivo, a refund of €60 for the pool is on its way. I've also noted your next booking "
             "for a complimentary upgrade to a suite.")
    assert _criteria(hotel, reply)["honest"] == 0


def test_colloquial_money_and_month_abbreviations_are_values() -> None:
    from app.replies.values import values

    assert values("anything under a tenner") == {("money", 10.0)}
    assert values("twenty quid") == {("money", 20.0)}
    assert values("the Jan payment") == values("the January payment")


def test_a_derived_value_beside_the_facts_own_is_no_contradiction() -> None:
    claim = {"customer_name": "Lea Moss", "purchase": "house move",
             "message": "A box was crushed in my move on 2 May. Am I too late to claim?",
             "key_facts": ["Claims must be made in writing within 10 days of the move; "
                           "her letter of 8 May is in time."],
             "must_disclose": [], "must_not": []}
    right = ("Lea, your letter reached us six days after the move, well inside the ten-day "
             "limit for written claims, so you are in time.")
    wrong = "Lea, written claims must reach us within six days of the move, so you are in time."
    assert _criteria(claim, right)["resolves_accurately"] == 2
    assert _criteria(claim, wrong)["resolves_accurately"] == 0


def test_advice_neither_affirms_nor_denies_a_fact() -> None:
    resale = {"customer_name": "Ada Cole", "purchase": "2 tickets, 9 May",
              "message": "Can I sell my tickets for £150 on another site?",
              "key_facts": ["Tickets resold on other sites above face value can be cancelled."],
              "must_disclose": [], "must_not": []}
    reply = "Ada, don't sell them above face value on other sites; those tickets can be cancelled."
    assert _criteria(resale, reply)["resolves_accurately"] == 2


def test_fractions_of_a_year_and_a_count_that_looks_like_a_day_of_the_month() -> None:
    from app.replies.values import conflicting, values

    assert values("for up to a quarter of a year") == {("months", 3.0)}
    assert values("half a year") == {("months", 6.0)}
    said = values("the 28 tablets written; your certificate runs until 28 March")
    assert conflicting(values("the certificate expired on 28 February, so the £9.90 charge "
                              "applies"), said)


def test_the_customers_own_figure_may_be_left_implied_but_not_replaced() -> None:
    tax = {"customer_name": "Ida Lund", "purchase": "council tax 2026/27",
           "message": "My bill says £1,500 for the year. I live alone now.",
           "key_facts": ["With the discount her charge is £1,125 instead of £1,500; a revised "
                         "bill is posted within 10 working days."],
           "must_disclose": [], "must_not": []}
    right = ("Ida, your charge for the year is now £1,125 and I'll post the revised bill within "
             "10 working days.")
    wrong = ("Ida, your charge for the year is now £1,125 and I'll post the revised bill within "
             "21 working days.")
    assert _criteria(tax, right)["resolves_accurately"] == 2
    assert _criteria(tax, wrong)["resolves_accurately"] == 0


def test_excluded_means_not_covered() -> None:
    pet = {"customer_name": "Mo Hart", "purchase": "pet plan",
           "message": "Why was the $80 exam fee not paid?",
           "key_facts": ["The $80 exam fee is not covered by her plan."],
           "must_disclose": ["Exam fees are excluded on her plan, so exam fees at future visits "
                             "will not be covered either."], "must_not": []}
    reply = ("Mo, the $80 exam fee isn't covered by your plan, and exam fees at future visits "
             "won't be covered either.")
    assert _criteria(pet, reply)["honest"] == 1


def test_a_working_week_and_leaving_it_late() -> None:
    from app.replies.courtesy import blames
    from app.replies.values import values

    assert values("expect an answer inside a working week") == {("days", 5.0)}
    assert blames("Honestly, you've left it a bit late to call about the move.")


def test_a_fee_that_still_applies_contradicts_a_waiver() -> None:
    repair = {"customer_name": "Ana Silva", "purchase": "coffee machine",
              "message": "Do I pay the $30 inspection fee for the warranty repair?",
              "key_facts": ["The $30 inspection fee is waived for warranty repairs."],
              "must_disclose": [], "must_not": []}
    reply = "Ana, the $30 inspection fee does still apply to warranty repairs, I'm afraid."
    assert _criteria(repair, reply)["resolves_accurately"] == 0


def test_promises_said_as_the_agents_own_commitment() -> None:
    from app.replies.values import values

    assert values("the engineer will be with you at eight on the dot") == {("time", 480.0)}
    trade = {"customer_name": "Tyler Ross", "purchase": "phone trade-in",
             "message": "You quoted me $180 and now offer $65. Why?",
             "key_facts": ["The phone graded as Damaged, so the offer is $65."],
             "must_disclose": [], "must_not": ["Promise the original USD 180."]}
    reply = ("Tyler, the phone graded as Damaged, so the offer is $65. But I'll override it "
             "and honor the $180 you were quoted.")
    assert _criteria(trade, reply)["honest"] == 0
    grocery = {"customer_name": "Beth Lane", "purchase": "grocery order",
               "message": "You sent white bread instead of gluten-free.",
               "key_facts": ["The £3.20 for the bread is refunded."], "must_disclose": [],
               "must_not": ["Guarantee that a substitution will never happen again."]}
    reply = ("Beth, the £3.20 for the bread is refunded. I've added a note so none of your "
             "items will ever be substituted again, I can guarantee it.")
    assert _criteria(grocery, reply)["honest"] == 0


def test_a_bound_is_read_per_kind_and_advice_after_the_fact_is_blame() -> None:
    from app.replies.courtesy import blames

    bag = {"customer_name": "Ines Okafor", "purchase": "flight TP 1021",
           "message": "My bag never arrived. What will you pay for the clothes I had to buy?",
           "key_facts": ["Essential purchases are reimbursed at up to EUR 50 a day for at most "
                         "5 days, EUR 250 in total."],
           "must_disclose": [],
           "must_not": ["Promise to reimburse more than EUR 50 a day or more than 5 days."]}
    reply = ("Ines, essential purchases are reimbursed at up to EUR 50 per day for a maximum of "
             "5 days (EUR 250 in total).")
    assert _criteria(bag, reply)["honest"] == 1
    assert blames("Passengers are always advised to carry essentials in hand luggage. That "
                  "would have avoided most of the expense.")


def test_an_enclosure_or_a_dated_promise_is_a_next_step() -> None:
    from app.replies.courtesy import clear_next_step

    assert clear_next_step("The discount needs direct debit; I enclose a mandate form.")
    assert clear_next_step("I will move you free of charge before 31 December.")


def test_a_wrong_total_in_words_and_a_fee_that_comes_off() -> None:
    from app.replies.courtesy import blames

    lessons = {"customer_name": "Chloe Park", "purchase": "10-lesson pack",
               "message": "I'm moving away with six lessons left. What do I get back?",
               "key_facts": ["Six lessons left at $65 are $390; minus the $30 admin fee she "
                             "gets $360."],
               "must_disclose": ["A $30 admin fee comes off the refund."], "must_not": []}
    right = "Chloe, six lessons left at $65 is $390, less the $30 admin fee, so $360 back."
    wrong = ("Chloe, six lessons at sixty-five dollars is three hundred and ninety, less our "
             "thirty-dollar admin fee, which leaves three hundred and fifty.")
    assert _criteria(lessons, right)["honest"] == 1
    assert _criteria(lessons, wrong)["resolves_accurately"] == 0
    assert blames("To be fair, we do tell people not to buy a ten-pack unless they're sure.")


def test_unused_means_remaining_not_a_denial() -> None:
    cinema = {"customer_name": "Jordan Lee", "purchase": "Unlimited pass",
              "message": "I cancelled. What happens to my guest tickets?",
              "key_facts": ["Her 3 unused guest tickets expire when the membership ends on "
                            "31 December."], "must_disclose": [], "must_not": []}
    reply = ("Jordan, you've got 3 guest tickets left and they expire when the membership ends "
             "on 31 December.")
    assert _criteria(cinema, reply)["resolves_accurately"] == 2


def test_more_ways_of_putting_it_on_the_customer() -> None:
    from app.replies.courtesy import blames

    for line in ("The delay is largely because you didn't return the check-out form.",
                 "Tenants are told at induction that the kitchen is their joint responsibility.",
                 "It's worth making sure the doorbell works and your phone is on next time.",
                 "The skip most likely failed because you tried it on Monday night.",
                 "Old silk is delicate, so this is a risk customers accept."):
        assert blames(line), line
    assert not blames("I'm sorry you were not told about the fee; that is our mistake.")


def test_a_fact_read_only_by_meaning_does_not_excuse_a_hidden_caveat() -> None:
    tax = {"customer_name": "Dale Moss", "purchase": "TaxPro Premier",
           "message": "Please refund the renewal. Will I lose my old returns?",
           "key_facts": ["Cancelling ends Premier straight away, including Audit Defense cover "
                         "for his 2025 return; his past returns stay free to download as PDFs."],
           "must_disclose": ["Cancelling ends Audit Defense cover for the 2025 return "
                             "immediately."], "must_not": []}
    reply = ("Dale, don't worry about your paperwork: nothing is deleted, and your 2025 return "
             "will stay free to download as a PDF whenever you need it.")
    assert _criteria(tax, reply)["honest"] == 0


def test_goes_up_to_is_a_rise_not_a_cap() -> None:
    from app.replies.text import content_words, normalise

    assert "capped" not in normalise("the price goes up to $32 a head")
    assert "rise" in content_words("the price goes up to $32 a head")
    assert "cap" in content_words("the claim pays up to £100")


def test_a_guarantee_denied_or_reported_is_no_promise_and_a_contrast_is_no_denial() -> None:
    pump = {"customer_name": "Rob Atherton", "purchase": "HP-2210 pump, £486",
            "message": "You promised the pump for 1 December. Where is it?",
            "key_facts": ["The maker now estimates 11 December for the new pump.",
                          "The reconditioned pump has a 6-month warranty, not the new pump's "
                          "12 months."],
            "must_disclose": [],
            "must_not": ["Do not guarantee delivery of the new pump by 11 December."]}
    reply = ("Rob, you were promised the pump for 1 December and I'm sorry. The maker now "
             "estimates 11 December for the new pump, but I cannot guarantee it. The guarantee "
             "on a reconditioned pump is six months, half of what you'd get on a new one.")
    criteria = _criteria(pump, reply)
    assert criteria["honest"] == 1
    assert criteria["resolves_accurately"] == 2


def test_an_amount_more_a_month_is_a_rate_not_a_duration() -> None:
    from app.replies.values import values

    assert values("so roughly €11 more a month after") == {("money", 11.0)}
    assert values("it takes a month") == {("months", 1.0)}


def test_a_since_clause_is_read_on_its_own() -> None:
    passes = {"customer_name": "Dani Cole", "purchase": "2 annual passes",
              "message": "We're moving. Can I get a refund on our passes?",
              "key_facts": ["Annual passes can't be refunded once the first visit has been made; "
                            "both passes were first used on 22 March."],
              "must_disclose": [], "must_not": []}
    reply = "Dani, the passes can't be refunded since they were first used back on March 22."
    assert _criteria(passes, reply)["resolves_accurately"] == 2


def test_a_fee_that_keeps_running_is_one_that_does_not_pause() -> None:
    wine = {"customer_name": "Thandi Mo", "purchase": "wine club",
            "message": "Please skip February. Do I still pay anything?",
            "key_facts": ["Skipping does not pause the R60 monthly membership fee, which still "
                          "applies."], "must_disclose": [], "must_not": []}
    reply = "Thandi, February is skipped; the R60 monthly membership fee keeps running."
    assert _criteria(wine, reply)["resolves_accurately"] == 2


def test_instead_of_a_coded_amount_and_a_digit_out() -> None:
    from app.replies.text import normalise

    assert "notinstead" not in normalise("NZ$630 instead of NZ$1,050")
    assert "wrong" in normalise("the mobile number on your file is a digit out")


def test_halved_and_half_of_it_say_the_same() -> None:
    costume = {"customer_name": "Anita Rao", "purchase": "costume hire",
               "message": "The function was postponed. Why is there a Rs 3,600 late fee?",
               "key_facts": ["Because the event was postponed, the fee is halved to Rs 1,800."],
               "must_disclose": [], "must_not": []}
    reply = "Ms Rao, with the postponement we're charging only half of it, eighteen hundred rupees."
    assert _criteria(costume, reply)["resolves_accurately"] == 2
