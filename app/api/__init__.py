"""JSON API under /api/v1 with an OpenAPI document and per-user API tokens.

The API blueprint is token-only (never session cookies), so it is exempt from CSRF.
The token page (`api_tokens`) is an ordinary signed-in page with CSRF-protected forms."""

from flask import Blueprint, Flask, current_app, request

bp = Blueprint("api", __name__, url_prefix="/api/v1")
tokens_bp = Blueprint("api_tokens", __name__, url_prefix="/account/api-tokens")


def _rate_key() -> str:
    from app.identity.models import hash_token

    header = request.headers.get("Authorization", "")
    return "api:" + (hash_token(header)[:16] if header else (request.remote_addr or "?"))


def _ids_in_range(endpoint: str | None, values: dict | None) -> None:
    """Ids beyond a 32-bit integer exist nowhere; answer 404 before the database sees them."""
    from flask import abort

    if values and any(isinstance(v, int) and v > 2**31 - 1 for v in values.values()):
        abort(404)


def init_app(app: Flask) -> None:
    from app.api import cli, openapi, token_views, views, views_webhooks  # noqa: F401
    from app.api.errors import init_blueprint_errors, init_errors
    from app.extensions import limiter

    app.config.setdefault("API_RATE_LIMIT", "600 per minute")
    if not bp._got_registered_once:  # blueprints are module-level: set them up once
        limiter.limit(lambda: current_app.config["API_RATE_LIMIT"], key_func=_rate_key)(bp)
        bp.url_value_preprocessor(_ids_in_range)
        init_blueprint_errors(bp)
    app.extensions["csrf"].exempt(bp)
    init_errors(app)
    app.register_blueprint(bp)
    app.register_blueprint(tokens_bp)
    app.cli.add_command(cli.api_cli)
