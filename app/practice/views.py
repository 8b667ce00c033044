from flask import render_template

from app.practice import bp
from app.security import require_role


@bp.get("/")
@require_role("employee")
def index():  # noqa: ANN201
    return render_template("practice/index.html")
