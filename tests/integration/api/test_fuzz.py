"""Property-based fuzzing of every API operation against the served OpenAPI document
(schemathesis over WSGI, bounded examples): no 5xx, and answers match the document."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from app.extensions import db
from app.hiring import services as hiring

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


@pytest.fixture
def api_schema(app, content, users, auth):  # noqa: ANN001, ANN201
    app.config["API_RATE_LIMIT"] = "100000 per minute"
    opening = hiring.create_opening(users["recruiter"], "Fuzzed", "contact-center-agent")
    invitation, _ = hiring.invite_candidate(opening, "Fuzz Candidate", "fuzz@example.test")
    db.session.commit()
    app.config["FUZZ_HEADERS"] = auth(users["recruiter"])
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_operations_hold_under_fuzzing(case, app):  # noqa: ANN001
    response = case.call(headers=app.config["FUZZ_HEADERS"])
    case.validate_response(response, checks=CHECKS)
