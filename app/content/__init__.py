"""Content: validate courses/ and assessments/ and sync them into the database."""

from flask import Blueprint, Flask

bp = Blueprint("content", __name__, url_prefix="/content")


def init_app(app: Flask) -> None:
    from app.content import cli, views  # noqa: F401

    app.register_blueprint(bp)
    app.cli.add_command(cli.content_cli)
