"""Measurement quality and fairness: item analysis, reliability, norms, adverse impact,
cut-score what-ifs, predictive validity and the technical report."""

from flask import Blueprint, Flask

bp = Blueprint("measurement", __name__, url_prefix="/measurement")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
