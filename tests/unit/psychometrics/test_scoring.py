"""score_attempt on the mini instrument, computed by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest

from app.psychometrics import score_attempt
from app.psychometrics.norms import percentile_from_t
from app.psychometrics.profiles import JobProfile
from app.psychometrics.scoring import hurdle

from .samples import FULL


def test_full_attempt_by_hand(mini):
    instrument, norms, profile = mini
    score = score_attempt(instrument, FULL, norms, profile)
    a, b = score.traits["a"], score.traits["b"]
    # a: a1 5→4, a2 reverse 2→3, a3 reverse 3→2, s1 y→1, f1 p→1, w1 length→1 = 12 of 16
    assert (a.earned, a.max_points, a.raw, a.t_score) == (12, 16, 12, 60)
    # b: b1 4→3, b2 reverse 1→4, s1 y→1, f1→0, w1 greet→2 = 10 of 12; T = 50 + 10·4/3
    assert (b.earned, b.max_points, b.raw, b.t_score) == (10, 12, 10, Fraction(190, 3))
    assert (a.percentile, b.percentile) == (84, 91)
    assert (a.band, b.band) == ("typical", "high")
    assert score.hurdle.composite == Fraction(185, 3)
    assert score.hurdle.decision == "pass"
    assert score.hurdle.recommendation == "Recommend interview."
    assert [r.met for r in score.work_sample["w1"]] == [True, True]
    assert score.answered == score.total_items == 8


def test_sem_and_close_to_cut(mini):
    instrument, norms, profile = mini
    assert norms.sem_t("a") == pytest.approx(4.0)
    assert norms.sem_t("b") == pytest.approx(5.0)
    score = score_attempt(instrument, FULL, norms, profile)
    assert score.hurdle.sem == pytest.approx((4.0**2 + 5.0**2) ** 0.5 / 2)
    assert not score.hurdle.close_to_cut


def test_missing_answers_are_prorated_at_80_percent(mini):
    instrument, norms, profile = mini
    answers = {k: v for k, v in FULL.items() if k != "f1"}
    score = score_attempt(instrument, answers, norms, profile)
    # a: 11 earned of 15 answered (≥ 80 % of 16) → 11·16/15; b: 10 of 11 → 10·12/11
    assert score.traits["a"].raw == Fraction(176, 15)
    assert score.traits["b"].raw == Fraction(120, 11)
    assert score.hurdle.decision == "pass"


def test_too_few_answers_make_the_trait_incomplete(mini):
    instrument, norms, profile = mini
    answers = {k: v for k, v in FULL.items() if k not in ("a1", "a2")}
    score = score_attempt(instrument, answers, norms, profile)
    assert not score.traits["a"].complete and score.traits["a"].t_score is None
    assert score.hurdle.decision == "incomplete"
    assert score.hurdle.incomplete_traits == ("a",)
    assert "recruiter must review" in score.hurdle.recommendation


def _profile(profile: JobProfile, **changes) -> JobProfile:
    return profile.model_copy(update=changes)


@pytest.mark.parametrize(
    ("cut", "decision"),
    [
        (Fraction(185, 3), "pass"),
        (Fraction(185, 3) + Fraction(1, 10**12), "fail"),
        (Fraction(185, 3) - Fraction(1, 10**12), "pass"),
    ],
)
def test_hurdle_exactly_at_just_above_and_just_below_the_cut(mini, cut, decision):
    instrument, norms, profile = mini
    score = score_attempt(instrument, FULL, norms, _profile(profile, cut_score=cut))
    assert score.hurdle.decision == decision
    assert score.hurdle.close_to_cut


def test_hurdle_is_exact_where_floats_are_not(mini):
    instrument, norms, profile = mini
    # mean 7.9, sd 0.1: in floats (8 − 7.9)/0.1 = 0.99999999999996, exactly 1.
    tricky = norms.model_copy(
        update={
            "traits": {
                **norms.traits,
                "a": norms.traits["a"].model_copy(
                    update={"mean": Fraction("7.9"), "sd": Fraction("0.1")}
                ),
            }
        }
    )
    assert 50 + 10 * (8 - 7.9) / 0.1 < 60
    assert tricky.t_score("a", Fraction(8)) == 60
    only_a = _profile(profile, weights={"a": Fraction(1)}, minimums={}, cut_score=Fraction(60))
    result = hurdle({"a": tricky.t_score("a", Fraction(8))}, tricky, only_a)
    assert result.decision == "pass"


def test_per_trait_minimum_fails_even_above_the_cut(mini):
    instrument, norms, profile = mini
    strict = _profile(profile, minimums={"b": Fraction(64)})
    score = score_attempt(instrument, FULL, norms, strict)
    assert score.hurdle.composite > strict.cut_score
    assert score.hurdle.decision == "fail"
    assert score.hurdle.failed_minimums == ("b",)
    assert "recruiter must confirm" in score.hurdle.recommendation


def test_minimum_exactly_met_passes(mini):
    instrument, norms, profile = mini
    score = score_attempt(instrument, FULL, norms, _profile(profile, minimums={"a": 60}))
    assert score.hurdle.decision == "pass"


def test_explanations_and_probes_for_weakest_traits(mini):
    instrument, norms, profile = mini
    score = score_attempt(instrument, FULL, norms, profile)
    assert score.traits["a"].meaning == "Means something."
    assert score.probes[0].trait == "a"
    assert [p.trait for p in score.probes] == ["a", "a", "b", "b"]


@pytest.mark.parametrize(("t", "pct"), [(50, 50), (60, 84), (40, 16), (80, 99), (10, 1)])
def test_percentile_from_t(t, pct):
    assert percentile_from_t(t) == pct


def test_unknown_item_or_bad_value_raises(mini):
    instrument, norms, profile = mini
    with pytest.raises(ValueError, match="unknown item"):
        score_attempt(instrument, {"nope": 1}, norms, profile)
    with pytest.raises(ValueError, match="outside the scale"):
        score_attempt(instrument, {"a1": 9}, norms, profile)


def test_candidate_feedback_has_no_numbers_and_respects_the_flag(mini):
    from app.psychometrics import candidate_feedback

    instrument, norms, profile = mini
    score = score_attempt(instrument, FULL, norms, profile)
    lines = candidate_feedback(score, profile)
    assert [(line.trait, line.summary) for line in lines] == [
        ("a", "Your answers are similar to those of most people who take this test."),
        ("b", "Your answers suggest this is one of your strengths."),
    ]
    assert candidate_feedback(score, _profile(profile, show_feedback=False)) == ()
