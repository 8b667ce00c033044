"""No live evaluation during a training period, first and last day included."""

from datetime import timedelta

import pytest

from app.extensions import db
from app.monitoring import services
from app.monitoring.models import Evaluation
from app.orm import utcnow
from tests.integration.monitoring.conftest import PHONE_ANSWERS, evaluation_input

TODAY = utcnow().date()
START, END = TODAY - timedelta(days=40), TODAY - timedelta(days=20)


@pytest.mark.parametrize(("day", "blocked"), [
    (START - timedelta(days=1), False),
    (START, True),
    (START + timedelta(days=10), True),
    (END, True),
    (END + timedelta(days=1), False),
])
def test_contacts_inside_a_past_period_are_blocked_edges_included(world, put_in_training,
                                                                  day, blocked):
    put_in_training(world.agent_a, START, END, "onboarding")
    data = evaluation_input(world.agent_a, contact_date=day)
    if blocked:
        with pytest.raises(services.TrainingPeriodBlock) as err:
            services.record_evaluation(world.sup_a, data)
        assert err.value.period.start == START and err.value.period.end == END
        assert db.session.query(Evaluation).count() == 0
    else:
        assert services.record_evaluation(world.sup_a, data).contact_date == day


@pytest.mark.parametrize(("start", "end"), [
    (TODAY, TODAY + timedelta(days=5)),            # today is the first day
    (TODAY - timedelta(days=5), TODAY),            # today is the last day
])
def test_nothing_is_recorded_while_a_period_lasts(world, put_in_training, start, end):
    put_in_training(world.agent_a, start, end)
    before = start - timedelta(days=3)  # a contact from before the period
    with pytest.raises(services.TrainingPeriodBlock):
        services.record_evaluation(world.sup_a, evaluation_input(world.agent_a,
                                                                 contact_date=before))


def test_a_period_of_another_employee_blocks_nobody_else(world, put_in_training):
    put_in_training(world.agent_b, TODAY - timedelta(days=5), TODAY + timedelta(days=5))
    assert services.record_evaluation(world.sup_a, evaluation_input(world.agent_a)).id


def test_the_page_explains_why_with_the_dates(client, login_as, world, put_in_training):
    start, end = TODAY - timedelta(days=2), TODAY + timedelta(days=12)
    put_in_training(world.agent_a, start, end, "customer-service rotation")
    login_as(client, world.sup_a)
    url = f"/monitoring/evaluations/new?agent_id={world.agent_a.id}&scorecard_id=phone-contact"
    page = client.get(url)
    text = page.get_data(as_text=True)
    assert page.status_code == 409
    assert "customer-service rotation" in text
    assert f"{start:%d %b %Y}" in text and f"{end:%d %b %Y}" in text
    assert "safe place to fail" in text and "Record evaluation" not in text
    form = {"agent_id": world.agent_a.id, "contact_ref": "C-1", "channel": "phone",
            "contact_date": (start - timedelta(days=5)).isoformat(),
            **{f"answer_{k.replace('-', '_')}": v for k, v in PHONE_ANSWERS.items()}}
    assert client.post(url, data=form).status_code == 409
    assert db.session.query(Evaluation).count() == 0
    agent_page = client.get(f"/monitoring/agents/{world.agent_a.id}").get_data(as_text=True)
    assert f"{end:%d %b %Y}" in agent_page and "Evaluate a contact" not in agent_page
    team = client.get("/monitoring/").get_data(as_text=True)
    assert f"training period until {end:%d %b}" in team and "no evaluation now" in team
    assert f"new?agent_id={world.agent_a.id}" not in team
