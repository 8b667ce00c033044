"""Every API error is JSON: {"error": {"message": ..., "field": ...}} with an HTTP status."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

PREFIX = "/api/v1"


class ApiError(Exception):
    def __init__(self, message: str, field: str | None = None, status: int = 400,
                 errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.message, self.field, self.status, self.errors = message, field, status, errors


def error_response(message: str, field: str | None, status: int,
                   errors: list[dict[str, Any]] | None = None) -> Response:
    body: dict[str, Any] = {"message": message, "field": field}
    if errors:
        body["errors"] = errors
    response = jsonify(error=body)
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def _http_error(exc: HTTPException) -> Response:
    messages = {404: "No such resource, or it is not yours.",
                405: "This method is not allowed on this resource.",
                413: "The request body is larger than we accept (2 MB).",
                429: "Too many requests; slow down and retry later."}
    code = exc.code or 500
    response = error_response(messages.get(code, exc.description or exc.name),
                              getattr(exc, "field", None), code)
    allowed = getattr(exc, "valid_methods", None)
    if allowed:
        response.headers["Allow"] = ", ".join(allowed)
    return response


def init_blueprint_errors(bp: Any) -> None:
    """JSON errors for the API blueprint (once per process: blueprints are shared)."""
    bp.register_error_handler(ApiError, lambda e: error_response(e.message, e.field, e.status,
                                                                  e.errors))
    bp.register_error_handler(HTTPException, _http_error)
    bp.register_error_handler(
        500, lambda e: error_response("Something went wrong on our side; retry later.", None, 500)
    )


def init_errors(app: Flask) -> None:
    """Per app: routing errors under /api/v1 answer JSON too."""
    # Routing errors (unknown URL, wrong method) happen before the blueprint is known,
    # so the site-wide HTML handlers get them: answer JSON under /api/v1 instead.
    for code in (404, 405, 429, 413, 500):
        _wrap_app_handler(app, code)


def _wrap_app_handler(app: Flask, code: int) -> None:
    previous = app.error_handler_spec.get(None, {}).get(code, {})
    html_handler = next(iter(previous.values()), None)

    def handler(exc: Exception):
        if request.path.startswith(PREFIX):
            if isinstance(exc, HTTPException):
                return _http_error(exc)
            return error_response("Something went wrong on our side; retry later.", None, 500)
        if html_handler is not None:
            return html_handler(exc)
        return exc

    app.register_error_handler(code, handler)
