from datetime import timedelta

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from app.extensions import db
from app.hiring import mailing, services
from app.hiring.catalog import setup_for
from app.hiring.models import Attempt
from app.hiring.scoring import score_and_store, score_values, stored_answers
from app.hiring.work_sample import with_stored_overall
from app.orm import write_transactions
from app.psychometrics import dry_run_diff


@click.group("hiring", help="Hiring jobs: time-outs and re-scoring.")
def hiring_cli() -> None:
    pass


@hiring_cli.command("close-expired")
@with_appcontext
def close_expired_command() -> None:
    """Submit and score every attempt whose time ran out."""
    with write_transactions():
        count = services.close_overdue_attempts()
        db.session.commit()
    click.echo(f"{count} attempts timed out and scored.")


@hiring_cli.command("rescore")
@click.option("--dry-run", is_flag=True, help="Show per-candidate differences; write nothing.")
@with_appcontext
def rescore_command(dry_run: bool) -> None:
    """Re-score every scored attempt with the currently loaded keys and norms."""
    attempts = db.session.scalars(select(Attempt).where(Attempt.status == "scored")).all()
    changed = 0
    for attempt in attempts:
        setup = setup_for(attempt.invitation.opening.job_profile)
        answers, _ = stored_answers(attempt)
        old_decision = attempt.recommendation
        old = attempt.composite
        if dry_run and setup.norms.scoring == "thurstonian":
            values = score_values(attempt)
            new, new_decision = values["composite"], values["recommendation"]
        elif dry_run:
            report = dry_run_diff(setup, setup,
                                  {str(attempt.id): with_stored_overall(attempt.score, answers)})
            new = report.diffs[0].new_composite
            new_decision = report.diffs[0].new_decision
        else:
            score_and_store(attempt)
            new, new_decision = attempt.composite, attempt.recommendation
        new_f = None if new is None else float(new)
        if new_f != old or new_decision != old_decision:
            changed += 1
            click.echo(f"attempt {attempt.id} ({attempt.invitation.candidate.email}): "
                       f"composite {old} -> {new_f}, decision {old_decision} -> {new_decision}")
    if not dry_run:
        db.session.commit()
    verb = "would change" if dry_run else "changed"
    click.echo(f"{len(attempts)} attempts re-scored; {changed} {verb}.")


@hiring_cli.command("calibrate")
@click.argument("instrument_id")
@click.argument("answers_csv", type=click.Path(exists=True, dir_okay=False))
@click.option("--version", "version", required=True, help="Label of the new calibration.")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="YAML file to write.")
@with_appcontext
def calibrate_command(instrument_id: str, answers_csv: str, version: str, out: str) -> None:
    """Refit the Thurstonian item parameters and norms from pilot answers.

    ANSWERS_CSV has one row per attempt and one column per item id (form values,
    empty = skipped; rankings as ``b>a>c``).
    """
    import csv

    import yaml

    from app.hiring.catalog import current_catalog
    from app.psychometrics.trait_scoring import refit

    instrument = current_catalog().instruments.get(instrument_id)
    if instrument is None:
        raise click.ClickException(f"instrument {instrument_id!r} is not loaded")
    with open(answers_csv, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [{k: v for k, v in row.items() if v not in (None, "")} for row in reader]
    try:
        data = refit(instrument, rows, version)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    with open(out, "w", encoding="utf-8") as handle:
        yaml.safe_dump(data, handle, sort_keys=False)
    click.echo(f"{data['n']} attempts, {data['rounds']} rounds; wrote {out}")


@hiring_cli.command("remind")
@click.option("--hours", default=None, type=click.IntRange(1, 24 * 30),
              help="Remind this many hours before the link expires "
                   "(default: REMINDER_HOURS_BEFORE_EXPIRY, 48).")
@with_appcontext
def remind_command(hours: int | None) -> None:
    """E-mail candidates who have not submitted, once, before their invitation expires
    (every minute, with the other housekeeping jobs)."""
    hours = hours or int(current_app.config.get("REMINDER_HOURS_BEFORE_EXPIRY", 48))
    with write_transactions():
        count = mailing.send_reminders(timedelta(hours=hours))
        db.session.commit()
    click.echo(f"{count} reminder(s) queued.")
