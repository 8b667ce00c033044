"""Training: courses, enrollments, onboarding paths, rotations, certificates."""

from flask import Blueprint, Flask

bp = Blueprint("training", __name__, url_prefix="/learn")


def init_app(app: Flask) -> None:
    from app.training import views  # noqa: F401

    app.register_blueprint(bp)
