from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from app.content.loader import gather, sync_content
from app.extensions import db


def _root(root: str | None) -> Path:
    return Path(root or current_app.config["CONTENT_ROOT"])


@click.group("content", help="Validate and load courses/ and assessments/.")
def content_cli() -> None:
    pass


@content_cli.command("validate")
@click.option("--root", type=click.Path(file_okay=False), help="Folder holding courses/ etc.")
@with_appcontext
def validate_command(root: str | None) -> None:
    """Check every content file; write nothing."""
    documents, problems = gather(_root(root))
    for problem in problems:
        click.echo(str(problem), err=True)
    click.echo(f"{len(documents)} documents valid, {len(problems)} problems.")
    if problems:
        raise SystemExit(1)


@content_cli.command("load")
@click.option("--root", type=click.Path(file_okay=False), help="Folder holding courses/ etc.")
@with_appcontext
def load_command(root: str | None) -> None:
    """Upsert valid files, soft-delete removed ones, report (and skip) invalid ones."""
    report = sync_content(_root(root))
    db.session.commit()
    for problem in report.problems:
        click.echo(str(problem), err=True)
    click.echo(
        f"created {len(report.created)}, updated {len(report.updated)}, "
        f"unchanged {report.unchanged}, deleted {len(report.deleted)}, "
        f"problems {len(report.problems)}"
    )
    if report.problems:
        raise SystemExit(1)
