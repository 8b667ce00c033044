from flask import render_template

from app.reports import bp
from app.security import require_role


@bp.get("/simlab")
@require_role("trainer", "admin")
def simlab():  # noqa: ANN201
    return render_template("reports/simlab.html")
