"""The OpenAPI 3 document of /api/v1, served at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

from flask import jsonify

from app.api import bp
from app.webhooks.models import EVENTS


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    code: {"$ref": f"#/components/responses/{name}"}
    for code, name in (("400", "BadRequest"), ("401", "Unauthorized"), ("403", "Forbidden"),
                       ("404", "NotFound"), ("422", "Invalid"), ("429", "TooMany"))
}


def _op(summary: str, ok: dict[str, Any], body: str | None = None, ok_code: str = "200",
        params: tuple[str, ...] = (), op_id: str = "",
        extra: tuple[str, ...] = ()) -> dict[str, Any]:
    responses = {ok_code: ok, **ERRORS}
    responses.update({code: {"$ref": f"#/components/responses/{EXTRA[code]}"} for code in extra})
    op: dict[str, Any] = {"summary": summary, "operationId": op_id, "responses": responses}
    if params:
        op["parameters"] = [{"$ref": f"#/components/parameters/{p}"} for p in params]
    if body:
        op["requestBody"] = {"required": True,
                             "content": {"application/json": {"schema": _ref(body)}}}
    return op

EXTRA = {"409": "Conflict"}


def _id_param(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True,
            "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}}


def _str(max_len: int, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "maxLength": max_len, **extra}


NULLABLE_STR = {"type": ["string", "null"]}
SCHEMAS: dict[str, Any] = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["message", "field"],
        "properties": {"message": {"type": "string"}, "field": NULLABLE_STR,
                       "errors": {"type": "array", "items": {"type": "object"}}}}}},
    "Opening": {"type": "object", "required": ["id", "title", "job_profile", "status"],
                "properties": {"id": {"type": "integer"}, "title": {"type": "string"},
                               "job_profile": {"type": "string"}, "status": {"type": "string"},
                               "created_at": NULLABLE_STR}},
    "NewOpening": {"type": "object", "required": ["title", "job_profile"],
                   "properties": {"title": _str(160),
                                  "job_profile": _str(120, example="contact-center-agent")}},
    "Invitation": {"type": "object", "required": ["id", "opening_id", "stage", "candidate"],
                   "properties": {
                       "id": {"type": "integer"}, "opening_id": {"type": "integer"},
                       "stage": {"type": "string"}, "candidate": {"type": "object"},
                       "attempt": {"type": ["object", "null"]},
                       "score": {"type": ["object", "null"]},
                       "decision": NULLABLE_STR, "decided_at": NULLABLE_STR,
                       "link": {"type": "string", "description": "Only when created."}}},
    "NewInvitation": {"type": "object", "required": ["name", "email"], "properties": {
        "name": _str(120), "email": _str(254, format="email"),
        "time_factor": {"type": "string", "enum": ["1", "5/4", "3/2", "2"]}}},
    "ReportBatch": {"type": "object", "required": ["id", "status", "done", "total"],
                    "properties": {"id": {"type": "integer"}, "opening_id": {"type": "integer"},
                                   "status": {"type": "string",
                                              "enum": ["queued", "running", "done", "failed"]},
                                   "done": {"type": "integer"}, "total": {"type": "integer"},
                                   "error": NULLABLE_STR, "created_at": {"type": "string"},
                                   "finished_at": NULLABLE_STR}},
    "NewEmployees": {"type": "object", "required": ["employees"], "properties": {
        "employees": {"type": "array", "minItems": 1, "maxItems": 500, "items": {
            "type": "object", "required": ["email", "name"],
            "properties": {"email": _str(254, format="email"), "name": _str(120),
                           "department": {"type": "string", "maxLength": 80},
                           "team": {"type": "string"}}}}}},
    "Training": {"type": "object", "required": ["user_id", "courses"], "properties": {
        "user_id": {"type": "integer"}, "courses": {"type": "array", "items": {
            "type": "object", "properties": {
                "course": {"type": "string"},
                "status": {"type": "string", "enum": ["done", "due", "overdue"]},
                "due_date": NULLABLE_STR, "completed_on": NULLABLE_STR}}}}},
    "Webhook": {"type": "object", "required": ["id", "url", "events", "active"], "properties": {
        "id": {"type": "integer"}, "url": {"type": "string"},
        "events": {"type": "array", "items": {"type": "string"}}, "active": {"type": "boolean"},
        "secret": {"type": "string", "description": "HMAC key; returned once, on creation."},
        "created_at": {"type": "string"}}},
    "NewWebhook": {"type": "object", "required": ["url", "events"], "properties": {
        "url": _str(500, format="uri"),
        "events": {"type": "array", "minItems": 1,
                   "items": {"type": "string", "enum": list(EVENTS)}}}},
}


def _list(key: str, item: str) -> dict[str, Any]:
    return {"type": "object", "required": [key],
            "properties": {key: {"type": "array", "items": _ref(item)}}}


def document() -> dict[str, Any]:
    error = _ref("Error")
    return {
        "openapi": "3.1.0",
        "info": {"title": "Service Academy API", "version": "1.0.0", "description": (
            "Token-authenticated JSON API for applicant tracking and HR systems. Create a "
            "token on the API tokens page; it acts with one of your roles. Errors are "
            "`{\"error\": {\"message\", \"field\"}}`. Webhooks are POSTed as JSON and signed: "
            "`X-ServiceAcademy-Signature: sha256=<hex HMAC-SHA256 of the raw body>` under "
            "the subscription's secret; failed deliveries are retried with exponential "
            "backoff. Events: " + ", ".join(EVENTS) + ".")},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": SCHEMAS,
            "parameters": {n: _id_param(n) for n in
                           ("opening_id", "invitation_id", "batch_id", "user_id", "webhook_id")},
            "responses": {
                name: _json(error, text) for name, text in (
                    ("BadRequest", "The body is not a JSON object."),
                    ("Unauthorized", "No valid API token."),
                    ("Forbidden", "The token's role may not do this."),
                    ("NotFound", "No such resource, or not yours."),
                    ("Invalid", "A field is invalid; `field` names it."),
                    ("TooMany", "Rate limit or per-user job cap reached."),
                    ("Conflict", "Not ready yet."))},
        },
        "paths": {
            "/openings": {
                "get": _op("List your job openings", _json(_list("openings", "Opening"), "OK"),
                           op_id="listOpenings"),
                "post": _op("Create a job opening", _json(_ref("Opening"), "Created"),
                            "NewOpening", "201", op_id="createOpening")},
            "/openings/{opening_id}": {
                "get": _op("One opening", _json(_ref("Opening"), "OK"), params=("opening_id",),
                           op_id="getOpening")},
            "/openings/{opening_id}/invitations": {
                "get": _op("Candidates of an opening with status and scores",
                           _json(_list("invitations", "Invitation"), "OK"),
                           params=("opening_id",), op_id="listInvitations"),
                "post": _op("Invite a candidate (returns the one-time link)",
                            _json(_ref("Invitation"), "Created"), "NewInvitation", "201",
                            ("opening_id",), "createInvitation")},
            "/invitations/{invitation_id}": {
                "get": _op("Candidate status and scores", _json(_ref("Invitation"), "OK"),
                           params=("invitation_id",), op_id="getInvitation")},
            "/openings/{opening_id}/report-batches": {
                "post": _op("Render every finished candidate's PDF report in the background",
                            _json(_ref("ReportBatch"), "Queued"), ok_code="202",
                            params=("opening_id",), op_id="createReportBatch")},
            "/report-batches/{batch_id}": {
                "get": _op("Progress of a report batch", _json(_ref("ReportBatch"), "OK"),
                           params=("batch_id",), op_id="getReportBatch")},
            "/report-batches/{batch_id}/archive": {
                "get": _op("The finished batch as a ZIP of PDFs",
                           {"description": "ZIP", "content": {"application/zip": {
                               "schema": {"type": "string", "format": "binary"}}}},
                           params=("batch_id",), op_id="getReportArchive", extra=("409",))},
            "/employees": {
                "post": _op("Import employees (all or nothing)",
                            _json({"type": "object"}, "Created"), "NewEmployees", "201",
                            op_id="importEmployees")},
            "/employees/{user_id}/training": {
                "get": _op("Training completion (done / due / overdue only)",
                           _json(_ref("Training"), "OK"), params=("user_id",),
                           op_id="getTraining")},
            "/webhooks": {
                "get": _op("Your webhook subscriptions", _json(_list("webhooks", "Webhook"),
                                                               "OK"), op_id="listWebhooks"),
                "post": _op("Subscribe a URL to events", _json(_ref("Webhook"), "Created"),
                            "NewWebhook", "201", op_id="createWebhook")},
            "/webhooks/{webhook_id}": {
                "delete": _op("Unsubscribe", {"description": "Deleted"}, ok_code="204",
                              params=("webhook_id",), op_id="deleteWebhook")},
        },
    }


@bp.get("/openapi.json")
def openapi_document():  # noqa: ANN201
    return jsonify(document())
