"""Pluggable mail: the default backend logs messages to the console; tests read the
outbox; a real SMTP backend can be set with MAIL_BACKEND=smtp (MAIL_SERVER, MAIL_PORT)."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from flask import current_app


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


OUTBOX: list[Mail] = []


def send_mail(to: str, subject: str, body: str) -> None:
    mail = Mail(to, subject, body)
    backend = current_app.config.get("MAIL_BACKEND", "console")
    if backend == "smtp":
        message = EmailMessage()
        message["From"] = current_app.config.get("MAIL_FROM", "no-reply@serviceacademy.test")
        message["To"], message["Subject"] = to, subject
        message.set_content(body)
        host = current_app.config.get("MAIL_SERVER", "localhost")
        with smtplib.SMTP(host, int(current_app.config.get("MAIL_PORT", 25))) as smtp:
            smtp.send_message(message)
    else:
        current_app.logger.info("mail to %s: %s\n%s", to, subject, body)
    OUTBOX.append(mail)
