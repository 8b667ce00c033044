"""Courtesy criteria read what the agent does and says, not stock phrases."""

import pytest

from app.replies.courtesy import blames, clear_next_step, takes_ownership


@pytest.mark.parametrize(("reply", "owned"), [
    ("I'm e-mailing you the claim link now.", True),
    ("I am sending the 1 mg tablets today.", True),
    ("If you have insurance it may cover this; I'll send you an invoice for the claim.", True),
    ("I'm taking full ownership of your card journey today.", False),
    ("I'm afraid I can't renew that discount.", False),
])
def test_ownership(reply: str, owned: bool) -> None:
    assert bool(takes_ownership(reply)) is owned


@pytest.mark.parametrize(("reply", "blamed"), [
    ("You should have read the terms.", True),
    ("You'd have seen that if you'd read the bills.", True),
    ("It was not your fault, the confirm step is easy to miss.", False),
    ("You should have been told before delivery that the order would arrive in part.", False),
    ("No, you shouldn't have to pay: your pass was valid.", False),
    ("Next time you travel outside the EU, add our World Pass.", False),
    ("Please wait for the confirmation screen next time rather than pressing it again.", True),
    ("Transfers take a day, so please plan ahead before the balance runs out.", True),
    ("Delivery takes a week, which is stated on the order page.", True),
    ("Please check your inbox for the link; next time we will text you as well.", False),
])
def test_blame(reply: str, blamed: bool) -> None:
    assert bool(blames(reply)) is blamed


def test_an_amount_or_date_of_the_case_makes_a_reply_specific() -> None:
    from app.replies.courtesy import references_purchase

    contact = {"message": "It has always been forty-five dollars and now it is seventy.",
               "key_facts": ["The May bill of $70 is correct and due on 20 May."]}
    assert references_purchase("This month's $70 is correct, due 20 May.", contact)
    assert not references_purchase("Your request has been noted.", contact)


def test_a_greeting_or_a_one_phrase_apology_is_no_acknowledgement() -> None:
    from app.replies.courtesy import acknowledges_feelings

    contact = {"customer_name": "Oliver Grant", "agent_name": "Nadia",
               "message": "My new sofa has a tear on the arm and I am hosting my parents on "
                          "Saturday, so I am really upset."}
    assert not acknowledges_feelings("Dear Oliver,\nSorry about the tear.", contact, "")
    assert acknowledges_feelings("I'm so sorry, a torn sofa right before hosting your parents "
                                 "on Saturday is awful.", contact, "")


def test_next_step_prefers_a_forward_looking_sentence_to_the_customers_past_event() -> None:
    reply = ("Hello Mr Hale, this is Ana. I am so sorry: you took a day off work on Saturday "
             "and nobody came or called, which is not good enough. The engineer missed the slot "
             "because of a routing error on our side. I will call you on Wednesday afternoon to "
             "confirm the time.")
    assert clear_next_step(reply) == "I will call you on Wednesday afternoon to confirm the time."
    assert clear_next_step("Your parcel will arrive by Friday. It left on Monday.") \
        == "Your parcel will arrive by Friday."
