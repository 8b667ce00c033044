"""Reports: PDFs, charts and the simulation lab."""

from flask import Blueprint, Flask

bp = Blueprint("reports", __name__, url_prefix="/reports")


def init_app(app: Flask) -> None:
    from app.reports import views  # noqa: F401

    app.register_blueprint(bp)
