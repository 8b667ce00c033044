"""Every hiring message: invitation, resend, reminder, fresh link, outcome, welcome,
and the candidate's own data; each is queued with the change that causes it."""

from __future__ import annotations

import json
from datetime import timedelta

from app.extensions import db
from app.hiring import decisions, services
from app.hiring.models import Invitation
from app.mail import MailMessage
from app.measurement.retention import purge_expired_candidates
from app.orm import utcnow
from tests.integration.mail.conftest import link_in


def _redeem(client, path: str):
    """Open an /i/ link and spend it as a browser would (GET shows, POST signs in)."""
    page = client.get(path)
    if page.status_code != 200:
        return page
    return client.post(path)


def test_the_invite_page_mails_the_link_and_resend_mails_a_new_one(
        client, login_as, users, opening, inbox):
    login_as(client, users["recruiter"])
    r = client.post(f"/hiring/openings/{opening.id}/invite",
                    data={"name": "Ines Invited", "email": "ines@example.test", "time_factor": "1"})
    assert r.status_code == 200 and b"have been e-mailed" in r.data
    [(row, text, html)] = inbox("ines@example.test")
    assert row.kind == "invitation" and row.status == "sent" and "Phone agent" in row.subject
    first = link_in(text)
    assert first in html and "/test-link" in text

    invitation = db.session.query(Invitation).filter_by(opening_id=opening.id).one()
    page = client.get(f"/hiring/candidates/{invitation.id}")
    assert b"E-mail to the candidate" in page.data and b"Invitation" in page.data
    client.post(f"/hiring/candidates/{invitation.id}/resend")
    rows = inbox("ines@example.test")
    assert len(rows) == 2
    second = link_in(rows[1][1])
    assert second != first
    assert _redeem(client.application.test_client(), first).status_code == 410
    assert _redeem(client.application.test_client(), second).status_code == 302


def test_a_reminder_goes_once_before_expiry_with_a_link_that_works(runner, invite, inbox):
    invitation, old = invite(email="rita@example.test")
    later, _ = invite(name="Not yet", email="later@example.test")
    invitation.expires_at = utcnow() + timedelta(hours=20)
    db.session.commit()
    remind = ["hiring", "remind", "--hours", "48"]
    assert "1 reminder(s) queued" in runner.invoke(args=remind).output
    assert "0 reminder(s) queued" in runner.invoke(args=remind).output
    [(row, text, _)] = inbox("rita@example.test", "reminder")
    assert "closes on" in text and inbox("later@example.test", "reminder") == []
    db.session.refresh(invitation)
    assert invitation.expires_at <= utcnow() + timedelta(hours=20)  # a reminder extends nothing
    client = runner.app.test_client()
    assert _redeem(client, f"/i/{old}").status_code == 410
    assert _redeem(client, link_in(text)).status_code == 302


def test_a_reminder_skips_candidates_who_submitted(runner, started, inbox):
    services.submit_attempt(started)
    started.invitation.expires_at = utcnow() + timedelta(hours=2)
    db.session.commit()
    assert "0 reminder(s)" in runner.invoke(args=["hiring", "remind", "--hours", "48"]).output


def test_a_fresh_link_resumes_on_another_device_and_the_answer_reveals_nothing(
        app, client, started, inbox):
    email = started.invitation.candidate.email
    known = client.post("/test-link", data={"email": email.upper()})
    unknown = client.post("/test-link", data={"email": "nobody@example.test"})
    assert known.status_code == unknown.status_code == 200
    assert (known.get_data(as_text=True).replace(email.upper(), "X")
            == unknown.get_data(as_text=True).replace("nobody@example.test", "X"))
    assert inbox("nobody@example.test") == []
    [(row, text, _)] = inbox(email, "fresh_link")
    assert "saved answers are kept" in text
    other_device = app.test_client()
    signed_in = _redeem(other_device, link_in(text))
    assert signed_in.status_code == 302
    assert other_device.get("/candidate/", follow_redirects=True).request.path == "/candidate/test"


def test_the_fresh_link_page_is_rate_limited_per_address(app, client, invite):
    invitation, _ = invite(email="flood@example.test")
    codes = [app.test_client().post("/test-link", data={"email": "flood@example.test"}).status_code
             for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[3] == 429
    assert db.session.query(MailMessage).filter_by(to_addr="flood@example.test").count() == 3


def test_the_outcome_is_mailed_only_after_a_recruiter_confirms(app, started, users, inbox):
    email = started.invitation.candidate.email
    services.submit_attempt(started)
    db.session.commit()
    assert started.status == "scored" and inbox(email, "outcome") == []
    decisions.decide(started.invitation, users["recruiter"], "not_progressed",
                     "Below the hurdle on resilience; reviewed the answers.")
    db.session.commit()
    [(row, text, _)] = inbox(email, "outcome")
    assert "made by a person" in text and "human review" in text
    client = app.test_client()
    assert _redeem(client, link_in(text)).status_code == 302
    done = client.get("/candidate/", follow_redirects=True)
    assert done.request.path == "/candidate/done" and b"Ask for a human review" in done.data


def test_a_hire_gets_a_welcome_with_a_set_password_link(app, started, users, inbox):
    services.submit_attempt(started)
    decisions.decide(started.invitation, users["recruiter"], "interview", "Strong on empathy.")
    db.session.commit()
    decisions.hire(started.invitation, users["recruiter"])
    db.session.commit()
    user = started.invitation.candidate
    [(row, text, _)] = inbox(user.email, "welcome")
    client = app.test_client()
    assert _redeem(client, link_in(text)).headers["Location"] == "/account/password"


def test_an_account_without_a_password_gets_a_welcome(create_user, inbox):
    user = create_user("trainer", password=None, email="new.trainer@example.test")
    db.session.commit()
    [(row, text, _)] = inbox(user.email, "welcome")
    assert "Set my password" not in text and "/i/" in text
    staff = create_user("trainer", email="has.password@example.test")
    db.session.commit()
    assert inbox(staff.email) == []


def test_the_candidate_downloads_their_data_and_erasure_is_honored_by_the_purge(
        app, client, login_as, started, users):
    services.submit_attempt(started)
    db.session.commit()
    invitation, candidate = started.invitation, started.invitation.candidate
    login_as(client, candidate)
    data = client.get("/candidate/my-data.json")
    assert data.status_code == 200 and "attachment" in data.headers["Content-Disposition"]
    body = json.loads(data.data)
    assert body["account"]["email"] == candidate.email
    assert body["applications"][0]["opening"] == "Phone agent"
    assert body["applications"][0]["test"]["status"] == "scored"

    assert client.post("/candidate/erasure").status_code == 302
    db.session.refresh(invitation)
    assert invitation.erasure_requested_at is not None
    login_as(client, users["recruiter"])
    assert b"asked on" in client.get(f"/hiring/candidates/{invitation.id}").data
    assert purge_expired_candidates(utcnow()) == 1
    db.session.commit()
    db.session.refresh(candidate)
    assert candidate.name == "Anonymized candidate" and candidate.disabled
    assert purge_expired_candidates(utcnow()) == 0


def test_the_csv_upload_mails_only_when_asked(client, login_as, users, opening, inbox):
    login_as(client, users["recruiter"])
    csv = b"name,email\nAl One,al@example.test\n"
    from io import BytesIO

    r = client.post(f"/hiring/openings/{opening.id}/import",
                    data={"file": (BytesIO(csv), "c.csv"), "send_mail": "y"},
                    content_type="multipart/form-data")
    assert r.status_code == 200 and inbox("al@example.test", "invitation")
    csv2 = b"name,email\nBea Two,bea@example.test\n"
    r = client.post(f"/hiring/openings/{opening.id}/import",
                    data={"file": (BytesIO(csv2), "c.csv")}, content_type="multipart/form-data")
    assert r.status_code == 200 and inbox("bea@example.test") == []
