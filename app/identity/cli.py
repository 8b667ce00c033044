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


@click.command("demo", help="Load content and create one demo user per role (idempotent).")
@click.option("--password", envvar="DEMO_PASSWORD", default=None,
              help="Password for every demo user (default: a fresh random one, printed).")
@click.option("--host", envvar="FLASK_RUN_HOST", default="127.0.0.1", show_default=True,
              help="Host the printed links point to (as for `flask run`).")
@click.option("--port", envvar="FLASK_RUN_PORT", default=5000, type=int, show_default=True,
              help="Port the printed links point to (as for `flask run`).")
@with_appcontext
def demo_command(password: str | None, host: str, port: int) -> None:
    from flask import current_app

    from app.demo import seed_demo

    base = f"http://{host}:{port}"
    with current_app.test_request_context(base_url=base):
        logins = seed_demo(password)
    db.session.commit()
    click.echo(f"\nDemo users (sign in at {base}/login):")
    click.echo(f"  {'role':<11} {'e-mail':<34} password")
    for role, email, pw in logins:
        click.echo(f"  {role:<11} {email:<34} {pw}")
    click.echo("")
