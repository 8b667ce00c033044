"""Hiring: job openings, invitations, the timed aptitude test, scores and decisions."""

from flask import Blueprint, Flask

bp = Blueprint("hiring", __name__)


def init_app(app: Flask) -> None:
    from app import events
    from app.content.sources import register_source
    from app.hiring import candidate_views, cli, mailing, views  # noqa: F401
    from app.hiring.extra_time import describe
    from app.hiring.tryout import views as tryout_views  # noqa: F401
    from app.hiring.tryout.content import tryout_source

    register_source(tryout_source)

    events.subscribe(app, "decision.confirmed", mailing.on_decision_confirmed)
    app.jinja_env.filters["extra_time"] = describe

    app.register_blueprint(bp)
    app.cli.add_command(cli.hiring_cli)
