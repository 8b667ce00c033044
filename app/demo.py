"""Demo data: one user per role, a team, a cohort and the shipped content.

Idempotent: running it again resets the demo passwords and prints them anew.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from app import demo_showcase
from app.content.loader import sync_content
from app.extensions import db
from app.hiring import demo as hiring_demo
from app.identity import services
from app.identity.models import Cohort, Team, User
from app.measurement import demo as measurement_demo
from app.monitoring import demo as monitoring_demo
from app.practice import demo as practice_demo
from app.training import demo as training_demo

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
    rotation = db.session.scalar(select(Cohort).where(Cohort.name == "Rotation, this quarter"))
    if rotation is None:  # Tara's hand-ins reach a trainer
        rotation = services.create_cohort("Rotation, this quarter", users["trainer"])
    services.add_to_cohort(rotation, users["employee2"])
    db.session.flush()
    logins = [(role, email, pw if role != "candidate" else "(invitation link, see below)")
              for role, email, _, _ in DEMO_USERS]
    for slice_demo in (hiring_demo, training_demo, monitoring_demo, practice_demo,
                       measurement_demo, demo_showcase):
        logins.extend(slice_demo.seed(users) or [])
    return logins


@click.command("demo", help="Load content and create one demo user per role (idempotent).")
@click.option("--password", envvar="DEMO_PASSWORD", default=None,
              help="Password for every demo user (default: a fresh random one, printed).")
@click.option("--host", envvar="FLASK_RUN_HOST", default="127.0.0.1", show_default=True,
              help="Host the printed links point to (as for `flask run`).")
@click.option("--port", envvar="FLASK_RUN_PORT", default=5000, type=int, show_default=True,
              help="Port the printed links point to (as for `flask run`).")
@with_appcontext
def demo_command(password: str | None, host: str, port: int) -> None:
    base = f"http://{host}:{port}"
    with current_app.test_request_context(base_url=base):
        logins = seed_demo(password)
    db.session.commit()
    click.echo(f"\nDemo users (sign in at {base}/login):")
    click.echo(f"  {'role':<11} {'e-mail':<34} password")
    for role, email, pw in logins:
        click.echo(f"  {role:<11} {email:<34} {pw}")
    click.echo("")


def init_app(app: Flask) -> None:
    app.cli.add_command(demo_command)
