from app.replies import CRITERIA, ReplyScore
from app.reply_text import explain, written_sentence, wrong_fact_note

FACT = "The refund of $40 reaches your card in 3 to 5 business days."


def test_a_different_amount_is_quoted_from_the_reply():
    reply = "Hello Ana. I have sent the refund of $25 to your card. Thanks."
    assert written_sentence(FACT, reply) == "I have sent the refund of $25 to your card."
    assert wrong_fact_note(FACT, reply) == f"You wrote $25; the right fact: {FACT}"


def test_without_a_number_the_sentence_is_quoted():
    reply = "The refund will never reach your card."
    assert wrong_fact_note(FACT, reply) == (
        f"You wrote “The refund will never reach your card.”, but the right fact is: {FACT}")
    assert wrong_fact_note(FACT, "Thanks!") == f"Your reply contradicts a key fact: {FACT}"


def test_explain_gives_one_plain_row_per_criterion():
    criteria = dict.fromkeys(CRITERIA, 1) | {"resolves_accurately": 0, "honest": 0,
                                            "takes_ownership": 0}
    evidence = dict.fromkeys(CRITERIA, "") | {"resolves_accurately": "Wrong: " + FACT,
                                              "honest": "Not disclosed: A fee applies.",
                                              "introduces_self": "I'm Eli."}
    score = ReplyScore(overall=1, criteria=criteria, evidence=evidence, confident=True,
                       wrong_facts=(FACT,))
    view = explain(score, "I'm Eli. Your refund of $4 is on its way to your card.")
    rows = {row["name"]: row for row in view["criteria"]}
    assert [row["name"] for row in view["criteria"]] == list(CRITERIA)
    assert rows["resolves_accurately"]["evidence"] == "A key fact is stated wrongly: " + FACT
    assert rows["resolves_accurately"]["max"] == 2
    assert rows["honest"]["evidence"] == "The customer must be told: A fee applies."
    assert rows["introduces_self"]["evidence"] == "“I'm Eli.”"
    assert rows["takes_ownership"]["passed"] is False
    assert "first-person" in rows["takes_ownership"]["evidence"]
    assert view["wrong_facts"] == [f"You wrote $4; the right fact: {FACT}"]


def test_non_negates_adjectives_only_and_currency_words_are_one() -> None:
    from app.replies.text import content_words, negated

    assert negated("It is a non-refundable rate.")
    assert not negated("Return it in 14 days or a non-return charge applies.")
    assert content_words("420 EUR") == content_words("420 euros")
