"""Practice: role-play shifts on the simulator. Private to the learner (and the
trainer of their cohort, for coaching). Data live in the `practice` bind."""

from flask import Blueprint, Flask

bp = Blueprint("practice", __name__, url_prefix="/practice")


def init_app(app: Flask) -> None:
    from app.content.sources import register_source
    from app.practice import cli, models, views, views_attempts, views_coaching  # noqa: F401
    from app.practice.customers import customer_source

    register_source(customer_source)
    app.register_blueprint(bp)
    app.cli.add_command(cli.practice_cli)
