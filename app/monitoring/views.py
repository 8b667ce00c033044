from flask import render_template
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.identity.models import Team, User
from app.monitoring import bp
from app.security import require_role


@bp.get("/")
@require_role("supervisor")
def index():  # noqa: ANN201
    teams = db.session.scalars(select(Team).where(Team.supervisor_id == current_user.id)).all()
    agents = {
        t.id: db.session.scalars(select(User).where(User.team_id == t.id).order_by(User.name)).all()
        for t in teams
    }
    return render_template("monitoring/index.html", teams=teams, agents=agents)


@bp.get("/mine")
@require_role("employee")
def my_evaluations():  # noqa: ANN201
    return render_template("monitoring/my_evaluations.html", evaluations=[])
