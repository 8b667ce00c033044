"""Response-quality flags."""

from __future__ import annotations

from app.psychometrics import LikertItem, check_quality, score_attempt


def _likert(instrument):
    return [i for i in instrument.items if isinstance(i, LikertItem)]


def _attentive(instrument):
    """Agree with keyed statements, disagree with reverse-keyed ones, varying a little."""
    return {
        i.id: (2 if n % 2 else 1) if i.reverse else (4 if n % 2 else 5)
        for n, i in enumerate(_likert(instrument))
    }


def test_attentive_answers_raise_no_flag(shipped):
    instrument, _, _ = shipped
    answers = _attentive(instrument)
    report = check_quality(instrument, answers, {i: 4000 for i in answers})
    assert report.flags == ()
    assert all(not p.inconsistent for p in report.pairs)
    assert len(report.pairs) >= 3


def test_straight_lining_and_contradictory_pairs(shipped):
    instrument, _, _ = shipped
    answers = {i.id: 5 for i in _likert(instrument)}
    report = check_quality(instrument, answers)
    codes = {f.code for f in report.flags}
    assert codes == {"straight_lining", "inconsistent_pairs"}
    assert report.longest_run == len(answers)
    assert all(p.gap == 4 for p in report.pairs)


def test_too_fast(shipped):
    instrument, _, _ = shipped
    answers = _attentive(instrument)
    timings = {i: (500 if n < len(answers) // 4 else 5000) for n, i in enumerate(answers)}
    report = check_quality(instrument, answers, timings)
    assert [f.code for f in report.flags] == ["too_fast"]
    assert len(report.fast_items) == len(answers) // 4


def test_flags_never_change_the_decision(mini):
    instrument, norms, profile = mini
    answers = {
        "a1": 5,
        "a2": 1,
        "a3": 5,
        "b1": 5,
        "b2": 1,
        "s1": "x",
        "f1": "p",
        "w1": "hello there",
    }
    report = check_quality(instrument, answers, {i: 10 for i in answers})
    assert {f.code for f in report.flags} == {"too_fast"}
    assert report.pairs[0].inconsistent
    before = score_attempt(instrument, answers, norms, profile)
    assert before == score_attempt(instrument, answers, norms, profile)
