"""Administration: accounts, roles, teams, cohorts and the audit trail."""

from flask import Blueprint, Flask

bp = Blueprint("admin", __name__, url_prefix="/admin")


def init_app(app: Flask) -> None:
    from app.admin import views  # noqa: F401

    app.register_blueprint(bp)
