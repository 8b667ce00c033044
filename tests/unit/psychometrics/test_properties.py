"""Property tests: keyed answers move their trait score in the keyed direction only."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.psychometrics import (
    LikertItem,
    WorkSampleItem,
    load_instrument,
    load_job_profiles,
    load_norm_table,
    score_attempt,
)

from .samples import ASSESSMENTS, POOR_REPLY

INSTRUMENT = load_instrument(ASSESSMENTS, "service-aptitude")
NORMS = load_norm_table(ASSESSMENTS, "service-aptitude-v1")
PROFILE = load_job_profiles(ASSESSMENTS)["contact-center-agent"]
LIKERT = [i for i in INSTRUMENT.items if isinstance(i, LikertItem)]
CHOICE = [i for i in INSTRUMENT.items if not isinstance(i, LikertItem | WorkSampleItem)]
WORK = [i for i in INSTRUMENT.items if isinstance(i, WorkSampleItem)]


@st.composite
def answers_and_item(draw):
    answers = {i.id: draw(st.integers(1, 5)) for i in LIKERT}
    answers |= {i.id: draw(st.sampled_from([o.id for o in i.options])) for i in CHOICE}
    answers |= {i.id: POOR_REPLY for i in WORK}
    item = draw(st.sampled_from(LIKERT))
    answers[item.id] = draw(st.integers(1, 4))
    return answers, item


@settings(max_examples=60, deadline=None, database=None)
@given(answers_and_item())
def test_raising_an_answer_moves_the_trait_in_the_keyed_direction(case):
    answers, item = case
    before = score_attempt(INSTRUMENT, answers, NORMS, PROFILE).traits[item.trait]
    after = score_attempt(
        INSTRUMENT, {**answers, item.id: answers[item.id] + 1}, NORMS, PROFILE
    ).traits[item.trait]
    if item.reverse:
        assert after.raw <= before.raw and after.t_score <= before.t_score
    else:
        assert after.raw >= before.raw and after.t_score >= before.t_score
    assert after.raw != before.raw


@settings(max_examples=40, deadline=None, database=None)
@given(answers_and_item())
def test_other_traits_are_unaffected(case):
    answers, item = case
    before = score_attempt(INSTRUMENT, answers, NORMS, PROFILE).traits
    after = score_attempt(
        INSTRUMENT, {**answers, item.id: answers[item.id] + 1}, NORMS, PROFILE
    ).traits
    assert all(before[t].raw == after[t].raw for t in before if t != item.trait)
