import pytest

from app.practice.scoring import CRITERIA, contact_feedback, score_dialogue, score_written
from app.practice.scoring.dialogue import DialogueError, walk

WRONG_AMOUNT = ("Hi Grace, I'm Eli from Harborlight. Because you bought your Lumen monitor "
                "within 14 days, it qualifies for a price adjustment. I've refunded the $25 "
                "difference to your card; it appears in 3 to 5 business days.")
WEAK = "ok we will look into it"


@pytest.fixture
def price_drop(contacts):
    return contacts["chat-price-drop"]


def test_the_shipped_model_reply_scores_high_on_every_fact(price_drop):
    rubric, explained = score_written(price_drop["model_reply"], price_drop)
    assert list(rubric) == list(CRITERIA)
    assert rubric["resolves_accurately"] == {
        "name": "resolves_accurately", "passed": True, "value": 2,
        "evidence": "Every key fact is there."}
    assert explained["overall"] >= 4 and explained["wrong_facts"] == []


def test_a_wrong_amount_is_named_with_the_right_fact(price_drop):
    rubric, explained = score_written(WRONG_AMOUNT, price_drop)
    assert explained["wrong_facts"] == [
        "You wrote $25; the right fact: The $40 difference is refunded to her card."]
    assert explained["overall"] <= 2
    assert not rubric["resolves_accurately"]["passed"] and not rubric["honest"]["passed"]
    assert "$40" in rubric["resolves_accurately"]["evidence"]


def test_feedback_is_directional_and_names_the_customer(price_drop):
    rubric, _ = score_written(WEAK, price_drop)
    feedback = contact_feedback(rubric, price_drop)
    tips = {row["criterion"]: row["tip"] for row in feedback["improve"]}
    assert "You did not use Grace's name" in tips["uses_customer_name"]
    assert "Try" in tips["introduces_self"]
    assert "A key fact is missing" in tips["resolves_accurately"]
    assert "Grace" in tips["clear_next_step"]
    assert "honest" not in tips


def test_dialogue_best_path_and_worst_path(contacts):
    dialogue = contacts["phone-double-charge-desk"]["dialogue"]
    best = score_dialogue(dialogue, ["acknowledge", "confirm-and-fix", "honest-timing"])
    assert list(best) == list(CRITERIA)
    assert best["resolves_accurately"]["value"] == 2 and best["honest"]["passed"]
    worst = score_dialogue(dialogue, ["blame-bank"])
    assert not worst["honest"]["passed"]
    assert not worst["no_blame_or_jargon"]["passed"]
    assert worst["resolves_accurately"]["evidence"] == "The call ended lost."
    assert walk(dialogue, ["blame-bank"]).ended == "lost"
    with pytest.raises(DialogueError):
        walk(dialogue, ["honest-timing"])
