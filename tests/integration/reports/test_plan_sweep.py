"""Staffing plan and sweeps on the Simulation lab pages (in-process, eager Celery)."""

import csv
import io

from app.extensions import db
from app.reports import sweeps
from app.reports.models import SimulationJob
from app.routing import load_scenario
from app.routing.sweep import run_cell

FORECAST = "interval_start,channel,contacts\n08:00,phone,120\n08:30,phone,200\n"


def _plan(client, **overrides):
    data = {"forecast": FORECAST, "interval": "30", "aht": "180", "sl": "0.8",
            "threshold": "20", "shrinkage": "0.3"} | overrides
    return client.post("/reports/simlab/plan", data=data)


def test_plan_page_shows_the_plan_and_exports(client, login_as, users):
    login_as(client, users["trainer"])
    page = _plan(client)
    assert page.status_code == 200
    assert b'id="plan-table"' in page.data and b"<svg" in page.data
    exported = _plan(client, export="csv")
    assert exported.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.data.decode())))
    assert [r["interval_start"] for r in rows] == ["08:00", "08:30"]
    assert int(rows[1]["scheduled"]) >= int(rows[1]["agents_sim"])
    pdf = _plan(client, export="pdf")
    assert pdf.headers["Content-Type"] == "application/pdf" and pdf.data.startswith(b"%PDF")


def test_plan_page_reports_bad_rows_and_checks_a_roster(client, login_as, users):
    login_as(client, users["trainer"])
    bad = _plan(client, forecast="interval_start,channel,contacts\n08:00,phone,lots\n")
    assert bad.status_code == 400
    assert b"forecast: line 2: contacts: &#39;lots&#39; is not a non-negative number" in bad.data
    roster = _plan(client, roster="start,end,agents\n08:00,10:00,40\n")
    assert roster.status_code == 200 and b"on_phones" in roster.data


def test_sweep_runs_every_cell_and_shows_a_heat_map(client, login_as, users):
    login_as(client, users["trainer"])
    response = client.post("/reports/simlab/sweep", data={
        "scenario": "helpdesk", "agents": "4,8", "policies": ["blended_fifo",
                                                              "channel_priority"],
        "parameter": "shrinkage", "values": "0,0.25", "replications": "1", "seed": "2"})
    assert response.status_code == 302, response.data
    job = db.session.query(SimulationJob).one()
    assert job.status == "done" and job.done == job.total == 8
    data = load_scenario("helpdesk").to_dict()
    expected = [run_cell(data, cell, 2, 1) for cell in job.params["cells"]]
    assert job.result["cells"] == expected
    page = client.get(response.headers["Location"])
    assert b'id="heat-map"' in page.data and page.data.count(b"heat heat-") == 8


def test_cancelled_sweep_runs_no_more_cells(client, login_as, users):
    login_as(client, users["trainer"])
    job = sweeps.start_sweep(users["trainer"].id, {
        "scenario": "helpdesk", "agents": [4, 5, 6], "policies": ["blended_fifo"],
        "replications": 1, "seed": 1})
    db.session.commit()
    response = client.post(f"/reports/simlab/jobs/{job.id}/cancel")
    assert response.status_code == 302
    sweeps.run_sweep.run(job.id)
    db.session.refresh(job)
    assert job.status == "cancelled" and job.done == 0


def test_sweeps_are_private_and_validated(client, login_as, users):
    login_as(client, users["trainer"])
    job = sweeps.start_sweep(users["trainer"].id, {
        "scenario": "helpdesk", "agents": [4], "policies": ["blended_fifo"],
        "replications": 1, "seed": 1})
    db.session.commit()
    login_as(client, users["admin"])
    assert client.get(f"/reports/simlab/jobs/{job.id}").status_code == 404
    assert client.post(f"/reports/simlab/jobs/{job.id}/cancel").status_code == 404
    bad = client.post("/reports/simlab/sweep", data={
        "scenario": "helpdesk", "agents": "4,x", "policies": ["blended_fifo"],
        "parameter": "", "values": "", "replications": "1", "seed": "1"})
    assert bad.status_code == 400 and b"comma-separated list of numbers" in bad.data
