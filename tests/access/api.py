"""API slice. The /api/v1 endpoints accept API tokens only: a signed-in browser session
never opens them, whatever its role, so their entry is empty (the matrix test then
checks that every role's session gets 401). Token scopes are tested in
tests/integration/api/test_access.py."""

from tests.access.core import PUBLIC

TOKEN_ONLY: set[str] = set()

ENTRIES = {
    "api.openapi_document": PUBLIC,
    "api.list_openings": TOKEN_ONLY,
    "api.create_opening": TOKEN_ONLY,
    "api.show_opening": TOKEN_ONLY,
    "api.list_invitations": TOKEN_ONLY,
    "api.create_invitation": TOKEN_ONLY,
    "api.show_invitation": TOKEN_ONLY,
    "api.create_report_batch": TOKEN_ONLY,
    "api.show_report_batch": TOKEN_ONLY,
    "api.download_report_batch": TOKEN_ONLY,
    "api.import_employees": TOKEN_ONLY,
    "api.show_training": TOKEN_ONLY,
    "api.list_webhooks": TOKEN_ONLY,
    "api.create_webhook": TOKEN_ONLY,
    "api.delete_webhook": TOKEN_ONLY,
    "api_tokens.list_tokens": {"admin", "recruiter", "supervisor"},
    "api_tokens.revoke_token": {"admin", "recruiter", "supervisor"},
}
