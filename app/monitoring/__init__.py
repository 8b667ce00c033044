"""Monitoring: live QA evaluations and agent metrics, walled off from practice."""

from flask import Blueprint, Flask

bp = Blueprint("monitoring", __name__, url_prefix="/monitoring")


def init_app(app: Flask) -> None:
    from app.monitoring import models, views, views_calibration, views_team  # noqa: F401

    app.register_blueprint(bp)
