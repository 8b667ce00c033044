from datetime import timedelta

import pytest

from app.extensions import db
from app.monitoring import calibration, metrics, services, training_gate
from app.monitoring.models import AgentDayMetric, Evaluation
from app.monitoring.scorecards import load_scorecards
from app.orm import utcnow
from tests.integration.monitoring.conftest import PHONE_ANSWERS, evaluation_input

TODAY = utcnow().date()


def test_record_scores_and_snapshots_the_scorecard(world, make_evaluation):
    e = make_evaluation(world.sup_a, world.agent_a)
    # weights: 5+10+25+15*.5+15+10+0+10 of 5+10+25+15+15+10+5+10
    assert e.score == round(100 * 82.5 / 95, 1)
    assert not e.auto_failed and e.team_id == world.team_a.id
    assert e.scorecard["title"] == "Phone contact" and e.status == "recorded"
    assert e.section_scores["wrap-up"] == round(100 * 10 / 15, 1)


def test_a_missed_compliance_item_fails_the_evaluation(world, make_evaluation):
    e = make_evaluation(world.sup_a, world.agent_a,
                        answers={**PHONE_ANSWERS, "identity-check": "no"})
    assert e.score == 0.0 and e.auto_failed and not e.passed


@pytest.mark.parametrize(("overrides", "message"), [
    ({"contact_date": TODAY + timedelta(days=1)}, "future"),
    ({"channel": "email"}, "not for email"),
    ({"answers": {**PHONE_ANSWERS, "greeting": "na"}}, "does not accept"),
    ({"answers": {k: v for k, v in PHONE_ANSWERS.items() if k != "empathy"}}, "needs an answer"),
])
def test_invalid_evaluations_are_refused(world, overrides, message):
    with pytest.raises(services.MonitoringError, match=message):
        services.record_evaluation(world.sup_a, evaluation_input(world.agent_a, **overrides))


def test_only_agents_of_own_team_can_be_evaluated(world):
    with pytest.raises(services.MonitoringError, match="team you supervise"):
        services.record_evaluation(world.sup_a, evaluation_input(world.agent_b))
    assert db.session.query(Evaluation).count() == 0


def test_acknowledge_dispute_and_resolve(world, make_evaluation):
    e = make_evaluation(world.sup_a, world.agent_a)
    with pytest.raises(services.MonitoringError, match="Only the agent"):
        services.dispute(e, world.agent_b, "Not my call at all, wrong agent.")
    with pytest.raises(services.MonitoringError, match="10 characters"):
        services.dispute(e, world.agent_a, "no")
    services.dispute(e, world.agent_a, "The customer was verified by the IVR.")
    assert e.status == "disputed" and e.replied_at is not None
    with pytest.raises(services.MonitoringError, match="already disputed"):
        services.acknowledge(e, world.agent_a)
    with pytest.raises(services.MonitoringError, match="team's supervisor"):
        services.resolve_dispute(e, world.sup_b, "I agree with the agent here.")
    services.resolve_dispute(e, world.sup_a, "Agreed: IVR verification counts.")
    assert e.status == "resolved"


def test_hiring_outcomes_use_the_90_day_window(world, make_evaluation):
    start = TODAY - timedelta(days=100)
    make_evaluation(world.sup_a, world.agent_a, contact_date=start + timedelta(days=5))
    make_evaluation(world.sup_a, world.agent_a, contact_date=start + timedelta(days=89),
                    answers={**PHONE_ANSWERS, "identity-check": "no"})
    make_evaluation(world.sup_a, world.agent_a, contact_date=start + timedelta(days=90))
    for offset, fcr in ((0, 70.0), (89, 80.0), (95, 10.0)):
        db.session.add(AgentDayMetric(user_id=world.agent_a.id, day=start + timedelta(days=offset),
                                      handled=40, aht_seconds=300, fcr_pct=fcr))
    world.agent_b.disabled = True
    db.session.commit()
    out = services.hiring_outcomes([world.agent_a.id, world.agent_b.id, 999_999],
                                   {world.agent_a.id: start})
    a = out[world.agent_a.id]
    assert a.qa_count == 2 and a.qa_mean == round(86.8 / 2, 1)
    assert a.fcr_mean == 75.0 and a.still_employed and a.start_date == start
    b = out[world.agent_b.id]
    assert b.qa_mean is None and b.fcr_mean is None and not b.still_employed
    assert 999_999 not in out


def test_calibration_shows_the_spread_after_own_score(world, create_user):
    third = create_user("supervisor")
    card = load_scorecards()["phone-contact"]
    session = calibration.create_calibration(world.sup_a, "Week 47", card, "CALL-9", "phone",
                                             TODAY, [world.sup_b.id, third.id])
    assert [r.rater_id for r in session.ratings][0] == world.sup_a.id
    calibration.submit_rating(session, world.sup_a, PHONE_ANSWERS)
    calibration.submit_rating(session, world.sup_b, {**PHONE_ANSWERS, "summary": "yes"})
    with pytest.raises(services.MonitoringError, match="already scored"):
        calibration.submit_rating(session, world.sup_b, PHONE_ANSWERS)
    spread = calibration.spread(session)
    assert len(spread.scores) == 2 and (spread.low, spread.high, spread.range) == (86.8, 92.1, 5.3)
    assert [text for text, _ in spread.disagreements] == ["Summarises what was agreed"]
    assert db.session.query(Evaluation).count() == 0  # calibration never rates the agent


def test_calibration_participants_must_be_supervisors(world):
    card = load_scorecards()["phone-contact"]
    with pytest.raises(services.MonitoringError, match="supervisors"):
        calibration.create_calibration(world.sup_a, "x", card, "C", "phone", TODAY,
                                       [world.agent_a.id])


CSV_HEAD = "email,date,handled,aht_seconds,fcr_pct,csat_pct,adherence_pct\n"


def test_metrics_import_reports_every_bad_row_and_saves_nothing(world):
    day = (TODAY - timedelta(days=1)).isoformat()
    text = CSV_HEAD + "\n".join([
        f"{world.agent_a.email},{day},40,310,75,88,94",
        f"{world.agent_b.email},{day},40,310,75,88,94",
        f"{world.agent_a.email},yesterday,40,310,75,88,94",
        f"{world.agent_a.email},{(TODAY + timedelta(days=2)).isoformat()},4.5,310,175,,",
        f"{world.agent_a.email},{day},41,300,,,",
    ]) + "\n"
    report = metrics.import_metrics_csv(world.sup_a, text)
    found = {(e.row, e.column) for e in report.errors}
    assert found == {(3, "email"), (4, "date"), (5, "date"), (5, "handled"), (5, "fcr_pct"),
                     (6, "email, date")}
    assert "no agent with the e-mail" in str(report.errors[0])
    assert db.session.query(AgentDayMetric).count() == 0


def test_metrics_import_upserts(world):
    day = (TODAY - timedelta(days=1)).isoformat()
    first = metrics.import_metrics_csv(
        world.sup_a, CSV_HEAD + f"{world.agent_a.email.upper()},{day},40,310,75,,94\n")
    assert first.ok and first.created == 1
    again = metrics.import_metrics_csv(world.sup_a, CSV_HEAD + f"{world.agent_a.email},{day},50,"
                                                               "300,80,90,95\n")
    assert again.ok and again.updated == 1
    row = db.session.query(AgentDayMetric).one()
    assert (row.handled, row.csat_pct) == (50, 90.0)


def test_metrics_import_needs_the_columns(world):
    report = metrics.import_metrics_csv(world.sup_a, "email,date\nx,y\n")
    assert report.errors[0].row == 1 and "handled" in report.errors[0].column


def test_team_dashboard_aggregates_weighted_by_volume(world, make_evaluation):
    day = TODAY - timedelta(days=1)
    db.session.add_all([
        AgentDayMetric(user_id=world.agent_a.id, day=day, handled=30, aht_seconds=200,
                       fcr_pct=60),
        AgentDayMetric(user_id=world.agent_a.id, day=day - timedelta(days=1), handled=10,
                       aht_seconds=400, fcr_pct=100),
        AgentDayMetric(user_id=world.agent_b.id, day=day, handled=99, aht_seconds=999),
    ])
    make_evaluation(world.sup_a, world.agent_a, contact_date=day)
    data = metrics.team_dashboard(world.team_a, days=7)
    assert data["end"] == day and len(data["days"]) == 7
    assert data["total"] == {"handled": 40, "aht_seconds": 250.0, "fcr_pct": 70.0,
                             "csat_pct": None, "adherence_pct": None}
    (row,) = data["agents"]
    assert row["agent"] == "Ann Agent" and row["evaluations"] == 1
    charts = metrics.dashboard_charts(data)
    assert "<svg" in charts["aht"] and "Average handling time" in charts["aht"]


def test_the_gate_passes_only_completion_fields(app, monkeypatch, world):
    import sys
    import types
    from dataclasses import dataclass

    @dataclass
    class Rich:
        course_title: str
        status: str
        due_date: object
        completed_on: object
        score: float = 97.5
        attempts: int = 3

    stub = sys.modules.get("app.training.services") or types.ModuleType("x")
    monkeypatch.setitem(sys.modules, "app.training.services", stub)
    monkeypatch.setattr(stub, "completion_status_for", lambda ids: {
        ids[0]: [Rich("Rotation", "done", None, TODAY), Rich("Odd", "scored", None, None)]},
        raising=False)
    out = training_gate.training_completion([world.agent_a.id, world.agent_b.id])
    assert out[world.agent_b.id] == []
    (only,) = out[world.agent_a.id]
    assert only == training_gate.Completion("Rotation", "done", None, TODAY)
    assert not hasattr(only, "score") and not hasattr(only, "attempts")


def test_the_gate_reads_nothing_when_training_lacks_the_functions(app, monkeypatch, world):
    import sys
    import types

    monkeypatch.setitem(sys.modules, "app.training.services", types.ModuleType("empty"))
    assert training_gate.training_period(world.agent_a.id, TODAY) is None
    assert training_gate.training_completion([world.agent_a.id]) == {world.agent_a.id: []}
