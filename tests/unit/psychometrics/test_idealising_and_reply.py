"""Calibration version 4: the written reply's rubric criteria in the trait model and the
idealising correction; older calibrations keep their rules."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy.special import expit, softmax

from app.psychometrics import JudgedReply, compile_plan, load_catalog
from app.psychometrics.batch import encode_responses
from app.psychometrics.item_models import WorkSampleItem
from app.psychometrics.thurstonian import (
    MET_CODE,
    _fit_criterion,
    build_model,
    idealising_slopes,
    model_from_dict,
    score,
)
from app.psychometrics.trait_attempt import score_attempt_traits

ASSESSMENTS = Path(__file__).resolve().parents[3] / "assessments"
REPLY = (
    "Dear Ms Okafor, I am very sorry you took a day off for nothing; that must have been "
    "frustrating. The missed delivery was a scheduling error on our side. Your sofa is in "
    "our warehouse and I have booked a new delivery for Thursday between 8 am and 12 noon. "
    "I will call you on Wednesday to confirm. Kind regards, Sam"
)


@pytest.fixture(scope="module")
def shipped():
    catalog = load_catalog(ASSESSMENTS)
    instrument = catalog.instruments["service-aptitude-2"]
    return catalog, instrument, compile_plan(instrument)


def _reply_columns(instrument, plan) -> set[int]:
    return {
        c
        for i in instrument.items
        if isinstance(i, WorkSampleItem)
        for c in plan.item_columns[i.id]
    }


def test_sim3_scores_without_the_reply_and_correction_sim4_with_both(shipped):
    catalog, instrument, plan = shipped
    reply = _reply_columns(instrument, plan)
    tables = catalog.norm_tables
    old = model_from_dict(instrument, plan, tables["service-aptitude-2-sim3"].calibration)
    new = model_from_dict(instrument, plan, tables["service-aptitude-2-sim4"].calibration)
    assert old.correction is None and not reply & set(old.columns.tolist())
    assert new.correction is not None and reply <= set(new.columns.tolist())
    assert new.to_dict()["idealising_correction"].keys() == set(new.trait_ids)


def test_a_criterion_is_a_2pl_on_met_versus_not_met(shipped):
    _, instrument, plan = shipped
    item = next(i for i in instrument.items if isinstance(i, WorkSampleItem))
    key = f"{item.id}:{item.criteria[0].id}"
    c, b = 0.4, 1.3
    params = build_model(instrument, plan).parameters | {key: {"c": c, "b": b}}
    model = build_model(instrument, plan, params)
    m = int(np.flatnonzero(model.columns == plan.item_columns[item.id][0])[0])
    trait = model.trait_ids.index(item.criteria[0].trait)
    for theta in (-1.5, 0.0, 2.0):
        th = np.zeros(model.slopes.shape[2])
        th[trait] = theta
        p = softmax(model.intercepts[m] + model.slopes[m] @ th)
        assert p[MET_CODE:].sum() == pytest.approx(expit(c + b * theta))
        np.testing.assert_allclose(p[:MET_CODE], p[0])


def test_criterion_fit_recovers_a_known_2pl():
    rng = np.random.default_rng(5)
    theta = rng.normal(size=4000)
    met = rng.random(4000) < expit(-0.5 + 1.2 * theta)
    codes = np.where(met, 4, 0)
    codes[:100] = -1
    fit = _fit_criterion(theta, codes)
    assert fit["c"] == pytest.approx(-0.5, abs=0.15)
    assert fit["b"] == pytest.approx(1.2, abs=0.15)


def test_the_correction_takes_each_traits_slope_on_idealising_off(shipped):
    _, instrument, plan = shipped
    rng = np.random.default_rng(2)
    codes = encode_responses(instrument, plan, [{}])
    codes = np.repeat(codes, 300, axis=0)
    for item in instrument.items:
        cols = list(plan.item_columns[item.id])
        codes[:, cols] = (rng.random((300, len(cols))) * plan.column_width[cols]).astype(int)
    plain = build_model(instrument, plan)
    raw = score(plain, codes)
    slopes = idealising_slopes(raw)
    corrected = score(build_model(instrument, plan, plain.parameters, correction=slopes), codes)
    np.testing.assert_allclose(corrected.theta, raw.theta - raw.idealising[:, None] * slopes)
    np.testing.assert_allclose(idealising_slopes(corrected), 0.0, atol=1e-9)
    np.testing.assert_allclose(corrected.se, raw.se)


def test_the_trait_model_reads_each_judged_criterion_not_the_overall(shipped):
    catalog, instrument, _ = shipped
    profile = catalog.job_profiles["contact-center-agent-2"]
    table = catalog.norm_tables[profile.norm_table]
    item = next(i for i in instrument.items if isinstance(i, WorkSampleItem))
    blocks = {
        i.id: ">".join(s.id for s in i.statements)
        for i in instrument.items
        if i.kind == "ranking_block"
    }
    n = len(item.criteria)

    def traits(answer) -> list[float]:
        scored = score_attempt_traits(instrument, {**blocks, item.id: answer}, {}, table,
                                      profile)
        return [t["t_score"] for t in scored["traits"]]

    none_met = JudgedReply(REPLY, 5, "recruiter", (0,) * n)
    all_met = JudgedReply(REPLY, 1, "recruiter", (4,) * n)
    assert traits(none_met) == traits(JudgedReply(REPLY, 1, "automatic", (0,) * n))
    assert sum(traits(all_met)) > sum(traits(none_met))
    a = score_attempt_traits(instrument, {**blocks, item.id: none_met}, {}, table, profile)
    without = score_attempt_traits(instrument, blocks, {}, table, profile)
    assert [t["t_score"] for t in a["traits"]] != [t["t_score"] for t in without["traits"]]
    assert "written reply" in a["reply_rule"] and "capped" in a["reply_rule"]
    assert "adjusts the trait scores" in a["validity"]["rule"]
    old = catalog.norm_tables["service-aptitude-2-sim3"]
    before = score_attempt_traits(instrument, {**blocks, item.id: none_met}, {}, old, profile)
    assert before["reply_rule"] is None and "adjusts" not in before["validity"]["rule"]


def test_judged_codes_must_match_the_rubric(shipped):
    from app.psychometrics import ITEM_KINDS

    _, instrument, _ = shipped
    item = next(i for i in instrument.items if isinstance(i, WorkSampleItem))
    with pytest.raises(ValueError, match="one code 0-4 per criterion"):
        ITEM_KINDS["work_sample"].validate(item, JudgedReply(REPLY, 3, "automatic", (4,)))
    with pytest.raises(ValueError, match="one code 0-4 per criterion"):
        ITEM_KINDS["work_sample"].validate(
            item, JudgedReply(REPLY, 3, "automatic", (5,) * len(item.criteria)))


def test_calibrate_fits_the_reply_and_the_correction_unless_asked_for_the_old_rules(shipped):
    from app.psychometrics.thurstonian import calibrate

    _, instrument, plan = shipped
    rng = np.random.default_rng(4)
    codes = np.repeat(encode_responses(instrument, plan, [{}]), 300, axis=0)
    for item in instrument.items:
        cols = list(plan.item_columns[item.id])
        codes[:, cols] = (rng.random((300, len(cols))) * plan.column_width[cols]).astype(int)
    reply = _reply_columns(instrument, plan)
    new = calibrate(instrument, plan, codes, version="t", rounds=1).model
    old = calibrate(
        instrument, plan, codes, version="t", rounds=1, work_sample=False,
        correct_idealising=False,
    ).model
    assert new.correction is not None and reply <= set(new.columns.tolist())
    assert old.correction is None and not reply & set(old.columns.tolist())
    assert model_from_dict(instrument, plan, old.to_dict()).correction is None
    np.testing.assert_allclose(
        model_from_dict(instrument, plan, new.to_dict()).correction, new.correction
    )
