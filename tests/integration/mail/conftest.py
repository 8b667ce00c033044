"""A real SMTP server (aiosmtpd) for the mail tests, and API token headers."""

from __future__ import annotations

import email
from email import policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink

from app.api import services as api_services
from app.extensions import db

PORT = 5125


class Collect(Sink):
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def auth(app):
    def headers(user):
        _, raw = api_services.create_token(user, "test", api_services.token_roles_for(user)[0])
        db.session.commit()
        return {"Authorization": f"Bearer {raw}"}

    return headers


@pytest.fixture
def smtp(app, monkeypatch):
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=PORT)
    controller.start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", PORT)
    state = app.extensions["mailman"]
    monkeypatch.setattr(state, "server", "127.0.0.1", raising=False)
    monkeypatch.setattr(state, "port", PORT, raising=False)
    monkeypatch.setattr(state, "use_tls", False, raising=False)
    monkeypatch.setattr(state, "use_ssl", False, raising=False)
    yield handler
    controller.stop()


@pytest.fixture
def inbox(app):
    """The messages queued to an address, newest last, as (row, text, html)."""
    from sqlalchemy import select

    from app.mail import MailMessage, parts

    def read(address: str, kind: str | None = None):
        stmt = select(MailMessage).where(MailMessage.to_addr == address)
        if kind:
            stmt = stmt.where(MailMessage.kind == kind)
        return [(row, *parts(row)) for row in db.session.scalars(stmt.order_by(MailMessage.id))]

    return read


def link_in(text: str, path: str = "/i/") -> str:
    """The first link to `path` in a message, as a path the test client can open."""
    import re

    match = re.search(r"https?://[^/\s]+(" + re.escape(path) + r"[\w\-/?=&%.]*[\w\-/])", text)
    assert match, f"no {path} link in:\n{text}"
    return match.group(1)
