"""Synthetic candidates recover their latent levels; item analysis finds a miskeyed item."""

from __future__ import annotations

import numpy as np

from app.psychometrics import compile_plan, score_batch
from app.psychometrics.item_analysis import analyse_items
from app.psychometrics.synthetic import simulate


def test_simulation_is_deterministic_and_recovers_traits(shipped):
    instrument, norms, profiles = shipped
    plan = compile_plan(instrument)
    a = simulate(instrument, plan, 800, seed=5, careless_share=0.1)
    b = simulate(instrument, plan, 800, seed=5, careless_share=0.1)
    assert np.array_equal(a.codes, b.codes)
    assert 0.05 < a.careless.mean() < 0.15
    scores = score_batch(plan, a.codes, norms, profiles["contact-center-agent"])
    attentive = ~a.careless
    for j, trait in enumerate(plan.trait_ids):
        r = np.corrcoef(a.latent[attentive, j], scores.t_scores[attentive, j])[0, 1]
        assert r > (0.6 if trait == "integrity" else 0.8), trait


def test_item_analysis_flags_a_miskeyed_item(shipped):
    instrument, _, _ = shipped
    plan = compile_plan(instrument)
    sample = simulate(instrument, plan, 1500, seed=8, careless_share=0.0)
    item = instrument.item("emp-01")
    miskeyed = instrument.with_item(item.model_copy(update={"reverse": True}))
    stats = {s.key: s for s in analyse_items(compile_plan(miskeyed), sample.codes)}
    assert "negative_discrimination" in stats["emp-01"].flags
    assert stats["emp-02"].item_total["empathy"] > 0.4
    assert abs(sum(stats["emp-02"].option_rates) - 1) < 1e-9
    assert stats["sjt-phone-overcharged"].n == 1500
