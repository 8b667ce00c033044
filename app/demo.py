"""Demo data: one user per role, a team, a cohort and the shipped content.

Idempotent: running it again resets the demo passwords and prints them anew.
"""

from __future__ import annotations

import importlib
import importlib.util
import secrets
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from app.content.loader import sync_content
from app.extensions import db
from app.identity import services
from app.identity.models import Cohort, Team, User

DEMO_USERS = [
    ("admin", "admin@demo.serviceacademy.test", "Ada Admin", None),
    ("recruiter", "recruiter@demo.serviceacademy.test", "Rosa Recruiter", "People"),
    ("author", "author@demo.serviceacademy.test", "Arun Author", "Learning"),
    ("trainer", "trainer@demo.serviceacademy.test", "Tomas Trainer", "Learning"),
    ("supervisor", "supervisor@demo.serviceacademy.test", "Sara Supervisor", "Customer Care"),
    ("supervisor", "supervisor2@demo.serviceacademy.test", "Sam Supervisor", "Customer Care"),
    ("employee", "employee@demo.serviceacademy.test", "Eli Employee", "Customer Care"),
    ("employee", "employee2@demo.serviceacademy.test", "Tara Trainee", "Finance"),
    ("candidate", "candidate@demo.serviceacademy.test", "Cam Candidate", None),
]


def _get_or_create(role: str, email: str, name: str, department: str | None, pw: str) -> User:
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = services.create_user(email, name, {role}, password=pw, department=department)
    elif role != "candidate":
        services.set_password(user, pw)
    return user


def seed_demo(password: str | None = None) -> list[tuple[str, str, str]]:
    """Create or refresh the demo world; returns (role, e-mail, password) rows."""
    pw = password or secrets.token_urlsafe(9)
    report = sync_content(Path(current_app.config["CONTENT_ROOT"]))
    for problem in report.problems:
        current_app.logger.warning("content problem: %s", problem)
    # Keyed by the e-mail's local part: "supervisor", "supervisor2", "employee", …
    users = {email.split("@")[0]: _get_or_create(role, email, name, dept, pw)
             for role, email, name, dept in DEMO_USERS}
    team = db.session.scalar(select(Team).where(Team.name == "Customer Care East"))
    if team is None:
        team = services.create_team("Customer Care East", users["supervisor"])
    users["employee"].team = team
    cohort = db.session.scalar(select(Cohort).where(Cohort.name == "Autumn new hires"))
    if cohort is None:
        cohort = services.create_cohort("Autumn new hires", users["trainer"])
    services.add_to_cohort(cohort, users["employee"])
    db.session.flush()
    logins = [(role, email, pw if role != "candidate" else "(invitation link, see below)")
              for role, email, _, _ in DEMO_USERS]
    for module_name in SLICE_DEMOS:
        if importlib.util.find_spec(module_name) is not None:
            logins.extend(importlib.import_module(module_name).seed(users) or [])
    return logins


# Each slice may ship a `demo.py` with `seed(users: dict[role, User]) -> list[login rows]`
# (idempotent; flush only), e.g. hiring adds the candidate's invitation link.
SLICE_DEMOS = (
    "app.hiring.demo", "app.training.demo", "app.monitoring.demo", "app.practice.demo",
    "app.measurement.demo", "app.demo_showcase",
)
