"""`flask measurement purge`: the retention clean-up, for cron or by hand."""

import click
from flask.cli import with_appcontext

from app.extensions import db
from app.measurement.retention import purge_expired_candidates
from app.orm import utcnow


@click.group("measurement", help="Measurement jobs: retention clean-up.")
def measurement_cli() -> None:
    pass


@measurement_cli.command("purge")
@with_appcontext
def purge_command() -> None:
    """Anonymize candidates whose final decision is older than the retention period."""
    count = purge_expired_candidates(utcnow())
    db.session.commit()
    click.echo(f"{count} invitations purged of candidate personal data.")
