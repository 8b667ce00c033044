"""Predictive validity reads live monitoring outcomes of consenting hires — never practice."""

import grimp
import numpy as np
from sqlalchemy import select

from app.extensions import db
from app.hiring.models import Invitation
from app.measurement.demo import seed_sample
from app.measurement.models import SelfIdentification
from app.measurement.validity import run_validity, validity_input
from app.practice.models import PracticeResponse, PracticeShift

PROFILE = "contact-center-agent"


def test_only_consenting_hires_with_live_outcomes_are_used(content, users):
    seed_sample(users["recruiter"], n=60, seed=11)
    data = validity_input(PROFILE, "qa_mean")
    hired = db.session.scalars(select(Invitation).where(Invitation.decision == "hired")).all()
    consent = {s.invitation_id: s.research_consent
               for s in db.session.scalars(select(SelfIdentification))}
    expected = sorted(i.candidate_id for i in hired if consent.get(i.id))
    assert sorted(data.user_ids) == expected and data.hires == len(hired)
    assert data.t_scores.shape == (len(expected), 10)
    data2, study, problem = run_validity(PROFILE, "qa_mean")
    assert study is not None, problem
    assert study.n == len(expected) and -1 <= study.model.ci_low <= study.model.ci_high <= 1


def test_extreme_practice_rows_leave_the_validity_input_unchanged(content, users):
    seed_sample(users["recruiter"], n=60, seed=11)
    before = validity_input(PROFILE, "qa_mean")
    for uid in before.user_ids:
        shift = PracticeShift(user_id=uid, profile="phone-basics", seed=1, status="finished")
        db.session.add(shift)
        db.session.flush()
        db.session.add(PracticeResponse(shift_id=shift.id, contact_id="c", sim_contact_id=1,
                                        channel="phone", text="x", model_grade=0.0,
                                        handle_seconds=99999.0))
    db.session.commit()
    after = validity_input(PROFILE, "qa_mean")
    assert after.user_ids == before.user_ids
    assert np.array_equal(after.outcome, before.outcome)
    assert np.array_equal(after.t_scores, before.t_scores)


def test_measurement_never_imports_practice():
    graph = grimp.build_graph("app")
    chain = graph.find_shortest_chain(importer="app.measurement", imported="app.practice")
    assert chain is None
    for module in graph.find_descendants("app.measurement") | {"app.measurement"}:
        assert graph.find_shortest_chain(importer=module, imported="app.practice") is None, module
