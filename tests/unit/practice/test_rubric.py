import pytest

from app.practice.scoring import CRITERIA, contact_feedback, score_dialogue, score_text
from app.practice.scoring.dialogue import DialogueError, walk

STRONG = """Hi Martin,

I'm Irene from Harborlight, and I'm sorry: you gave up a day off to build your Oakline desk
and found a gouge across the top. That's our fault.

I've sent a replacement walnut desktop by express at no cost. It arrives within 1 to 2
business days, with tracking by e-mail. You don't need to return the damaged top.

I'll check on Thursday that it has arrived.

Best regards,
Irene"""

WEAK = """Hello,

Please note that boxes should be inspected on delivery. We have raised a ticket with the
carrier, who may replace the item. A $25 restocking fee applies.

Regards,
Harborlight Customer Care"""


@pytest.fixture
def desk(contacts):
    return contacts["email-damaged-desk-top"]


def test_a_strong_reply_meets_every_criterion(desk):
    result = score_text(STRONG, desk)
    assert {n: c.passed for n, c in result.checks.items()} == dict.fromkeys(CRITERIA, True)
    assert result.checks["used_name"].evidence == "Martin"
    assert "Oakline" in result.checks["referred_to_purchase"].evidence


def test_a_weak_reply_fails_with_evidence(desk):
    result = score_text(WEAK, desk)
    failed = {n for n, c in result.checks.items() if not c.passed}
    assert failed == set(CRITERIA)
    assert "Please note that" in result.checks["no_blame_or_jargon"].evidence
    assert "restocking fee" in result.checks["honest"].evidence
    assert len(result.checks["resolved_accurately"].missing) == 3


@pytest.mark.parametrize(("text", "criterion", "expected"), [
    ("Hi Martin, Priya here.", "introduced_self", True),
    ("Hi Martin, I'm sorry to hear that.", "introduced_self", False),
    ("Kind regards,\nTomas\nHarborlight Customer Care", "introduced_self", True),
    ("Kind regards,\nHarborlight Customer Care", "introduced_self", False),
    ("I'm sorry about the desk. Best regards, Eli", "introduced_self", True),
    ("Thanks,\nwe will look into it.", "introduced_self", False),
    ("Dear Mr. Novak,", "used_name", True),
    ("Dear Customer,", "used_name", False),
    ("Sorry for any inconvenience.", "acknowledged_feelings", False),
    ("I'm sorry, that is a poor start.", "acknowledged_feelings", True),
    ("The team will look into it.", "took_ownership", False),
    ("I'll call you on Thursday.", "took_ownership", True),
    ("You should have checked the box.", "no_blame_or_jargon", False),
    ("You should have heard from us sooner.", "no_blame_or_jargon", True),
    ("A replacement desktop is sent for $399.", "honest", True),
    ("A replacement desktop costs $49.", "honest", False),
])
def test_single_criteria(desk, text, criterion, expected):
    assert score_text(text, desk).checks[criterion].passed is expected


def test_rubric_agrees_with_trainers_on_most_shipped_ratings(library):
    contacts, responses = library
    agree = {c: 0 for c in CRITERIA}
    for r in responses:
        result = score_text(r.text, contacts[r.contact_id])
        for c in CRITERIA:
            agree[c] += result.checks[c].passed == getattr(r.ratings, c)
    rates = {c: n / len(responses) for c, n in agree.items()}
    assert min(rates.values()) > 0.85, rates


def test_feedback_is_directional_and_names_the_customer(desk):
    feedback = contact_feedback(score_text(WEAK, desk), desk)
    tips = {row["criterion"]: row["tip"] for row in feedback["improve"]}
    assert "You did not use Martin's name" in tips["used_name"]
    assert "Try" in tips["used_name"]
    assert "replacement walnut desktop" in tips["resolved_accurately"]
    assert "restocking fee" in tips["honest"]
    assert not feedback["strengths"]


def test_dialogue_best_path_and_worst_path(contacts):
    dialogue = contacts["phone-double-charge-desk"]["dialogue"]
    best = score_dialogue(dialogue, ["acknowledge", "confirm-and-fix", "honest-timing"])
    assert best.passed == 8
    worst = score_dialogue(dialogue, ["blame-bank"])
    assert not worst.checks["honest"].passed
    assert not worst.checks["no_blame_or_jargon"].passed
    assert worst.checks["resolved_accurately"].evidence == "the call ended lost"
    assert walk(dialogue, ["blame-bank"]).ended == "lost"
    with pytest.raises(DialogueError):
        walk(dialogue, ["honest-timing"])
