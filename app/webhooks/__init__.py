"""Webhooks: signed event deliveries to subscribers, retried with exponential backoff.

Subscribes to the domain events in `EVENTS` (see app.events); no slice calls it."""

from flask import Flask


def init_app(app: Flask) -> None:
    from app import events
    from app.webhooks import cli, services
    from app.webhooks.models import EVENTS

    services.init_dispatch()
    for name in EVENTS:
        events.subscribe(app, name, services.on_event)
    app.cli.add_command(cli.webhooks_cli)
