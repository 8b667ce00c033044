"""A Thurstonian (service-aptitude-2) attempt with a written reply: the recruiter page states
the version-4 rules, and a dry-run rescore works and writes nothing."""

import random

from app.extensions import db
from app.hiring import services
from app.hiring.catalog import setup_for
from app.hiring.demo import _answer

PROFILE = "contact-center-agent-2"
REPLY = (
    "Dear Ms Okafor, I am very sorry you took a day off for nothing. The missed delivery "
    "was a scheduling error on our side. Your sofa is in our warehouse and I have booked a "
    "new delivery for Thursday between 8 am and 12 noon. Kind regards, Sam"
)


def _finished(users):
    opening = services.create_opening(users["recruiter"], "V2 phone agents", PROFILE)
    invitation, _ = services.invite_candidate(opening, "Robin Ranker", "robin@example.test")
    services.record_consent(invitation, None)
    attempt = services.start_attempt(invitation)
    rng = random.Random(2)
    for item in setup_for(PROFILE).instrument.items:
        value = REPLY if item.kind == "work_sample" else _answer(item, 0.5, rng)
        services.save_answer(attempt, item.id, value, 1, 8000)
    services.submit_attempt(attempt)
    db.session.commit()
    return invitation, attempt


def test_candidate_page_states_the_reply_and_correction_rules(client, login_as, users, content):
    invitation, attempt = _finished(users)
    assert attempt.score["calibration"] == "service-aptitude-2-sim5"
    assert "adjusts the trait scores" in attempt.score["validity"]["rule"]
    login_as(client, users["recruiter"])
    page = client.get(f"/hiring/candidates/{invitation.id}").get_data(as_text=True)
    assert 'id="reply-rule"' in page and "checklist" in page
    assert "Idealising also adjusts the trait scores" in page


def test_rescore_dry_run_of_a_thurstonian_attempt(runner, users, content):
    _, attempt = _finished(users)
    attempt.composite = 1.0  # as if scored under an older calibration
    db.session.commit()
    result = runner.invoke(args=["hiring", "rescore", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "composite 1.0 ->" in result.output and "would change" in result.output
    db.session.refresh(attempt)
    assert attempt.composite == 1.0
