"""The refit of the overall grade: band-keeping, held-out contacts, and when it is used."""

import random

from app.practice.scoring.calibration import (
    CRITERIA,
    Example,
    Scored,
    evaluate,
    fit,
    predict,
)


def _scored(rng: random.Random, contact: str, trainers) -> Scored:
    criteria = {c: rng.randint(0, 1) for c in CRITERIA}
    criteria["resolves_accurately"] = rng.choice([0, 1, 2, 2])
    gated = criteria["resolves_accurately"] == 0 or criteria["honest"] == 0
    rule = rng.choice([1, 2]) if gated else rng.choice([3, 4, 5])
    overall = trainers(criteria, rule, gated)
    example = Example(contact, {}, "reply", {c: int(v == (2 if c == "resolves_accurately"
                                                         else 1)) for c, v in criteria.items()},
                      overall)
    return Scored(example, criteria, rule, rng.randint(20, 200))


def _set(trainers, n=120, seed=3):
    rng = random.Random(seed)
    return [_scored(rng, f"contact-{i % 8}", trainers) for i in range(n)]


def _next_step_matters(criteria, rule, gated):
    """Trainers who grade an accurate reply by its next step alone, not by the rule."""
    if gated:
        return 1 if criteria["resolves_accurately"] == 0 else 2
    return 5 if criteria["clear_next_step"] else 3


def test_a_refit_is_used_when_it_agrees_better_on_unseen_contacts():
    report = evaluate(_set(_next_step_matters))
    assert report["contacts"] == 8 and report["n"] == 120
    assert report["overall"]["refit"]["qwk"] > report["overall"]["rules"]["qwk"] + 0.1
    assert report["use_refit"] is True
    assert set(report["overall"]) == {"rules", "refit", "length", "courtesy"}
    assert report["criteria"]["honest"]["kappa"] == 1.0


def test_the_rules_stay_when_trainers_agree_with_them():
    report = evaluate(_set(lambda criteria, rule, gated: rule))
    assert report["overall"]["rules"]["qwk"] == 1.0
    assert report["use_refit"] is False


def test_too_few_ratings_are_not_measured():
    report = evaluate(_set(_next_step_matters, n=20))
    assert "at least 30 rated replies" in report["reason"]
    assert "overall" not in report


def test_the_refit_never_moves_a_grade_out_of_its_band():
    data = _set(lambda criteria, rule, gated: 5)  # trainers who give everything a 5
    params = fit(data)
    for s in data:
        grade = predict(params, s.criteria, s.rule_overall, s.words)
        assert grade <= 2 if s.gated else grade >= 3
    assert all(isinstance(w, float) for w in params["coef"])
