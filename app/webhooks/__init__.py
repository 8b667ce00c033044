"""Webhooks: signed event deliveries to subscribers, retried with exponential backoff.

Other slices call `app.webhooks.services.fire(event, payload)`."""

from flask import Flask


def init_app(app: Flask) -> None:
    from app.webhooks import cli, services

    services.init_dispatch()
    app.cli.add_command(cli.webhooks_cli)
