"""Access matrix generated from the app's URL map: every route x every role, with the
objects of another supervisor's team. Zero unauthorised successes, and a route that is
not in MATRIX fails the test: add it with the roles that may open it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from app.audit import AuditEvent
from app.extensions import db
from app.identity.models import ROLES
from app.monitoring import calibration
from app.monitoring.models import Evaluation
from app.monitoring.scorecards import load_scorecards
from app.orm import utcnow
from tests.access import ANON, MATRIX  # noqa: E402
from tests.integration.monitoring.conftest import PHONE_ANSWERS


def test_every_route_has_a_matrix_entry(app):
    missing = sorted({r.endpoint for r in app.url_map.iter_rules()} - set(MATRIX))
    assert not missing, (
        "Routes without an access-matrix entry (add them to ENTRIES in "
        f"a module of tests/access/): {', '.join(missing)}")


def test_the_matrix_names_no_route_that_is_gone(app):
    gone = sorted(set(MATRIX) - {r.endpoint for r in app.url_map.iter_rules()})
    assert not gone, f"MATRIX entries for routes that no longer exist: {', '.join(gone)}"


def test_declared_roles_agree_with_the_matrix(app):
    for endpoint, view in app.view_functions.items():
        declared = getattr(view, "required_roles", None)
        if declared is not None and endpoint in MATRIX:
            assert set(declared) == set(MATRIX[endpoint]), endpoint


@pytest.fixture
def other_team(world, make_evaluation, create_user):
    """Objects that belong to team B (sup_b); requests come from team A and others."""
    e = make_evaluation(world.sup_b, world.agent_b)
    card = load_scorecards()["phone-contact"]
    peer = create_user("supervisor")
    session = calibration.create_calibration(world.sup_b, "B only", card, "CALL-B", "phone",
                                             utcnow().date() - timedelta(days=1), [peer.id])
    db.session.commit()
    return {"evaluation_id": e.id, "agent_id": world.agent_b.id, "team_id": world.team_b.id,
            "session_id": session.id, "user_id": world.agent_b.id}


def _url(rule, ids: dict[str, int]) -> str:
    url = rule.rule
    for arg in rule.arguments:
        url = re.sub(rf"<(?:[^:<>]+:)?{arg}>", str(ids.get(arg, 1 if "int:" in url else "x")), url)
    return url


def _role_users(world, users) -> dict[str, object]:
    by_role = dict(users)
    by_role["supervisor"], by_role["employee"] = world.sup_a, world.agent_a
    return by_role


def test_no_unauthorised_success(app, login_as, world, users, other_team):
    failures = []
    by_role = _role_users(world, users)
    checked = 0
    for role in [*ROLES, ANON]:
        c = app.test_client()
        if role != ANON:
            login_as(c, by_role[role])
        for rule in app.url_map.iter_rules():
            allowed = MATRIX.get(rule.endpoint, set())
            mine = rule.endpoint.startswith("monitoring.")
            if role in allowed and not (mine and rule.arguments):
                continue  # allowed, and no object of another team to try
            for method in sorted(rule.methods & {"GET", "POST"}):
                url = _url(rule, other_team)
                response = c.open(url, method=method, data={"text": "x" * 20, "action": "dispute"})
                checked += 1
                code = response.status_code
                if role == ANON and code == 302:
                    ok = "/login" in response.headers["Location"]
                else:
                    ok = code in (401, 403, 404, 405)
                if not ok:
                    failures.append(f"{role} {method} {url} -> {code}")
    assert checked > 300
    assert not failures, "unauthorised successes:\n" + "\n".join(failures)


def test_other_teams_objects_answer_404_and_are_audited(client, login_as, world, other_team):
    login_as(client, world.sup_a)
    for url in (f"/monitoring/evaluations/{other_team['evaluation_id']}",
                f"/monitoring/agents/{world.agent_b.id}",
                f"/monitoring/teams/{world.team_b.id}",
                f"/monitoring/calibration/{other_team['session_id']}",
                f"/monitoring/evaluations/new?agent_id={world.agent_b.id}"):
        assert client.get(url).status_code == 404, url
    denied = db.session.query(AuditEvent).filter_by(action="denied", user_id=world.sup_a.id)
    assert denied.count() == 5


def test_a_supervisor_cannot_record_for_another_team_by_tampering(client, login_as, world):
    login_as(client, world.sup_a)
    url = f"/monitoring/evaluations/new?agent_id={world.agent_a.id}&scorecard_id=phone-contact"
    response = client.post(url, data={
        "agent_id": world.agent_b.id, "contact_ref": "X", "channel": "phone",
        "contact_date": utcnow().date().isoformat(),
        **{f"answer_{k.replace('-', '_')}": v for k, v in PHONE_ANSWERS.items()}})
    assert response.status_code == 400 and "Not a valid choice" in response.get_data(as_text=True)
    assert db.session.query(Evaluation).filter_by(agent_id=world.agent_b.id).count() == 0


def test_an_agent_cannot_reply_to_someone_elses_evaluation(client, login_as, world,
                                                           make_evaluation):
    e = make_evaluation(world.sup_b, world.agent_b)
    login_as(client, world.agent_a)
    response = client.post(f"/monitoring/evaluations/{e.id}/reply",
                           data={"action": "dispute", "text": "Not mine but let me try."})
    assert response.status_code == 404 and e.status == "recorded"
