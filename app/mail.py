"""E-mail: one `mail_message` row per message, sent after the commit that queued it.

`queue_mail` validates the address (email-validator) and the headers (no line breaks),
builds the MIME message once with Flask-Mailman and stores its bytes with a fixed
Message-ID, so every retry sends the same bytes. After the commit the message is sent:
by a Celery task with retries when REDIS_URL is set, otherwise in a background thread
(synchronously under TESTING). With MAIL_SERVER set it goes over SMTP; without, it is
written as an `.eml` file to MAIL_OUTBOX_DIR (under the instance folder) and shown on
the admin Outbox page. Status: queued -> sent, or failed with the server's answer and
retried by `flask mail send-due` (minute timer) until MAX_ATTEMPTS.
"""

from __future__ import annotations

import re
import smtplib
import threading
from datetime import datetime, timedelta
from email import policy
from email.parser import BytesParser
from email.utils import formataddr, make_msgid, parseaddr
from pathlib import Path
from typing import Any

import click
from email_validator import EmailNotValidError, validate_email
from flask import Flask, current_app, has_app_context, has_request_context, render_template
from flask.cli import AppGroup
from flask_mailman import EmailMultiAlternatives, Mail
from sqlalchemy import DateTime, Integer, LargeBinary, String, Text, or_, select, update
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.extensions import after_commit_hooks, db
from app.jobs import celery
from app.orm import utcnow

MAX_ATTEMPTS = 8
BASE_DELAY_SECONDS = 60
CLAIM_SECONDS = 120
STATUSES = ("queued", "sent", "failed")
_QUEUED = "mail_queued"
_COMMITTED = "mail_committed"

mailman = Mail()


class MailError(ValueError):
    """A message that cannot be sent as asked (bad address, header injection)."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


class MailMessage(db.Model):
    """status: queued -> sent | failed (retried while `next_attempt_at` is set)."""

    __tablename__ = "mail_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    # What the message is about, e.g. "invitation:12", so its page can show the status.
    ref: Mapped[str | None] = mapped_column(String(60), index=True)
    to_addr: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime)
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime)
    last_answer: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)


def check_address(address: str) -> str:
    """The normalized address, or MailError (syntax only: no DNS lookups; the reserved
    `.test` domain of the demo and the tests is allowed)."""
    try:
        return validate_email(address, check_deliverability=False,
                              test_environment=True).normalized
    except EmailNotValidError as exc:
        raise MailError(f"'{address}' is not an e-mail address: {exc}", "email") from None


def check_header(value: str, field: str) -> str:
    if any(ch in value for ch in "\r\n\0"):
        raise MailError(f"Line breaks are not allowed in the {field}.", field)
    return value


def queue_mail(to: str, subject: str, text: str, html: str | None = None, *, kind: str,
               ref: str | None = None, to_name: str | None = None) -> MailMessage:
    """Store one message for sending after the caller commits (flush only)."""
    address = check_address(to)
    check_header(subject, "subject")
    if to_name:
        check_header(to_name, "name")
    sender = current_app.config["MAIL_DEFAULT_SENDER"]
    domain = parseaddr(sender)[1].rpartition("@")[2] or "serviceacademy.test"
    message_id = make_msgid(domain=domain)
    email = EmailMultiAlternatives(subject, text, sender, [formataddr((to_name or "", address))],
                                   headers={"Message-ID": message_id})
    if html is not None:
        email.attach_alternative(html, "text/html")
    row = MailMessage(message_id=message_id, kind=kind, ref=ref, to_addr=address,
                      subject=subject, raw=email.message().as_bytes(), status="queued",
                      next_attempt_at=utcnow())
    db.session.add(row)
    db.session.flush()
    db.session.info.setdefault(_QUEUED, []).append(row.id)
    return row


def organization() -> str:
    return current_app.config.get("ORGANIZATION_NAME", "Service Academy")


def render_message(template: str, subject: str, **context: Any) -> tuple[str, str]:
    """The text and HTML bodies of `mail/<template>.txt|.html`, with the organization."""
    context.setdefault("organization", organization())
    return (render_template(f"mail/{template}.txt", subject=subject, **context),
            render_template(f"mail/{template}.html", subject=subject, **context))


def queue_templated(template: str, to: str, subject: str, *, ref: str | None = None,
                    to_name: str | None = None, **context: Any) -> MailMessage:
    """Render `template` and queue it (kind = template name); MailError as queue_mail."""
    text, html = render_message(template, subject, **context)
    return queue_mail(to, subject, text, html, kind=template, ref=ref, to_name=to_name)


def parts(row: MailMessage) -> tuple[str, str | None]:
    """The text and HTML bodies of a stored message, as the recipient gets them."""
    message = BytesParser(policy=policy.default).parsebytes(row.raw)
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    return (text.get_content() if text else "", html.get_content() if html else None)


# A stored message's HTML is shown in a sandboxed frame on our own pages only: no
# scripts, no requests, its inline styles allowed.
MAIL_FRAME_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                               "frame-ancestors 'self'; sandbox",
    "X-Frame-Options": "SAMEORIGIN",
}


def messages_for(ref: str) -> list[MailMessage]:
    return list(db.session.scalars(
        select(MailMessage).where(MailMessage.ref == ref).order_by(MailMessage.id)))


def backoff_seconds(attempts: int) -> int:
    return BASE_DELAY_SECONDS * 2 ** max(attempts - 1, 0)


def send_now(message_id: int) -> str | None:
    """Send one message if it is due and nobody else is sending it; commits. Returns
    the new status, or None when there was nothing to do."""
    now = utcnow()
    claimed = db.session.execute(
        update(MailMessage)
        .where(MailMessage.id == message_id, MailMessage.status != "sent",
               MailMessage.next_attempt_at.is_not(None), MailMessage.next_attempt_at <= now,
               or_(MailMessage.claimed_until.is_(None), MailMessage.claimed_until < now))
        .values(claimed_until=now + timedelta(seconds=CLAIM_SECONDS),
                attempts=MailMessage.attempts + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if claimed != 1:
        return None
    row = db.session.get(MailMessage, message_id, populate_existing=True)
    try:
        answer, status = _deliver(row), "sent"
    except smtplib.SMTPRecipientsRefused as exc:
        answer, status = "; ".join(f"{code} {_text(msg)}" for code, msg in
                                   exc.recipients.values()), "failed"
    except smtplib.SMTPResponseException as exc:
        answer, status = f"{exc.smtp_code} {_text(exc.smtp_error)}", "failed"
    except (smtplib.SMTPException, OSError) as exc:
        answer, status = f"{type(exc).__name__}: {exc}", "failed"
    row.status, row.last_answer, row.claimed_until = status, answer[:2000], None
    if status == "sent":
        row.sent_at, row.next_attempt_at = utcnow(), None
    elif row.attempts >= MAX_ATTEMPTS:
        row.next_attempt_at = None  # given up; the answer stays visible
    else:
        row.next_attempt_at = utcnow() + timedelta(seconds=backoff_seconds(row.attempts))
    db.session.commit()
    return status


def _text(value: Any) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def _deliver(row: MailMessage) -> str:
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        folder = Path(config["MAIL_OUTBOX_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{row.id:06d}-{row.kind}.eml"
        path.write_bytes(row.raw)
        return f"written to {path}"
    backend = mailman.get_connection(backend="smtp")
    backend.open()
    try:
        sender = parseaddr(config["MAIL_DEFAULT_SENDER"])[1]
        backend.connection.sendmail(sender, [row.to_addr], _crlf(row.raw))
    finally:
        backend.close()
    return f"accepted by {config['MAIL_SERVER']}:{config['MAIL_PORT']}"


def _crlf(raw: bytes) -> bytes:
    """SMTP lines end in CRLF; smtplib sends bytes as given, and a strict server reads
    a bare-LF message as one over-long line ("500 Line too long")."""
    return re.sub(rb"\r?\n", b"\r\n", raw)


def send_due(limit: int = 100) -> int:
    """Try every queued or failed message whose time has come; returns how many."""
    ids = list(db.session.scalars(
        select(MailMessage.id).where(MailMessage.status != "sent",
                                     MailMessage.next_attempt_at <= utcnow())
        .order_by(MailMessage.next_attempt_at).limit(limit)))
    db.session.rollback()
    for message_id in ids:
        send_now(message_id)
    return len(ids)


@celery.task(name="mail.send", bind=True, max_retries=MAX_ATTEMPTS)
def send_task(self, message_id: int) -> str | None:
    status = send_now(message_id)
    if status == "failed":
        row = db.session.get(MailMessage, message_id)
        if row.next_attempt_at is not None:
            raise self.retry(countdown=backoff_seconds(row.attempts))
    return status


def schedule(ids: list[int]) -> None:
    """Send committed messages: Celery with Redis, else a thread after a request, else
inline."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if app.config.get("REDIS_URL"):
        try:
            for message_id in ids:
                send_task.delay(message_id)
            return
        except Exception:  # noqa: BLE001 - broker down: send here instead
            app.logger.warning("broker unavailable; sending mail in-process", exc_info=True)
    if app.testing or not has_request_context():
        # Tests, CLI commands and timers: send here; a daemon thread would die with the
        # process and leave the message claimed until `send-due` retries it.
        for message_id in ids:
            send_now(message_id)
        return
    threading.Thread(target=_send_in_thread, args=(app, ids), daemon=True).start()


def _send_in_thread(app: Flask, ids: list[int]) -> None:
    with app.app_context():
        for message_id in ids:
            try:
                send_now(message_id)
            except Exception:  # noqa: BLE001 - the row waits for send-due
                app.logger.exception("mail %s left for send-due", message_id)


def _on_commit(session: Session) -> None:
    queued = session.info.pop(_QUEUED, None)
    if queued:
        session.info.setdefault(_COMMITTED, []).extend(queued)


def _on_rollback(session: Session, previous_transaction: Any) -> None:
    if not previous_transaction.nested:
        session.info.pop(_QUEUED, None)


def _after_commit(session: Session) -> None:
    ids = session.info.pop(_COMMITTED, None)
    if ids and has_app_context():
        schedule(ids)


mail_cli = AppGroup("mail", help="Outgoing e-mail.")


@mail_cli.command("send-due")
def send_due_command() -> None:
    """Send queued messages and retry failed ones whose time has come (every minute)."""
    click.echo(f"{send_due()} message(s) tried.")


def init_app(app: Flask) -> None:
    mailman.init_app(app)
    if not sa_event.contains(Session, "after_commit", _on_commit):
        sa_event.listen(Session, "after_commit", _on_commit)
        sa_event.listen(Session, "after_soft_rollback", _on_rollback)
    if _after_commit not in after_commit_hooks:
        after_commit_hooks.append(_after_commit)
    app.cli.add_command(mail_cli)
