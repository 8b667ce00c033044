"""The demo shows every role's features with live data."""

from datetime import date

from sqlalchemy import select

from app.demo import seed_demo
from app.extensions import db
from app.hiring.models import STAGES, Invitation
from app.identity.models import Team, User, UserRole
from app.monitoring.models import CalibrationSession
from app.monitoring.services import block_for
from app.training.models import Certificate


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def test_demo_world_has_data_for_every_feature(app):
    seed_demo("demo-password-1234")
    db.session.commit()
    supervisors = db.session.scalars(
        select(User).join(UserRole).where(UserRole.role == "supervisor")).all()
    teams = db.session.scalars(select(Team)).all()
    assert len(supervisors) >= 2 and len({t.supervisor_id for t in teams}) >= 2

    trainee = _user("employee2@demo.serviceacademy.test")
    assert block_for(trainee, date.today()) is not None  # in a training period today
    assert db.session.scalar(select(CalibrationSession)).ratings[1].submitted_at is not None

    stages = {i.stage for i in db.session.scalars(select(Invitation))}
    assert stages & {"completed", "passed"} and stages <= set(STAGES) | {"revoked"}
    assert {"invited", "expired", "started", "interview", "not_progressed", "hired",
            "revoked"} <= stages
    assert any(i.extra_time_pending for i in db.session.scalars(select(Invitation)))

    employee = _user("employee@demo.serviceacademy.test")
    cert = db.session.scalar(select(Certificate).where(Certificate.user_id == employee.id))
    assert cert is not None and 0 < (cert.expires_on - date.today()).days <= 31

    seed_demo("demo-password-1234")  # idempotent
    db.session.commit()
    assert db.session.query(CalibrationSession).count() == 1
