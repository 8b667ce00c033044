"""Monitoring: live QA evaluations and agent metrics, walled off from practice."""

from flask import Blueprint, Flask

bp = Blueprint("monitoring", __name__, url_prefix="/monitoring")


def init_app(app: Flask) -> None:
    from app.content.sources import register_source
    from app.monitoring import models, views, views_calibration, views_team  # noqa: F401
    from app.monitoring.scorecards import scorecard_source

    register_source(scorecard_source)

    app.register_blueprint(bp)
