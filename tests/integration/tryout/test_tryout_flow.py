"""The tryout through the candidate's pages: warm-up, shift, resume, exactly-once actions,
submit; the score joins the composite; access is the candidate's own."""

import math
import shutil
import subprocess
from datetime import timedelta
from fractions import Fraction

from app.extensions import db
from app.hiring import services
from app.hiring.catalog import setup_for
from app.hiring.tryout import services as tryout
from app.hiring.tryout.content import section_for
from app.hiring.tryout.models import TryoutRun, run_of
from app.hiring.tryout.schema import Section
from tests.integration.tryout.conftest import PROFILE


def _act(client, run, action, **fields):
    data = {"seq": run.state["seq"] + 1, "action": action} | fields
    return client.post("/candidate/tryout/act", data=data)


def _later(run, seconds):
    """Pretend ``seconds`` of wall time passed since the last request."""
    run.wall_at = run.wall_at - timedelta(seconds=seconds)
    db.session.commit()


def test_allowed_time_includes_the_tryout_stretched_exactly(tryout_attempt):
    attempt = tryout_attempt(factor="3/2")
    section = section_for(PROFILE)
    assert isinstance(section, Section)
    base = setup_for(PROFILE).instrument.time_limit_seconds
    assert attempt.allowed_seconds == math.ceil(
        Fraction(3, 2) * (base + section.seconds + tryout.WARMUP_ALLOWANCE))


def test_warmup_shift_resume_and_submit(client, login_as, tryout_attempt):
    attempt = tryout_attempt()
    login_as(client, attempt.invitation.candidate)
    page = client.get("/candidate/test")
    assert b"Job tryout" in page.data
    assert b"Start the warm-up" in client.get("/candidate/tryout").data
    client.post("/candidate/tryout/start")
    run = run_of(attempt)
    assert run.state["phase"] == "warmup" and run.form_id in ("form-a", "form-b")
    _act(client, run, "warmup_say", text="Hello Nora, the Riverside store is open on "
                                         "Sunday from 10 to 4.")
    db.session.refresh(run)
    assert run.state["warmup"]["ended"] == "resolved"
    _act(client, run, "begin")
    db.session.refresh(run)
    assert run.state["phase"] == "running"
    _later(run, 5)
    state = client.get("/candidate/tryout/state.json").get_json()
    assert state["phase"] == "running" and state["queue"][0]["channel"] == "phone"
    first = state["queue"][0]["sim_id"]
    db.session.refresh(run)
    _act(client, run, "open", sim_id=first)
    db.session.refresh(run)
    seq = run.state["seq"]
    # the same form sent twice (a double click, a resent request) applies once
    for _ in range(2):
        client.post("/candidate/tryout/act", data={"seq": seq + 1, "action": "say",
                                                    "sim_id": first, "text": "Hello, I'm Sam."})
    db.session.refresh(run)
    agent_turns = [t for t in run.state["open"]["conversation"]["turns"] if t["who"] == "agent"]
    assert len(agent_turns) == 1 and run.state["seq"] == seq + 1
    # the tab closes for ten minutes: the shift waits (moves by at most MAX_GAP)
    before = tryout.shift.rebuild(run.state).now
    _later(run, 600)
    page = client.get("/candidate/tryout")
    assert b"Call with" in page.data and b"Hello, I&#39;m Sam." in page.data
    db.session.refresh(run)
    moved = tryout.shift.rebuild(run.state).now - before
    assert 0 < moved <= tryout.shift.MAX_GAP + 1e-6
    _act(client, run, "finish", sim_id=first)
    db.session.refresh(run)
    assert run.state["done"][0]["contact_id"] in ("a-leaking-washer", "b-cold-dryer")
    client.post("/candidate/test/submit")
    client.post("/candidate/test/submit")
    db.session.refresh(attempt)
    assert attempt.status == "scored"
    stored = attempt.score["tryout"]
    assert stored["served"] == 1 and stored["left"] == 4
    assert attempt.score["hurdle"]["composite_without_tryout"] != attempt.composite
    assert db.session.query(TryoutRun).count() == 1
    export = client.get("/candidate/my-data.json").get_json()
    said = export["applications"][0]["test"]["job_tryout"]["contacts"][0]["said"]
    assert said == ["Hello, I'm Sam."]
    db.session.refresh(run)
    assert run.state["phase"] == "ended"
    # after submit the tryout no longer changes
    resp = _act(client, run, "end")
    assert resp.status_code in (302, 303)
    db.session.refresh(run)
    assert run.state["log"][-1]["why"] == "submitted"


def test_stale_draft_and_bad_actions_are_refused(client, login_as, tryout_attempt):
    attempt = tryout_attempt()
    login_as(client, attempt.invitation.candidate)
    client.post("/candidate/tryout/start")
    run = run_of(attempt)
    assert client.post("/candidate/tryout/draft", json={"sim_id": 0, "text": "x"}
                       ).status_code == 409
    assert client.post("/candidate/tryout/draft", json={"text": 3}).status_code == 400
    resp = _act(client, run, "fly")
    assert resp.status_code == 303
    db.session.refresh(run)
    assert run.state["seq"] == 0


def test_untried_tryout_scores_nothing_served(tryout_attempt):
    attempt = tryout_attempt()
    services.submit_attempt(attempt)
    db.session.commit()
    stored = attempt.score["tryout"]
    assert stored["started"] is False and stored["served"] == 0 and stored["score"] == 0


def test_other_roles_and_profiles_have_no_tryout(client, login_as, users, started):
    login_as(client, started.invitation.candidate)
    assert client.get("/candidate/tryout").status_code == 404
    assert b"Job tryout" not in client.get("/candidate/test").data
    login_as(client, users["employee"])
    assert client.get("/candidate/tryout").status_code in (302, 403)


def test_recruiter_sees_replay_rates_a_contact_and_the_pdf(client, login_as, users,
                                                            create_user, tryout_attempt,
                                                            tmp_path):
    attempt = tryout_attempt()
    login_as(client, attempt.invitation.candidate)
    client.post("/candidate/tryout/start")
    run = run_of(attempt)
    _act(client, run, "begin")
    db.session.refresh(run)
    _later(run, 3)
    first = client.get("/candidate/tryout/state.json").get_json()["queue"][0]["sim_id"]
    db.session.refresh(run)
    _act(client, run, "open", sim_id=first)
    db.session.refresh(run)
    _act(client, run, "say", sim_id=first, text="Hello, I'm Sam from Fernhill. I am sorry.")
    db.session.refresh(run)
    _act(client, run, "finish", sim_id=first)
    client.post("/candidate/test/submit")
    db.session.refresh(attempt)
    contact = run.form_id[-1] + ("-leaking-washer" if run.form_id == "form-a" else "-cold-dryer")
    before = attempt.score["tryout"]["score"]

    # the candidate cannot rate, another recruiter cannot see
    invitation = attempt.invitation
    url = f"/hiring/candidates/{invitation.id}/tryout/rate"
    assert client.post(url, data={"contact_id": contact, "overall": 5}).status_code in (302, 403)
    login_as(client, create_user("recruiter", email="other.recruiter@example.test"))
    assert client.get(f"/hiring/candidates/{invitation.id}").status_code == 404
    assert client.post(url, data={"contact_id": contact, "overall": 5}).status_code == 404
    login_as(client, users["recruiter"])
    page = client.get(f"/hiring/candidates/{invitation.id}")
    assert b"Job tryout" in page.data and b"Queue replay" in page.data
    assert b"Took " in page.data and b"Hello, I&#39;m Sam from Fernhill." in page.data
    resp = client.post(url, data={"contact_id": contact, "overall": 5, "note": "Warm."})
    assert resp.status_code == 302
    db.session.refresh(attempt)
    row = next(c for c in attempt.score["tryout"]["contacts"] if c["contact_id"] == contact)
    assert row["human"] == 5 and row["used"] == 5 and attempt.score["tryout"]["score"] > before
    rating = attempt.work_ratings[-1]
    assert rating.rated_by_id == users["recruiter"].id and rating.note == "Warm."
    # a contact the candidate never served cannot be rated
    client.post(url, data={"contact_id": "a-hotel-invoice", "overall": 1})
    assert len(attempt.work_ratings) == 1
    pdf = client.get(f"/hiring/candidates/{invitation.id}/report.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        path = tmp_path / "report.pdf"
        path.write_bytes(pdf.data)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                              text=True).stdout
        score = attempt.score["tryout"]["score"]
        assert f"Job tryout: {score}/100" in text and "Queue replay" in text
        assert "Human rating: 5/5" in text


def test_tryout_stays_with_hiring_and_off_training_pages(client, login_as, users,
                                                        tryout_attempt):
    from app.practice import library

    attempt = tryout_attempt()
    login_as(client, attempt.invitation.candidate)
    client.post("/candidate/tryout/start")
    assert getattr(TryoutRun, "__bind_key__", None) is None  # the hiring database
    assert run_of(attempt) is not None
    tryout_ids = {c.id for f in ("form-a", "form-b") for c in tryout.load_form(f).contacts}
    assert not tryout_ids & set(library.contacts())
    login_as(client, users["employee"])
    for url in ("/candidate/tryout", "/candidate/tryout/state.json"):
        assert client.get(url).status_code in (302, 403)
    for url in ("/practice/", "/learn/"):
        page = client.get(url, follow_redirects=True)
        assert page.status_code == 200
        assert b"Fernhill" not in page.data and b"Tomasz" not in page.data


def test_retention_purge_removes_the_words_and_keeps_the_numbers(client, login_as,
                                                                 tryout_attempt):
    import json

    from app.measurement.retention import purge_expired_candidates
    from app.orm import utcnow

    attempt = tryout_attempt()
    login_as(client, attempt.invitation.candidate)
    client.post("/candidate/tryout/start")
    run = run_of(attempt)
    _act(client, run, "begin")
    _later(run, 5)
    first = client.get("/candidate/tryout/state.json").get_json()["queue"][0]["sim_id"]
    db.session.refresh(run)
    _act(client, run, "open", sim_id=first)
    db.session.refresh(run)
    _act(client, run, "say", sim_id=first, text="Hello, I'm Zebediah Quill from Fernhill.")
    db.session.refresh(run)
    _act(client, run, "finish", sim_id=first)
    client.post("/candidate/test/submit")
    db.session.refresh(attempt)
    before = attempt.score["tryout"]
    attempt.invitation.erasure_requested_at = utcnow()
    db.session.commit()
    assert purge_expired_candidates(utcnow()) == 1
    db.session.commit()
    db.session.refresh(run)
    assert "Zebediah" not in json.dumps(run.state)
    assert tryout.result(attempt)["score"] == before["score"]
    assert tryout.recruiter_view(attempt) is None


def test_item_analysis_lists_tryout_contacts(client, login_as, users, tryout_attempt):
    for k in range(3):
        attempt = tryout_attempt(email=f"t{k}@example.test")
        login_as(client, attempt.invitation.candidate)
        client.post("/candidate/test/submit")
    login_as(client, users["author"])
    instrument = setup_for(PROFILE).instrument.id
    page = client.get(f"/measurement/instruments/{instrument}/items").get_data(as_text=True)
    assert "Job tryout: contacts as items" in page
    assert "a-leaking-washer" in page or "b-cold-dryer" in page
    title = page.split("<title>")[1].split("</title>")[0]
    assert "Job tryout" not in title and page.count("Job tryout: contacts as items") == 1
