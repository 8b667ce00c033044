"""Password reset by e-mail, the admin Outbox, per-opening wording, and a server that
is down: nothing is lost."""

from __future__ import annotations

from datetime import timedelta

from aiosmtpd.controller import Controller
from sqlalchemy import select, update

from app.extensions import db
from app.identity.models import AccessToken
from app.mail import MailMessage, send_due
from app.orm import utcnow
from tests.integration.mail.conftest import PORT, link_in


def test_password_reset_is_single_use_and_answers_alike_for_unknown_addresses(
        app, create_user, inbox):
    user = create_user("supervisor", email="sam.reset@example.test")
    db.session.commit()
    client = app.test_client()
    known = client.post("/password/forgot", data={"email": user.email})
    unknown = client.post("/password/forgot", data={"email": "ghost@example.test"})
    assert (known.get_data(as_text=True).replace(user.email, "X")
            == unknown.get_data(as_text=True).replace("ghost@example.test", "X"))
    [(row, text, html)] = inbox(user.email, "password_reset")
    path = link_in(text, "/password/reset/")
    assert client.get(path).status_code == 200
    saved = client.post(path, data={"new_password": "a fresh passphrase", "confirm":
                                    "a fresh passphrase"})
    assert saved.status_code == 302
    assert client.post("/logout").status_code == 302
    assert client.post("/login", data={"email": user.email,
                                       "password": "a fresh passphrase"}).status_code == 302
    again = app.test_client().get(path)
    assert again.status_code == 410 and b"already used" in again.data
    token = path.rsplit("/", 1)[1]
    assert app.test_client().get(f"/i/{token}").status_code == 410  # not a sign-in link


def test_an_expired_reset_link_and_a_candidate_address_do_nothing(app, create_user, inbox):
    user = create_user("trainer", email="tia.reset@example.test")
    candidate = create_user("candidate", password=None, email="cand.reset@example.test")
    db.session.commit()
    client = app.test_client()
    client.post("/password/forgot", data={"email": candidate.email})
    assert inbox(candidate.email) == []
    client.post("/password/forgot", data={"email": user.email})
    [(_, text, _)] = inbox(user.email, "password_reset")
    db.session.execute(update(AccessToken).where(AccessToken.purpose == "password_reset")
                       .values(expires_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    assert client.get(link_in(text, "/password/reset/")).status_code == 410


def test_password_reset_requests_are_limited_per_address(app, create_user):
    user = create_user("author", email="ann.limit@example.test")
    db.session.commit()
    codes = [app.test_client().post("/password/forgot", data={"email": user.email}).status_code
             for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_the_outbox_lists_messages_and_frames_their_html_safely(
        client, login_as, users, invite, inbox):
    invitation, _ = invite(email="olga@example.test")
    from app.hiring.mailing import link_for, queue_invitation

    queue_invitation(invitation, link_for("abc"))
    db.session.commit()
    login_as(client, users["admin"])
    listing = client.get("/admin/outbox")
    assert listing.status_code == 200 and b"olga@example.test" in listing.data
    row = db.session.scalars(select(MailMessage).where(MailMessage.to_addr == "olga@example.test")
                             ).first()
    detail = client.get(f"/admin/outbox/{row.id}")
    assert b"Plain text" in detail.data and b"sandbox" in detail.data
    frame = client.get(f"/admin/outbox/{row.id}/html")
    assert b"Start the test" in frame.data
    assert "sandbox" in frame.headers["Content-Security-Policy"]
    assert frame.headers["X-Frame-Options"] == "SAMEORIGIN"
    login_as(client, users["recruiter"])
    assert client.get("/admin/outbox").status_code == 403


def test_a_recruiter_words_the_invitation_and_previews_it(client, login_as, users, opening,
                                                          inbox):
    login_as(client, users["recruiter"])
    url = f"/hiring/openings/{opening.id}/mail"
    preview = client.post(url, data={"subject": "Join {organization} as {opening}",
                                     "intro": "We loved your application.", "action": "preview"})
    assert b"Join Service Academy as Phone agent" in preview.data
    frame = client.get(f"{url}/preview?intro=We+loved+your+application.%0D%0A%0D%0ASee+you.")
    assert b"<p>We loved your application.</p>" in frame.data and b"<p>See you.</p>" in frame.data
    refused = client.post(url, data={"subject": "Hi\r\nBcc: all@example.test", "action": "save"})
    assert refused.status_code == 400
    assert client.post(url, data={"subject": "Join {organization} as {opening}",
                                  "intro": "We loved your application.",
                                  "action": "save"}).status_code == 302
    client.post(f"/hiring/openings/{opening.id}/invite",
                data={"name": "Pia", "email": "pia@example.test", "time_factor": "1"})
    [(row, text, _)] = inbox("pia@example.test")
    assert row.subject == "Join Service Academy as Phone agent"
    assert "We loved your application." in text


def test_a_server_that_is_down_leaves_the_message_failed_then_sends_it_once(
        app, client, content, users, auth, opening, smtp, monkeypatch):
    from tests.integration.mail.conftest import Collect

    monkeypatch.setitem(app.config, "MAIL_PORT", PORT + 1)
    state = app.extensions["mailman"]
    monkeypatch.setattr(state, "port", PORT + 1, raising=False)
    r = client.post(f"/api/v1/openings/{opening.id}/invitations", headers=auth(users["recruiter"]),
                    json={"name": "Dora Down", "email": "dora@example.test"})
    assert r.status_code == 201
    row = db.session.scalars(select(MailMessage).where(MailMessage.to_addr == "dora@example.test")
                             ).one()
    assert row.status == "failed" and "Connection refused" in row.last_answer
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=PORT + 1)
    controller.start()
    try:
        db.session.execute(update(MailMessage).where(MailMessage.id == row.id)
                           .values(next_attempt_at=utcnow()))
        db.session.commit()
        assert send_due() == 1
        assert send_due() == 0
    finally:
        controller.stop()
    db.session.expire_all()
    row = db.session.get(MailMessage, row.id)
    assert row.status == "sent" and row.attempts == 2
    assert len(handler.messages) == 1 and handler.messages[0]["To"].endswith("<dora@example.test>")
