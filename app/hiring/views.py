from flask import render_template

from app.hiring import bp
from app.security import require_role


@bp.get("/hiring/")
@require_role("recruiter")
def index():  # noqa: ANN201
    return render_template("hiring/index.html")


@bp.get("/hiring/openings")
@require_role("recruiter")
def list_openings():  # noqa: ANN201
    return render_template("hiring/index.html")


@bp.get("/candidate/")
@require_role("candidate")
def candidate_home():  # noqa: ANN201
    return render_template("hiring/candidate_home.html")
