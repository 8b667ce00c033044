"""`flask api create-token EMAIL --role recruiter --name "ATS"`: issue a token from the
command line (for provisioning scripts); the raw token is printed once."""

import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.api import services
from app.api.errors import ApiError
from app.extensions import db
from app.identity.models import User

api_cli = AppGroup("api", help="API tokens.")


@api_cli.command("create-token")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(services.TOKEN_ROLES))
@click.option("--name", default="cli", show_default=True)
def create_token_command(email: str, role: str, name: str) -> None:
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"No account with the e-mail {email}.")
    try:
        _, raw = services.create_token(user, name, role)
    except ApiError as exc:
        raise click.ClickException(exc.message) from None
    db.session.commit()
    click.echo(raw)
