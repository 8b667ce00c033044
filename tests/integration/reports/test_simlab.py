from app.extensions import db
from app.reports import simlab
from app.reports.models import SimulationJob


def _run(client, **overrides):
    data = {"scenario": "helpdesk", "policies": ["blended_fifo", "channel_priority"],
            "replications": "2", "seed": "3"} | overrides
    return client.post("/reports/simlab", data=data)


def test_trainer_runs_a_comparison_and_sees_charts(client, login_as, users):
    login_as(client, users["trainer"])
    assert b"Agents per group" in client.get("/reports/simlab").data
    response = _run(client)
    assert response.status_code == 302
    job = db.session.query(SimulationJob).one()
    assert job.status == "done" and job.done == job.total == 4
    assert set(job.result["policies"]) == {"blended_fifo", "channel_priority"}
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert b"Service level per interval" in page.data and page.data.count(b"<svg") == 2
    status = client.get(f"/reports/simlab/jobs/{job.id}.json").json
    assert status == {"status": "done", "done": 4, "total": 4, "percent": 100, "error": None}


def test_changing_agents_changes_the_result(client, login_as, users):
    login_as(client, users["admin"])
    from app.routing import load_scenario

    group = load_scenario("helpdesk").agents[0].group
    _run(client, policies=["blended_fifo"], **{f"count_{group}": "1"})
    _run(client, policies=["blended_fifo"], **{f"count_{group}": "6"})
    few, many = db.session.query(SimulationJob).order_by(SimulationJob.id).all()
    sl = [j.result["policies"]["blended_fifo"]["overall"]["service_level"]["mean"]
          for j in (few, many)]
    assert sl[0] < sl[1]


def test_bad_requests_are_refused_with_a_reason(client, login_as, users):
    login_as(client, users["trainer"])
    assert _run(client, policies=[]).status_code == 400
    assert _run(client, replications="500").status_code == 400
    response = _run(client, scenario="nope")
    assert response.status_code == 400
    assert db.session.query(SimulationJob).count() == 0


def test_per_user_cap_on_running_jobs(client, login_as, users):
    for _ in range(simlab.MAX_ACTIVE_JOBS):
        db.session.add(SimulationJob(user_id=users["trainer"].id, status="running",
                                     params={"scenario": "helpdesk"}))
    db.session.commit()
    login_as(client, users["trainer"])
    response = _run(client)
    assert response.status_code == 429 and b"already have" in response.data


def test_jobs_are_private_and_the_lab_is_for_trainers(client, login_as, users, create_user):
    job = SimulationJob(user_id=users["trainer"].id, status="done", params={})
    db.session.add(job)
    db.session.commit()
    login_as(client, create_user("trainer"))
    assert client.get(f"/reports/simlab/jobs/{job.id}").status_code == 404
    login_as(client, users["supervisor"])
    assert client.get("/reports/simlab").status_code == 403


def test_flask_routing_cli_runs_a_shipped_scenario(runner):
    result = runner.invoke(args=["routing", "run", "helpdesk", "--seed", "2",
                                 "--replications", "2", "--json"])
    assert result.exit_code == 0, result.output
    assert '"scenario": "helpdesk"' in result.output and "service_level" in result.output
    bad = runner.invoke(args=["routing", "run", "no-such-scenario"])
    assert bad.exit_code != 0 and "no such file or shipped scenario" in bad.output
