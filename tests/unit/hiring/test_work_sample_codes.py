"""The written reply's criteria reach the trait model as the shared scorer judged them: a
keyword template that passes every keyword check gives no trait evidence."""

from pathlib import Path

import pytest

from app.hiring.work_sample import automatic, criterion_codes
from app.psychometrics import WorkSampleItem, load_catalog
from app.psychometrics.work_sample import evaluate_rubric
from app.reply_text import MAXIMUM

ASSESSMENTS = Path(__file__).resolve().parents[3] / "assessments"
GOOD = """Dear Ms Okafor,

I'm Sam from Brightline Home. I am so sorry: you took a day off work on Saturday and
nobody came or called, and then the helpline cut you off. I understand why you are
disappointed and thinking of cancelling.

I have checked order BH-20417. Your sofa is safe in our warehouse and has not been lost.
The Saturday delivery was cancelled by a scheduling error on our side, not by you or the
driver. I have booked a new delivery for Thursday between 8 am and 12 noon. If that day
does not suit you, reply to this e-mail and I will find another date.

I will call you on Wednesday afternoon to confirm the time.

Kind regards,
Sam"""
TEMPLATE = ("Hi Dana Okafor, I completely understand how frustrating and disappointing this "
            "is and I am so sorry. I have checked and I will personally make sure your "
            "delivery happens on Monday at 9 am, and if you want to cancel the order I can "
            "offer a voucher. " * 2)


@pytest.fixture(scope="module")
def item() -> WorkSampleItem:
    instrument = load_catalog(ASSESSMENTS).instruments["service-aptitude-2"]
    return next(i for i in instrument.items if isinstance(i, WorkSampleItem))


def test_a_keyword_template_passes_the_keyword_checks_but_gives_no_trait_evidence(item):
    assert sum(r.met for r in evaluate_rubric(item, TEMPLATE)) >= 5
    score = automatic(item, TEMPLATE)
    assert score.overall <= 2
    assert criterion_codes(item, TEMPLATE, score, score.overall) == (0,) * len(item.criteria)


def test_a_good_reply_meets_the_criteria_its_scorer_judges_met(item):
    score = automatic(item, GOOD)
    assert score.overall >= 4
    codes = criterion_codes(item, GOOD, score, score.overall)
    for criterion, code in zip(item.criteria, codes, strict=True):
        if criterion.judged_by:
            need = MAXIMUM[criterion.judged_by]
            assert (code == 4) == (score.criteria[criterion.judged_by] >= need), criterion.id
    assert sum(c == 4 for c in codes) >= 5


def test_a_recruiter_who_caps_the_reply_removes_its_trait_evidence(item):
    score = automatic(item, GOOD)
    assert criterion_codes(item, GOOD, score, 2) == (0,) * len(item.criteria)


def test_judged_by_names_the_shared_scorers_criteria():
    from typing import get_args

    from app.psychometrics.item_models import ReplyCriterion
    from app.replies import CRITERIA

    assert set(get_args(ReplyCriterion)) == set(CRITERIA)
