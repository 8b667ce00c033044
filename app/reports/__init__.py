"""Reports: charts, the simulation lab and its background jobs."""

from flask import Blueprint, Flask

bp = Blueprint("reports", __name__, url_prefix="/reports")


def init_app(app: Flask) -> None:
    from app.reports import views  # noqa: F401
    from app.routing.cli import routing_cli

    app.register_blueprint(bp)
    app.cli.add_command(routing_cli)
