from app.extensions import db
from app.hiring import services
from app.hiring.catalog import setup_for


def test_rescore_dry_run_writes_nothing_and_reports(runner, invite):
    invitation, _ = invite()
    services.record_consent(invitation, None)
    attempt = services.start_attempt(invitation)
    for item in setup_for("contact-center-agent").instrument.items:
        if item.kind == "likert":
            services.save_answer(attempt, item.id, "4", 1)
    services.submit_attempt(attempt)
    attempt.composite = 1.0  # as if scored under an older key
    db.session.commit()
    result = runner.invoke(args=["hiring", "rescore", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would change" in result.output and "composite 1.0 ->" in result.output
    db.session.refresh(attempt)
    assert attempt.composite == 1.0
    result = runner.invoke(args=["hiring", "rescore"])
    db.session.refresh(attempt)
    assert attempt.composite != 1.0 and "1 changed" in result.output


def test_close_expired_scores_abandoned_attempts(runner, started):
    from datetime import timedelta

    from app.orm import utcnow

    started.deadline_at = utcnow() - timedelta(minutes=5)
    db.session.commit()
    result = runner.invoke(args=["hiring", "close-expired"])
    assert "1 attempts timed out" in result.output
    db.session.refresh(started)
    assert started.status == "scored" and started.end_reason == "expired"
