"""Tryout contacts as items: points, contact-rest r, parallel-form means."""

from types import SimpleNamespace

import pytest

from app.measurement.tryout_items import analyse_tryouts

WEIGHTS = {"order": 1.0, "quality": 2.0, "handling": 1.0, "abandoned": 0.0}


def _tryout(form, score, quality):
    contacts = [{"contact_id": f"{form}-{k}", "channel": "chat", "served": q is not None,
                 "order": 1.0, "quality": q or 0.0, "handling": 1.0, "abandoned": 0.0}
                for k, q in enumerate(quality)]
    return SimpleNamespace(score={"tryout": {"form": form, "score": score, "weights": WEIGHTS,
                                             "contacts": contacts}})


def test_a_contact_that_goes_against_the_others_is_weak():
    records = [_tryout("form-a", s, [a, a, 1 - a])
               for s, a in ((40, 0.1), (55, 0.4), (70, 0.7), (85, 0.9))]
    forms, rows = analyse_tryouts(records + [_tryout("form-b", 60, [0.5, None, 0.5])])
    assert [(f.form, f.n) for f in forms] == [("form-a", 4), ("form-b", 1)]
    assert forms[0].mean == pytest.approx(62.5)
    first, second, odd = rows[:3]
    assert first.rest_r > 0.2 and not first.weak
    assert odd.rest_r < 0 and odd.weak
    assert first.mean_points == pytest.approx((1 + 2 * 0.525 + 1) / 4)
    b_missing = next(r for r in rows if r.contact_id == "form-b-1")
    assert b_missing.served == 0 and b_missing.quality is None and b_missing.rest_r is None


def test_attempts_without_a_tryout_give_no_rows():
    assert analyse_tryouts([SimpleNamespace(score={"composite": 50})]) == ([], [])
