"""A candidate invited to the opening with the job tryout."""

import pytest

from app.content.loader import apply_documents
from app.extensions import db
from app.hiring import services
from app.hiring.catalog import setup_for
from app.hiring.tryout.content import tryout_source
from tests.fixtures.app import ROOT

PROFILE = "contact-center-agent-tryout"


def answer(item):
    """A complete questionnaire, so that the composite is computed."""
    if item.kind == "likert":
        return "3"
    if item.kind == "ranking_block":
        return ">".join(s.id for s in item.statements)
    if item.kind == "work_sample":
        return "Dear customer, I am sorry. I will check it and call you tomorrow."
    return item.options[0].id


@pytest.fixture
def tryout_opening(content, shipped_documents, users):
    # shipped_documents is gathered once per run; when a test gathered it before any app
    # registered the slices' sources, the tryout documents are missing: add them.
    known = {d.uuid for d in shipped_documents}
    extra = [d for d in tryout_source(ROOT)[0] if d.uuid not in known]
    if extra:
        apply_documents([*shipped_documents, *extra], [])
    opening = services.create_opening(users["recruiter"], "Agent with tryout", PROFILE)
    db.session.commit()
    return opening


@pytest.fixture
def tryout_attempt(tryout_opening):
    def make(email="tia@example.test", factor="1"):
        invitation, _ = services.invite_candidate(tryout_opening, "Tia Tryout", email, factor)
        services.record_consent(invitation, None)
        attempt = services.start_attempt(invitation)
        for item in setup_for(PROFILE).instrument.items:
            services.save_answer(attempt, item.id, answer(item), 1)
        db.session.commit()
        return attempt
    return make
