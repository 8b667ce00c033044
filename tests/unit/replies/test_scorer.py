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
