"""Hiring: job openings, invitations, the timed aptitude test, scores and decisions."""

from flask import Blueprint, Flask

bp = Blueprint("hiring", __name__)


def init_app(app: Flask) -> None:
    from app.hiring import candidate_views, cli, views  # noqa: F401
    from app.hiring.extra_time import describe

    app.jinja_env.filters["extra_time"] = describe

    app.register_blueprint(bp)
    app.cli.add_command(cli.hiring_cli)
