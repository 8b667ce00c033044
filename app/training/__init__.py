"""Training: courses, enrollments, onboarding paths, rotations, certificates."""

from flask import Blueprint, Flask

bp = Blueprint("training", __name__, url_prefix="/learn")


def init_app(app: Flask) -> None:
    from app import events
    from app.training import cli, manage_views, models, services, views  # noqa: F401

    app.config.setdefault("TRAINING_ONBOARDING_DAYS", 10)
    app.config.setdefault("XAPI_LRS_URL", None)
    app.config.setdefault("XAPI_LRS_USER", "")
    app.config.setdefault("XAPI_LRS_PASSWORD", "")
    app.register_blueprint(bp)
    app.cli.add_command(cli.training_cli)
    events.subscribe(app, "candidate.hired", services.on_candidate_hired)
    events.subscribe(app, "handin.completed", services.on_handin_completed)
