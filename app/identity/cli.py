import click
from flask.cli import with_appcontext
from sqlalchemy import select

from app.extensions import db
from app.identity import services
from app.identity.models import ROLES, User


@click.group("users", help="Manage accounts.")
def users_cli() -> None:
    pass


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", "roles", multiple=True, type=click.Choice(ROLES), required=True)
@click.password_option()
@with_appcontext
def create_user_command(email: str, name: str, roles: tuple[str, ...], password: str) -> None:
    """Create an account (e.g. the first admin)."""
    try:
        services.create_user(email, name, set(roles), password=password)
    except services.IdentityError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Created {email} with roles {', '.join(roles)}.")


@users_cli.command("disable")
@click.argument("email")
@with_appcontext
def disable_user_command(email: str) -> None:
    """Disable an account and end all its sessions."""
    user = db.session.scalar(select(User).where(User.email == services.normalize_email(email)))
    if user is None:
        raise click.ClickException(f"No account with e-mail {email}.")
    services.set_disabled(user, True)
    db.session.commit()
    click.echo(f"Disabled {email}.")
