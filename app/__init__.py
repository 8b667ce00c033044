"""Service Academy: hire the right customer-service people and train everyone."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask

from app.config import CONFIGS, INSTANCE_DIR


def create_app(config: dict[str, Any] | str | None = None) -> Flask:
    """Build the app. `config` is a config name or a dict of overrides (tests)."""
    from app.extensions import App

    app = App(__name__, instance_path=str(INSTANCE_DIR), instance_relative_config=True)
    if isinstance(config, str):
        name = config
    elif config and config.get("TESTING"):
        name = "testing"
    else:
        name = os.environ.get("APP_ENV", "development")
    app.config.from_object(CONFIGS[name]())
    if isinstance(config, dict):
        app.config.update(config)

    from app import events, inputs, mail
    from app.extensions import init_extensions
    from app.jobs import init_jobs
    from app.security import init_security
    from app.web import init_web

    init_extensions(app)
    inputs.init_app(app)
    events.init_app(app)
    mail.init_app(app)
    init_security(app)
    init_jobs(app)
    init_web(app)
    _register_slices(app)
    if app.config.get("TRUSTED_PROXIES"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    return app


def _register_slices(app: Flask) -> None:
    from app import (
        admin,
        api,
        content,
        demo,
        hiring,
        identity,
        measurement,
        monitoring,
        practice,
        reports,
        training,
        webhooks,
    )

    for slice_ in (identity, admin, content, hiring, training, practice, monitoring, reports,
                   measurement, api, webhooks, demo):
        slice_.init_app(app)
