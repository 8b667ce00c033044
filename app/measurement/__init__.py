"""Measurement quality and fairness: item analysis, reliability, norms, adverse impact,
cut-score what-ifs, predictive validity and the technical report."""

from flask import Blueprint, Flask

bp = Blueprint("measurement", __name__, url_prefix="/measurement")


def init_app(app: Flask) -> None:
    from app.measurement import author_views, candidate_views, models, tasks, views  # noqa: F401
    from app.measurement.cli import measurement_cli

    app.register_blueprint(bp)
    app.cli.add_command(measurement_cli)
