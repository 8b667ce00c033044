from flask import render_template
from flask_login import current_user
from sqlalchemy import select

from app.content.models import select_documents
from app.extensions import db
from app.identity.models import Cohort, select_cohort_members
from app.security import require_role
from app.training import bp


@bp.get("/")
@require_role("employee")
def my_learning():  # noqa: ANN201
    courses = db.session.scalars(select_documents("course")).all()
    return render_template("training/my_learning.html", courses=courses)


@bp.get("/cohorts")
@require_role("trainer")
def trainer_home():  # noqa: ANN201
    cohorts = db.session.scalars(
        select(Cohort).where(Cohort.trainer_id == current_user.id).order_by(Cohort.name)
    ).all()
    members = {c.id: db.session.scalars(select_cohort_members(c.id)).all() for c in cohorts}
    return render_template("training/trainer_home.html", cohorts=cohorts, members=members)
