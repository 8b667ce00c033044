"""`flask training remind` (daily: recertification + overdue e-mails) and
`flask training xapi-forward` (send pending statements to the configured LRS)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.extensions import db
from app.training import reminders
from app.training.jobs import forward_xapi

training_cli = AppGroup("training", help="Training housekeeping.")


@training_cli.command("remind")
def remind() -> None:
    renewed = reminders.renew_expired_certificates()
    sent = reminders.send_overdue_reminders()
    db.session.commit()
    click.echo(f"{len(renewed)} recertification enrollment(s), {sent} reminder(s) sent.")


@training_cli.command("xapi-forward")
def xapi_forward() -> None:
    sent = forward_xapi.run()
    click.echo(f"{sent} statement(s) forwarded.")
