"""One decorator per API operation: token auth, request validation and the OpenAPI
entry, all from the pydantic models in app/api/schemas.py (through spectree). The
document is served at /api/v1/openapi.json.

spectree rather than flask-openapi3: it decorates views of a plain Flask app and
blueprint (flask-openapi3 wants its own app and blueprint classes, which every slice's
create_app and tests would then have to use), and lets its validation errors be
answered in our own `{"error": {"message", "field"}}` shape."""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from functools import wraps
from typing import Any

from flask import jsonify, request
from pydantic import BaseModel, ValidationError
from spectree import Response, SecurityScheme, SecuritySchemeData, SpecTree

from app.api import bp
from app.api.auth import token_required
from app.api.errors import PREFIX, ApiError
from app.api.schemas import Error
from app.webhooks.models import EVENTS

ERRORS = {400: "The body is not a JSON object, or nests too deep.",
          401: "No valid API token.", 403: "The token's role may not do this.",
          404: "No such resource, or not yours.", 422: "A field is invalid; `field` names it.",
          429: "Rate limit or per-user job cap reached."}
DESCRIPTION = (
    "Token-authenticated JSON API for applicant tracking and HR systems. Create a token on "
    "the API tokens page; it acts with one of your roles. Errors are "
    "`{\"error\": {\"message\", \"field\"}}`. Webhooks are POSTed as JSON and signed: "
    "`X-ServiceAcademy-Signature: sha256=<hex HMAC-SHA256 of the raw body>` under the "
    "subscription's secret; failed deliveries are retried with exponential backoff. "
    "Events: " + ", ".join(EVENTS) + ".")


def field_of(loc: tuple[Any, ...]) -> str:
    """A pydantic error location as a field path: ('employees', 1, 'email') ->
    'employees[1].email'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "body"


def _answer_validation_error(req: Any, resp: Any, error: Exception | None, instance: Any,
                             adapter: Any) -> None:
    if isinstance(error, ValidationError):
        problems = [{"field": field_of(e["loc"]), "message": e["msg"]} for e in error.errors()]
        first = problems[0]
        raise ApiError(f"'{first['field']}': {first['message']}.", first["field"], 422, problems)


spec = SpecTree(
    "flask", mode="strict", title="Service Academy API", version="1.0.0",
    description=DESCRIPTION, before=_answer_validation_error, validation_error_model=Error,
    security_schemes=[SecurityScheme(name="bearer",
                                     data=SecuritySchemeData(type="http", scheme="bearer"))],
    security={"bearer": []}, naming_strategy=lambda model: model.__name__,
)


def operation(*roles: str, ok: type[BaseModel] | None, status: int = 200,
              json: type[BaseModel] | None = None, extra: tuple[int, ...] = ()
              ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """An API view for tokens of `roles`: answers `ok` with `status`, reads a `json` body.
    Auth comes first, then the body must be a JSON object, then it must fit the model."""
    errors = {f"HTTP_{code}": (Error, ERRORS.get(code, "Not ready yet."))
              for code in (*ERRORS, *extra)}

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        validated = spec.validate(json=json, resp=Response(**{f"HTTP_{status}": ok}, **errors),
                                  operation_id=view.__name__)(view)

        @wraps(validated)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if json is not None and not isinstance(request.get_json(silent=True), dict):
                raise ApiError("Send a JSON object (Content-Type: application/json).", None, 400)
            return validated(*args, **kwargs)

        return token_required(*roles)(wrapped)

    return decorator


def document() -> dict[str, Any]:
    """spectree's document with paths relative to the /api/v1 server."""
    doc = deepcopy(spec.spec)
    doc["servers"] = [{"url": PREFIX}]
    doc["paths"] = {path.removeprefix(PREFIX): item for path, item in doc["paths"].items()}
    for item in doc["paths"].values():
        for op in item.values():
            for param in op.get("parameters", []):
                if param["in"] == "path":
                    param["schema"].update(minimum=1, maximum=2**31 - 1)
    archive = doc["paths"]["/report-batches/{batch_id}/archive"]["get"]["responses"]["200"]
    archive["content"] = {"application/zip": {"schema": {"type": "string", "format": "binary"}}}
    return doc


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(document())
