"""score_batch gives the same results as score_attempt."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from app.psychometrics import (
    DECISIONS,
    LikertItem,
    WorkSampleItem,
    compile_plan,
    encode_responses,
    score_attempt,
    score_batch,
)
from app.psychometrics.synthetic import simulate

from .samples import FULL, GOOD_REPLY, POOR_REPLY


def _decode(instrument, plan, row, text):
    """Responses of one synthetic row; the work sample gets ``text`` instead."""
    responses = {}
    for item in instrument.items:
        (col, *_) = plan.item_columns[item.id]
        if isinstance(item, WorkSampleItem):
            if text is not None:
                responses[item.id] = text
        elif row[col] >= 0:
            if isinstance(item, LikertItem):
                responses[item.id] = str(int(row[col]) + item.scale.min)
            else:
                responses[item.id] = item.options[int(row[col])].id
    return responses


def _assert_same(instrument, norms, profile, attempts):
    plan = compile_plan(instrument)
    batch = score_batch(plan, encode_responses(instrument, plan, attempts), norms, profile)
    for row, responses in enumerate(attempts):
        single = score_attempt(instrument, responses, norms, profile)
        for j, trait in enumerate(plan.trait_ids):
            expected = single.traits[trait]
            assert batch.complete[row, j] == expected.complete
            assert batch.earned[row, j] == expected.earned
            if expected.complete:
                assert batch.t_scores[row, j] == pytest.approx(float(expected.t_score), abs=1e-9)
                assert batch.percentiles[row, j] == expected.percentile
        assert DECISIONS[batch.decision[row]] == single.hurdle.decision
        if single.hurdle.composite is None:
            assert np.isnan(batch.composite[row])
        else:
            assert batch.composite[row] == pytest.approx(float(single.hurdle.composite), abs=1e-9)
            assert bool(batch.close_to_cut[row]) == single.hurdle.close_to_cut
    return batch


def test_batch_equals_attempt_on_shipped_content(shipped):
    instrument, norms, profiles = shipped
    plan = compile_plan(instrument)
    sample = simulate(instrument, plan, 150, seed=11, missing_share=0.06)
    texts = [GOOD_REPLY, POOR_REPLY, None]
    attempts = [_decode(instrument, plan, row, texts[i % 3]) for i, row in enumerate(sample.codes)]
    for profile in profiles.values():
        batch = _assert_same(instrument, norms, profile, attempts)
        assert set(batch.decision.tolist()) >= {0, 1}


def test_batch_equals_attempt_at_the_exact_cut(mini):
    instrument, norms, profile = mini
    at_cut = profile.model_copy(update={"cut_score": Fraction(185, 3)})
    above = profile.model_copy(update={"cut_score": Fraction(185, 3) + Fraction(1, 10**12)})
    partial = {k: v for k, v in FULL.items() if k != "f1"}
    missing = {k: v for k, v in FULL.items() if k not in ("a1", "a2")}
    for prof in (profile, at_cut, above):
        batch = _assert_same(instrument, norms, prof, [FULL, partial, missing])
    assert batch.decision.tolist() == [0, 1, 2]


def test_batch_exact_fallback_where_floats_round_down(mini):
    instrument, norms, profile = mini
    tricky = norms.model_copy(
        update={
            "traits": {
                **norms.traits,
                "a": norms.traits["a"].model_copy(
                    update={"mean": Fraction("11.9"), "sd": Fraction("0.1")}
                ),
            }
        }
    )
    only_a = profile.model_copy(
        update={"weights": {"a": Fraction(1)}, "minimums": {}, "cut_score": Fraction(60)}
    )
    batch = _assert_same(instrument, tricky, only_a, [FULL])
    assert batch.decision.tolist() == [1]


def test_integer_exact_rule_matches_fractions_on_ties(mini):
    from itertools import product

    from app.psychometrics.batch import _ExactHurdle
    from app.psychometrics.scoring import hurdle, prorated_raw

    instrument, norms, profile = mini
    plan = compile_plan(instrument)
    maxima = [int(m) for m in plan.max_points]
    cases = [
        (ea, aa, eb, ab)
        for aa in (13, 16)
        for ab in (10, 12)
        for ea, eb in product(range(0, aa + 1, 3), range(0, ab + 1, 2))
    ]
    for ea, aa, eb, ab in cases:
        t = {
            trait: norms.t_score(trait, prorated_raw(e, a, m))
            for trait, e, a, m in zip(plan.trait_ids, (ea, eb), (aa, ab), maxima, strict=True)
        }
        composite = (t["a"] + t["b"]) / 2
        for cut in (composite, composite + Fraction(1, 10**9)):
            prof = profile.model_copy(update={"cut_score": cut, "minimums": {"b": t["b"]}})
            expected = DECISIONS.index(hurdle(t, norms, prof).decision)
            got = _ExactHurdle(plan, norms, prof).decision(np.array([ea, eb]), np.array([aa, ab]))
            assert got == expected, (ea, aa, eb, ab, cut)


def test_out_of_range_codes_are_rejected(mini):
    instrument, norms, profile = mini
    plan = compile_plan(instrument)
    codes = encode_responses(instrument, plan, [FULL])
    codes[0, 0] = 5
    with pytest.raises(ValueError, match="out of range"):
        score_batch(plan, codes, norms, profile)
