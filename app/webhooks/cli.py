"""`flask webhooks deliver-due`: retry every delivery whose time has come (cron/timer)."""

import click
from flask.cli import AppGroup

from app.extensions import db
from app.webhooks import services

webhooks_cli = AppGroup("webhooks", help="Webhook deliveries.")


@webhooks_cli.command("deliver-due")
@click.option("--limit", default=100, show_default=True)
def deliver_due_command(limit: int) -> None:
    """Send pending deliveries that are due (safe to run from several machines)."""
    count = services.deliver_due(limit)
    db.session.commit()
    click.echo(f"{count} deliveries tried")
