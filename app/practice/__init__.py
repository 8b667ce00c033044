"""Practice: role-play shifts on the simulator. Private to the learner (and the
trainer of their cohort, for coaching). Data live in the `practice` bind."""

from flask import Blueprint, Flask

bp = Blueprint("practice", __name__, url_prefix="/practice")


def init_app(app: Flask) -> None:
    from app.content.sources import register_source
    from app.practice import (  # noqa: F401
        cli,
        coaching_models,
        models,
        views,
        views_attempts,
        views_coaching,
        views_handins,
        views_scorer,
    )
    from app.practice.customers import customer_source

    register_source(customer_source)
    app.register_blueprint(bp)
    # first of all: CSRF protection reads the form, so the body limit must be set before
    app.before_request_funcs.setdefault(None, []).insert(0, views_handins.allow_handin_uploads)
    app.cli.add_command(cli.practice_cli)
