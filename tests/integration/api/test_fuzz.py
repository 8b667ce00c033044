"""Property-based fuzzing of every API operation against the served OpenAPI document
(schemathesis over WSGI, derandomized, bounded examples; bench/bench_api_fuzz.py runs
the full count): no 5xx (not_a_server_error), no status code the document does not
list (status_code_conformance), and every other schemathesis check but one.
`positive_data_acceptance` is left out: a request can fit the schema and still break a
rule that needs the database (an unknown job profile, an e-mail that already has an
account), and that answer is a documented 422."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from app.extensions import db
from app.hiring import services as hiring


@pytest.fixture
def api_schema(app, content, users, auth):
    app.config["API_RATE_LIMIT"] = "100000 per minute"
    opening = hiring.create_opening(users["recruiter"], "Fuzzed", "contact-center-agent")
    hiring.invite_candidate(opening, "Fuzz Candidate", "fuzz@example.test")
    db.session.commit()
    app.config["FUZZ_HEADERS"] = auth(users["admin"])  # the role every operation admits
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_operations_hold_under_fuzzing(case, app):
    headers = app.config["FUZZ_HEADERS"]
    response = case.call(headers=headers)
    case.validate_response(response, headers=headers, excluded_checks=[positive_data_acceptance])
