"""Ranking blocks and Thurstonian scoring: validation, encoding, MAP estimates and SEs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from app.psychometrics import compile_plan, load_catalog
from app.psychometrics.batch import encode_responses
from app.psychometrics.instrument import block_design_problems
from app.psychometrics.item_models import RankingBlock
from app.psychometrics.items import ITEM_KINDS
from app.psychometrics.thurstonian import build_model, model_traits, person_fit, score
from app.psychometrics.trait_scoring import SE_INCOMPLETE, TraitNorms, decide, score_traits

ASSESSMENTS = Path(__file__).resolve().parents[3] / "assessments"


def _block(**changes) -> dict:
    data = {
        "id": "blk",
        "statements": [
            {"id": "a", "text": "A.", "trait": "empathy", "desirability": 4.0},
            {"id": "b", "text": "B.", "trait": "resilience", "desirability": 3.8},
            {
                "id": "c",
                "text": "C.",
                "trait": "objectivity",
                "keyed": "negative",
                "desirability": 3.6,
            },
        ],
    }
    data.update(changes)
    return data


@pytest.fixture(scope="module")
def v2():
    catalog = load_catalog(ASSESSMENTS)
    instrument = catalog.instruments["service-aptitude-2"]
    return instrument, compile_plan(instrument)


def test_most_and_least_complete_a_ranking_of_three():
    block = RankingBlock.model_validate(_block())
    kind = ITEM_KINDS["ranking_block"]
    assert kind.validate(block, "b>c") == ("b", "a", "c")
    assert kind.encode(block, ("b", "a", "c")) == (0, 1, 1)
    assert kind.score(block, "c>b>a") == {"empathy": 0, "resilience": 1, "objectivity": 0}


@pytest.mark.parametrize("raw", ["a>a>b", "a>z>b", 7, "a"])
def test_bad_rankings_are_refused_with_the_item_id(raw):
    block = RankingBlock.model_validate(_block())
    with pytest.raises(ValueError, match="item blk"):
        ITEM_KINDS["ranking_block"].validate(block, raw)


def test_block_design_is_checked():
    same = _block()
    same["statements"][1]["trait"] = "empathy"
    with pytest.raises(ValidationError, match="different traits"):
        RankingBlock.model_validate(same)
    spread = _block()
    spread["statements"][2]["desirability"] = 2.0
    with pytest.raises(ValidationError, match="matched within"):
        RankingBlock.model_validate(spread)
    positive = _block()
    positive["statements"][2]["keyed"] = "positive"
    problems = block_design_problems([RankingBlock.model_validate(positive)], "x.yaml")
    assert any("positively keyed" in p.message for p in problems)
    assert any("mix positive and negative" in p.message for p in problems)


def test_shipped_v2_fits_25_minutes_and_measures_integrity_with_ten_items(v2):
    instrument, _ = v2
    assert instrument.estimated_seconds() <= 1500
    integrity = [i for i in instrument.items if "integrity" in ITEM_KINDS[i.kind].max_points(i)]
    assert len(integrity) >= 10
    assert {i.kind for i in integrity} >= {"ranking_block", "sjt"}


def test_map_moves_with_the_answers_and_se_grows_when_items_are_skipped(v2):
    instrument, plan = v2
    model = build_model(instrument, plan)
    traits = model_traits(instrument)
    emp = traits.index("empathy")

    def ranking(prefer_empathy: bool) -> dict[str, str]:
        out = {}
        for item in instrument.items:
            if not isinstance(item, RankingBlock):
                continue

            def key(s):
                if s.trait != "empathy":
                    return 0
                return -1 if (s.keyed == "positive") == prefer_empathy else 1

            out[item.id] = ">".join(s.id for s in sorted(item.statements, key=key))
        return out

    high, low = ranking(True), ranking(False)
    fewer = dict(list(high.items())[:10])
    codes = encode_responses(instrument, plan, [high, low, fewer, {}])
    result = score(model, codes)
    assert result.theta[0, emp] > 0.5 > -0.5 > result.theta[1, emp]
    assert result.se[2, emp] > result.se[0, emp]
    np.testing.assert_allclose(result.theta[3], 0.0, atol=1e-9)
    np.testing.assert_allclose(result.se[3], 1.0, atol=1e-9)
    assert np.isfinite(person_fit(result)[:3]).all()


def test_a_skipped_block_never_voids_the_hurdle(v2):
    instrument, plan = v2
    catalog = load_catalog(ASSESSMENTS)
    profile = catalog.job_profiles["contact-center-agent"]
    model = build_model(instrument, plan)
    rng = np.random.default_rng(3)
    codes = encode_responses(instrument, plan, [{}])
    full = np.repeat(codes, 200, axis=0)
    for item in instrument.items:
        cols = list(plan.item_columns[item.id])
        if item.kind != "work_sample":
            full[:, cols] = (rng.random((200, len(cols))) * plan.column_width[cols]).astype(int)
    scores = score_traits(instrument, plan, model, full)
    norms = TraitNorms.from_scores(scores, "test")
    skipped = full.copy()
    skipped[:, list(plan.item_columns["blk-01"])] = -1
    result = decide(norms, score_traits(instrument, plan, model, skipped), profile)
    assert (result.decision != "incomplete").all()
    empty = decide(norms, score_traits(instrument, plan, model, codes), profile)
    assert empty.decision[0] == "incomplete"
    assert (score_traits(instrument, plan, model, codes).se > SE_INCOMPLETE).all()


def test_refit_refuses_a_pilot_sample_too_small_to_calibrate(v2):
    from app.psychometrics.trait_scoring import refit

    instrument, _ = v2
    with pytest.raises(ValueError, match="at least 300 attempts"):
        refit(instrument, [{}] * 20, "pilot-1")


def test_second_half_misfit_and_fixed_patterns_are_flagged_only_with_version_5_rules(v2):
    from app.psychometrics.thurstonian import model_from_dict
    from app.psychometrics.trait_scoring import PATTERN_SHARE, quality_flags

    instrument, plan = v2
    tables = load_catalog(ASSESSMENTS).norm_tables
    table = tables["service-aptitude-2-sim5"]
    assert tables["service-aptitude-2-sim4"].late_fit_threshold is None
    model = model_from_dict(instrument, plan, table.calibration)
    blocks = [i for i in instrument.items if isinstance(i, RankingBlock)]
    half = instrument.items[len(instrument.items) // 2].id
    late = {i.id for i in instrument.items[len(instrument.items) // 2 :]}
    assert half in late

    def order(block, positive_first: bool) -> str:
        ranked = sorted(block.statements, key=lambda s: (s.keyed == "positive") != positive_first)
        return ">".join(s.id for s in ranked)

    steady = {b.id: order(b, True) for b in blocks}
    turned = {b.id: order(b, b.id not in late) for b in blocks}
    listed = {b.id: ">".join(s.id for s in b.statements) for b in blocks}
    second = {b.id: ">".join(s.id for s in (b.statements[0], b.statements[2], b.statements[1]))
              for b in blocks}
    codes = encode_responses(instrument, plan, [steady, turned, listed, second])
    scores = score_traits(instrument, plan, model, codes)
    timings = np.full((4, len(instrument.items)), 60_000.0)
    flags = quality_flags(
        instrument, scores, timings, table.fit_threshold, table.late_fit_threshold, PATTERN_SHARE
    )
    assert not flags[0, 2] and flags[1, 2]
    assert flags[2, 3] and not flags[3, 3]
    assert scores.listed_order_share[2] == 1.0 and scores.listed_order_share[3] == 0.0
    old_rules = quality_flags(instrument, scores, timings, table.fit_threshold)
    assert not old_rules[:, 2:].any()
