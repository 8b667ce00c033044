"""Re-scoring after a key or norm change, and the dry-run diff."""

from __future__ import annotations

from fractions import Fraction

from app.psychometrics import ScoringSetup, dry_run_diff, rescore

from .samples import FULL


def test_rescore_is_deterministic(mini):
    setup = ScoringSetup(*mini)
    attempts = {"c2": FULL, "c1": {**FULL, "a1": "1"}}
    first, second = rescore(setup, attempts), rescore(setup, attempts)
    assert first == second
    assert list(first) == ["c1", "c2"]


def test_dry_run_diff_after_a_norm_change(mini):
    instrument, norms, profile = mini
    old = ScoringSetup(instrument, norms, profile)
    harder = norms.model_copy(
        update={
            "traits": {
                **norms.traits,
                "a": norms.traits["a"].model_copy(update={"mean": Fraction(12)}),
            }
        }
    )
    new = ScoringSetup(instrument, harder, profile)
    attempts = {"c1": FULL, "c2": {**FULL, "a1": "1", "b1": "2"}}
    report = dry_run_diff(old, new, attempts)
    by_id = {d.attempt_id: d for d in report.diffs}
    # c1: T_a 60 → 50, composite 185/3 → (50 + 190/3)/2 = 170/3
    assert by_id["c1"].old_composite == Fraction(185, 3)
    assert by_id["c1"].new_composite == Fraction(170, 3)
    assert by_id["c1"].delta == Fraction(-5)
    assert not by_id["c1"].decision_changed
    assert (by_id["c2"].old_decision, by_id["c2"].new_decision) == ("pass", "fail")
    assert (report.changed, report.pass_to_fail, report.fail_to_pass) == (1, 1, 0)
    assert norms.traits["a"].mean == 8


def test_removed_option_is_dropped_and_reported(mini):
    instrument, norms, profile = mini
    item = instrument.item("s1")
    trimmed = item.model_copy(
        update={"options": item.options[:2] + (item.options[2].model_copy(update={"id": "w"}),)}
    )
    new_instrument = instrument.with_item(trimmed)
    old = ScoringSetup(instrument, norms, profile)
    new = ScoringSetup(new_instrument, norms, profile)
    report = dry_run_diff(old, new, {"c1": {**FULL, "s1": "z"}})
    assert report.diffs[0].dropped == ("s1",)
