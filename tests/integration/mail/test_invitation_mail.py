"""The invitation e-mail reaches a real SMTP server (aiosmtpd) and its link works."""

from __future__ import annotations

import re

from app.mail import MailMessage, messages_for


def test_api_invitation_arrives_by_smtp_with_a_working_link(client, content, users, auth, smtp):
    h = auth(users["recruiter"])
    opening_id = client.post("/api/v1/openings", json={"title": "Chat agent",
                             "job_profile": "contact-center-agent"}, headers=h).get_json()["id"]
    r = client.post(f"/api/v1/openings/{opening_id}/invitations",
                    json={"name": "Ana Applicant", "email": "ana@example.test"}, headers=h)
    assert r.status_code == 201, r.get_json()
    [message] = smtp.messages
    assert message["To"] == "Ana Applicant <ana@example.test>"
    assert "Chat agent" in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    link = re.search(r"http://\S+/i/\S+", text).group(0)
    assert link in html
    [row] = messages_for(f"invitation:{r.get_json()['id']}")
    assert row.status == "sent" and "accepted by 127.0.0.1" in row.last_answer
    page = client.get(link.replace("http://localhost", ""), follow_redirects=True)
    assert page.status_code == 200


def test_the_api_can_opt_out_of_the_e_mail(client, content, users, auth, opening, smtp):
    r = client.post(f"/api/v1/openings/{opening.id}/invitations", headers=auth(users["recruiter"]),
                    json={"name": "B", "email": "b@example.test", "send_email": False})
    assert r.status_code == 201
    assert smtp.messages == [] and messages_for(f"invitation:{r.get_json()['id']}") == []


def test_a_refusing_server_gives_failed_with_its_answer(client, content, users, auth, opening,
                                                         smtp, monkeypatch):
    async def refuse(server, session, envelope):
        return "554 5.7.1 Rejected for testing"

    monkeypatch.setattr(smtp, "handle_DATA", refuse)
    r = client.post(f"/api/v1/openings/{opening.id}/invitations", headers=auth(users["recruiter"]),
                    json={"name": "C", "email": "c@example.test"})
    assert r.status_code == 201
    [row] = messages_for(f"invitation:{r.get_json()['id']}")
    assert row.status == "failed" and row.last_answer.startswith("554")
    assert row.next_attempt_at is not None and isinstance(row, MailMessage)


def test_a_line_break_in_the_name_is_refused(client, content, users, auth, opening, smtp):
    r = client.post(f"/api/v1/openings/{opening.id}/invitations", headers=auth(users["recruiter"]),
                    json={"name": "D\r\nBcc: x@example.test", "email": "d@example.test"})
    assert r.status_code == 422
    assert smtp.messages == []
