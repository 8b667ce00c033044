import io
import re
import shutil
import subprocess

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.extensions import db
from app.hiring import services
from app.hiring.catalog import setup_for
from app.hiring.models import Invitation


def _candidate_client(app, raw):
    client = app.test_client()
    assert client.post(f"/i/{raw}").status_code == 302
    return client


def test_recruiter_invites_and_sees_a_one_time_link(client, login_as, users, opening):
    login_as(client, users["recruiter"])
    page = client.post(f"/hiring/openings/{opening.id}/invite",
                       data={"name": "Dana Doe", "email": "dana@example.test",
                             "time_factor": "3/2"})
    assert page.status_code == 200
    assert re.search(rb"/i/[A-Za-z0-9_-]{40,}", page.data)
    assert db.session.query(Invitation).one().time_factor == "3/2"


def test_candidate_takes_the_test_through_the_json_api(app, invite):
    invitation, raw = invite()
    candidate = _candidate_client(app, raw)
    home = candidate.get("/candidate/")
    assert b"Privacy notice" in home.data and b"25 minutes" in home.data
    assert candidate.post("/candidate/start", data={}).status_code == 302  # no consent
    assert invitation.attempt is None
    candidate.post("/candidate/start", data={"consent": "y"})
    page = candidate.get("/candidate/test")
    assert page.status_code == 200 and b"test-bar" in page.data
    item = next(i for i in setup_for("contact-center-agent").instrument.items if i.kind == "likert")
    ok = candidate.post("/candidate/test/answer", json={"item": item.id, "value": "4", "seq": 1})
    assert ok.status_code == 200 and ok.json["saved"] is True and ok.json["remaining"] > 0
    bad = candidate.post("/candidate/test/answer", json={"item": item.id, "value": "7", "seq": 2})
    assert bad.status_code == 400 and "error" in bad.json
    foreign = candidate.post("/candidate/test/answer", json={"item": "x-1", "value": "1", "seq": 3})
    assert foreign.status_code == 400 and "not part of your test" in foreign.json["error"]
    junk = candidate.post("/candidate/test/answer", data="not json",
                          content_type="application/json")
    assert junk.status_code == 400
    assert candidate.post("/candidate/test/submit").status_code == 302
    assert candidate.post("/candidate/test/submit").status_code == 302  # double submit
    late = candidate.post("/candidate/test/answer", json={"item": item.id, "value": "1", "seq": 9})
    assert late.status_code == 409 and late.json["closed"] is True
    done = candidate.get("/candidate/done")
    assert b"Thank you" in done.data
    db.session.refresh(invitation)
    assert invitation.attempt.status == "scored"


def test_candidate_cannot_reach_recruiter_pages(app, invite):
    _, raw = invite()
    candidate = _candidate_client(app, raw)
    assert candidate.get("/hiring/").status_code == 403


def test_other_recruiters_cannot_see_the_candidate(client, login_as, create_user, invite):
    invitation, _ = invite()
    login_as(client, create_user("recruiter"))
    assert client.get(f"/hiring/candidates/{invitation.id}").status_code == 404
    assert client.get(f"/hiring/candidates/{invitation.id}/report.pdf").status_code == 404
    assert client.post(f"/hiring/candidates/{invitation.id}/revoke").status_code == 404
    assert b"casey@example.test" not in client.get("/hiring/").data


def _finished(invite, name="Finn Finished", email="finn@example.test"):
    invitation, _ = invite(name=name, email=email)
    services.record_consent(invitation, None)
    attempt = services.start_attempt(invitation)
    for item in setup_for("contact-center-agent").instrument.items:
        if item.kind == "likert":
            services.save_answer(attempt, item.id, str(item.scale.max), 1)
    services.submit_attempt(attempt)
    db.session.commit()
    return invitation


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_pdf_report_shows_the_traits(client, login_as, users, invite, tmp_path):
    invitation = _finished(invite)
    login_as(client, users["recruiter"])
    page = client.get(f"/hiring/candidates/{invitation.id}")
    assert b"Trait profile" in page.data and b"<svg" in page.data
    response = client.get(f"/hiring/candidates/{invitation.id}/report.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(response.data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    for trait in ("Empathy", "Resilience", "Integrity", "Finn Finished", "Hurdle result"):
        assert trait in text


def test_pipeline_export_escapes_formulas(client, login_as, users, invite):
    _finished(invite, name="=HYPERLINK(\"http://evil\")", email="evil@example.test")
    login_as(client, users["recruiter"])
    csv_text = client.get("/hiring/pipeline.csv").data.decode()
    assert "'=HYPERLINK" in csv_text and "\n=HYPERLINK" not in csv_text


def test_csv_import_reports_every_bad_row_and_imports_nothing(client, login_as, users, opening):
    login_as(client, users["recruiter"])
    data = "name,email,extra_time\nAl,al@example.test,1\n,bad-email,3\nAl2,al@example.test,\n"
    page = client.post(f"/hiring/openings/{opening.id}/import",
                       data={"file": (io.BytesIO(data.encode()), "c.csv")},
                       content_type="multipart/form-data")
    assert page.status_code == 400
    for fragment in (b"Line 3: name is required", b"Line 3: &#39;bad-email&#39; is not",
                     b"extra_time &#39;3&#39;", b"Line 4: al@example.test appears twice"):
        assert fragment in page.data
    assert db.session.query(Invitation).count() == 0


def test_csv_import_invites_everyone_when_clean(client, login_as, users, opening):
    login_as(client, users["recruiter"])
    data = "name,email,extra_time\nAl One,al@example.test,1.5\nBea Two,bea@example.test,\n"
    page = client.post(f"/hiring/openings/{opening.id}/import",
                       data={"file": (io.BytesIO(data.encode()), "c.csv")},
                       content_type="multipart/form-data")
    assert page.status_code == 200 and b"2 candidates invited" in page.data
    factors = sorted(i.time_factor for i in db.session.query(Invitation))
    assert factors == ["1", "3/2"]


def test_oversize_and_wrong_csv_files_are_refused(client, login_as, users, opening):
    login_as(client, users["recruiter"])
    huge = io.BytesIO(b"name,email\n" + b"x,y@example.test\n" * 200_000)
    # encoded in memory: the test client would otherwise spool it to a temp file that
    # nobody closes when the app refuses the request unread
    boundary, body = encode_multipart({"file": FileStorage(huge, "big.csv")})
    response = client.post(f"/hiring/openings/{opening.id}/import", data=body,
                           content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 413
    wrong = client.post(f"/hiring/openings/{opening.id}/import",
                        data={"file": (io.BytesIO(b"\xff\xfe binary"), "x.csv")},
                        content_type="multipart/form-data")
    assert wrong.status_code == 400 and b"not UTF-8" in wrong.data


def test_decision_is_recorded_with_its_reason(client, login_as, users, invite):
    invitation = _finished(invite)
    login_as(client, users["recruiter"])
    client.post(f"/hiring/candidates/{invitation.id}/decide",
                data={"decision": "interview", "reason": "Strong on empathy; probe stress."})
    db.session.refresh(invitation)
    assert invitation.decision == "interview"
    assert invitation.decision_reason == "Strong on empathy; probe stress."


def test_csv_import_names_already_invited_rows_on_the_first_upload(client, login_as, users,
                                                                   opening, invite):
    invite(email="casey@example.test")
    login_as(client, users["recruiter"])
    data = "name,email\nCasey Again,Casey@example.test\n,bad-email\n"
    page = client.post(f"/hiring/openings/{opening.id}/import",
                       data={"file": (io.BytesIO(data.encode()), "c.csv")},
                       content_type="multipart/form-data")
    assert page.status_code == 400
    assert b"Line 2: casey@example.test is already invited to this opening" in page.data
    assert b"Line 3: name is required" in page.data


def test_csv_import_reads_a_semicolon_separated_file(client, login_as, users, opening):
    login_as(client, users["recruiter"])
    data = "name;email;extra_time\nAl One;al@example.test;1.5\nBea, Two;bea@example.test;\n"
    page = client.post(f"/hiring/openings/{opening.id}/import",
                       data={"file": (io.BytesIO(data.encode()), "c.csv")},
                       content_type="multipart/form-data")
    assert page.status_code == 200 and b"2 candidates invited" in page.data
    names = sorted(i.candidate.name for i in db.session.query(Invitation))
    assert names == ["Al One", "Bea, Two"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_pdf_report_includes_the_decision(client, login_as, users, invite, tmp_path):
    from app.hiring import decisions

    invitation = _finished(invite)
    login_as(client, users["recruiter"])

    def pdf_text() -> str:
        pdf = tmp_path / "r.pdf"
        pdf.write_bytes(client.get(f"/hiring/candidates/{invitation.id}/report.pdf").data)
        return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                              text=True).stdout

    assert "No decision recorded yet" in pdf_text()
    decisions.decide(invitation, users["recruiter"], "interview", "Calm under pressure.")
    db.session.commit()
    text = " ".join(pdf_text().split())
    assert "Interview on" in text and "Calm under pressure." in text
    assert users["recruiter"].name in text
