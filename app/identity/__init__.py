"""Identity: accounts, roles, sign-in and invitation links."""

from flask import Blueprint, Flask

bp = Blueprint("identity", __name__)


def init_app(app: Flask) -> None:
    from app import events
    from app.identity import cli, mailing, views  # noqa: F401  (routes register on import)

    events.subscribe(app, "employee.created", mailing.on_employee_created)
    app.register_blueprint(bp)
    app.cli.add_command(cli.users_cli)
