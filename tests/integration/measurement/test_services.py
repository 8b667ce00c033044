"""Item analysis on a hand-computed fixture, self-identification, norms and retention."""

from datetime import date, timedelta

import pytest
import yaml
from sqlalchemy import inspect, select

from app.extensions import db
from app.hiring.catalog import setup_for
from app.hiring.models import Response, WorkSampleRating
from app.jobs import enqueue
from app.measurement import norms, quality, services
from app.measurement.decisions import MeasurementError
from app.measurement.models import PurgedInvitation, SelfIdentification
from app.measurement.retention import purge_expired_candidates
from app.measurement.tasks import purge_expired_candidates_task
from app.orm import utcnow
from app.psychometrics import NormTable

# Keyed points (0-4) of five respondents on the eight empathy items; emp-04, -06, -08
# are reverse-keyed, so the stored answer is 5 - points there and points + 1 elsewhere.
KEYED = [[4, 4, 3, 4, 3, 4, 4, 3], [3, 3, 3, 2, 3, 3, 2, 3], [2, 1, 2, 2, 1, 2, 2, 1],
         [1, 2, 1, 1, 2, 1, 1, 2], [0, 1, 0, 1, 0, 0, 1, 0]]
REVERSE = {3, 5, 7}


def _answers(instrument, points: list[int]) -> dict:
    """Everything answered; only the empathy statements vary (others are constant)."""
    out = {}
    for item in instrument.items:
        if item.kind == "likert":
            out[item.id] = 3
        elif item.kind in ("sjt", "forced_choice"):
            out[item.id] = item.options[0].id
        else:
            out[item.id] = "Dear Dana, I am sorry."
    out.update({f"emp-0{j + 1}": (5 - p if j in REVERSE else p + 1)
                for j, p in enumerate(points)})
    return out


def _empathy_units(instrument) -> int:
    units = 0
    for item in instrument.items:
        if item.kind == "likert":
            units += item.trait == "empathy"
        elif item.kind == "sjt":
            units += any("empathy" in o.points for o in item.options)
        elif item.kind == "forced_choice":
            units += any(o.trait == "empathy" for o in item.options)
        else:
            units += sum(c.trait == "empathy" for c in item.criteria)
    return units


def test_alpha_and_item_total_match_the_hand_computation(content, make_scored):
    instrument = setup_for("contact-center-agent").instrument
    for points in KEYED:
        make_scored(answers=_answers(instrument, points))
    analysis = quality.analyse_instrument("service-aptitude")
    empathy = next(t for t in analysis.traits if t.trait == "empathy")
    # Σ item variances = 14.8 and variance of totals = 101.8 (the other empathy units are
    # constant here, adding nothing to either): α = k/(k − 1) · (1 − 14.8/101.8)
    k = _empathy_units(instrument)
    assert empathy.n_items == k > 8 and empathy.report.n_respondents == 5
    assert empathy.report.alpha == pytest.approx(k / (k - 1) * (1 - 14.8 / 101.8), abs=1e-12)
    first = next(i for i in analysis.items if i.key == "emp-01")
    assert first.item_total["empathy"] == pytest.approx(0.98216, abs=1e-5)
    assert first.mean == pytest.approx(2.0) and first.n == 5
    sjt = next(i for i in analysis.items if i.key == "sjt-phone-overcharged")
    assert sjt.options[0] == ("a", 1.0) and "dominant_option" in sjt.flags


def test_too_few_answers_explain_the_missing_alpha(content, make_scored):
    make_scored(answers={"emp-01": 4})
    analysis = quality.analyse_instrument("service-aptitude")
    assert all(t.report is None and "at least 2" in t.problem for t in analysis.traits)


def test_self_identification_holds_no_scores_and_refuses_unknown_values(content, started):
    columns = {c["name"] for c in inspect(db.engine).get_columns("self_identification")}
    assert not columns & {"score", "composite", "recommendation", "candidate_id", "t_score"}
    assert not services.can_self_identify(started.invitation)  # still in progress
    row = services.save_self_identification(
        started.invitation, {"sex": "prefer_not", "age_band": "40_54"}, True)
    assert (row.sex, row.race_ethnicity, row.age_band, row.research_consent) == (
        "prefer_not", None, "40_54", True)
    assert row.group("sex") is None and row.group("age_band") == "40_54"
    with pytest.raises(ValueError, match="Disability"):
        services.save_self_identification(started.invitation, {"disability": "maybe"}, False)


def test_norm_table_needs_a_sample(content, make_scored):
    for _ in range(3):
        make_scored()
    with pytest.raises(MeasurementError, match="at least 20"):
        norms.build_norm_table("service-aptitude", None, None, None, "Too small a group",
                               date(2026, 11, 22))


def test_norm_table_from_demo_sample_is_valid_and_dry_run(content, users):
    from app.measurement.demo import seed_sample

    seed_sample(users["recruiter"], n=40, seed=5)
    build = norms.build_norm_table("service-aptitude", "contact-center-agent", None, None,
                                   "Demo applicants, all periods", date(2026, 11, 22))
    table = NormTable.model_validate(yaml.safe_load(yaml.safe_dump(build.table)))
    assert table.id == "service-aptitude-v2" and table.version == 2
    assert table.sample.size == 40 and str(table.uuid) != "b8597f26-efec-44d1-89d1-4400af640955"
    assert all(0 < t.reliability < 1 for t in table.traits.values())
    run = build.dry_runs[0]
    assert run.profile_id == "contact-center-agent" and len(run.report.diffs) == 40
    assert run.report.changed == run.report.pass_to_fail + run.report.fail_to_pass


def _old_decided(make_scored, **kwargs):
    invitation = make_scored("50", decided_days_ago=200, sex="female",
                             answers={"emp-01": 4, "ws-late-delivery": "Dear Dana, I am sorry"},
                             **kwargs)
    invitation.accommodation_request = "I use a screen reader."
    invitation.attempt.work_ratings.append(WorkSampleRating(
        item_id="ws-late-delivery", overall=3, automatic=2, note="Dana would like it."))
    db.session.commit()
    return invitation


def test_purge_anonymizes_but_keeps_statistics(content, make_scored):
    old = _old_decided(make_scored)
    recent = make_scored("50", decided_days_ago=100)
    score_before = dict(old.attempt.score)
    assert purge_expired_candidates(utcnow()) == 1
    db.session.commit()
    db.session.expire_all()
    user = old.candidate
    assert user.name == "Anonymized candidate" and user.email.endswith("@anonymized.invalid")
    assert user.disabled and old.accommodation_request is None
    kept = {r.item_id: r.value for r in old.attempt.responses}
    assert kept == {"emp-01": 4}  # the free-text reply is gone, the choice answer stays
    assert [(r.overall, r.note) for r in old.attempt.work_ratings] == [(3, None)]
    assert old.attempt.score == score_before and old.decision == "not_progressed"
    assert db.session.scalar(select(SelfIdentification.sex).where(
        SelfIdentification.invitation_id == old.id)) == "female"
    assert recent.candidate.name.startswith("Measured")
    assert purge_expired_candidates(utcnow()) == 0  # each invitation once


def test_retention_period_is_configurable_and_hires_keep_their_account(app, content,
                                                                       make_scored):
    hire = make_scored("55", decided_days_ago=40, decision="hired")
    hire.candidate.set_roles({"employee"})
    db.session.commit()
    app.config["CANDIDATE_DATA_RETENTION_DAYS"] = 30
    try:
        assert purge_expired_candidates(utcnow()) == 1
    finally:
        app.config["CANDIDATE_DATA_RETENTION_DAYS"] = 180
    assert hire.candidate.name.startswith("Measured") and not hire.candidate.disabled
    assert db.session.get(PurgedInvitation, hire.id) is not None


def test_purge_runs_as_a_job_and_from_the_cli(content, make_scored, runner):
    _old_decided(make_scored)
    enqueue(purge_expired_candidates_task)
    assert db.session.scalar(select(PurgedInvitation.invitation_id)) is not None
    second = _old_decided(make_scored)
    result = runner.invoke(args=["measurement", "purge"])
    assert result.exit_code == 0 and "1 invitations purged" in result.output
    db.session.expire_all()
    values = db.session.scalars(select(Response.value).where(
        Response.attempt_id == second.attempt.id)).all()
    assert values == [4]


def test_not_yet_decided_candidates_are_kept(content, make_scored):
    make_scored("50", scored_days_ago=400)
    assert purge_expired_candidates(utcnow() + timedelta(days=1000)) == 0
