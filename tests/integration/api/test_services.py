import pytest
from sqlalchemy import select

from app.api import services
from app.api.errors import ApiError
from app.api.models import ApiToken
from app.api.schemas import NewEmployees
from app.extensions import db
from app.identity.models import User, hash_token


def test_tokens_are_stored_hashed_and_shown_once(users):
    token, raw = services.create_token(users["recruiter"], "ATS", "recruiter")
    assert raw.startswith("sa_") and len(raw) > 40
    row = db.session.get(ApiToken, token.id)
    assert row.token_hash == hash_token(raw) and raw not in (row.token_hash, row.prefix)
    assert services.authenticate_token(raw).id == token.id


def test_a_token_needs_one_of_the_users_api_roles(users):
    with pytest.raises(ApiError) as exc:
        services.create_token(users["recruiter"], "x", "admin")
    assert exc.value.field == "role"
    with pytest.raises(ApiError):
        services.create_token(users["employee"], "x", "employee")
    with pytest.raises(ApiError) as exc:
        services.create_token(users["recruiter"], "  ", "recruiter")
    assert exc.value.field == "name"


def test_revoked_tokens_disabled_users_and_lost_roles_do_not_authenticate(users, create_user):
    _, raw = services.create_token(users["recruiter"], "a", "recruiter")
    token = services.authenticate_token(raw)
    services.revoke_token(token)
    assert services.authenticate_token(raw) is None
    person = create_user("recruiter", "supervisor")
    _, raw2 = services.create_token(person, "b", "supervisor")
    person.set_roles({"recruiter"})
    db.session.flush()
    assert services.authenticate_token(raw2) is None
    _, raw3 = services.create_token(person, "c", "recruiter")
    person.disabled = True
    assert services.authenticate_token(raw3) is None
    assert services.authenticate_token("sa_unknown") is None
    assert services.authenticate_token("not-a-token") is None


def test_employee_import_is_all_or_nothing_and_names_row_and_field(users):
    def rows(*dicts):
        return NewEmployees(employees=list(dicts)).employees

    with pytest.raises(ApiError) as exc:
        services.import_employees(rows(
            {"email": "ok@example.test", "name": "Ok"},
            {"email": "ok@example.test", "name": "Twice"},
            {"email": "x@example.test", "name": "X", "team": "Nope"},
        ))
    fields = [p["field"] for p in exc.value.errors]
    assert fields == ["employees[1].email", "employees[2].team"]
    assert exc.value.status == 422
    assert db.session.scalar(select(User.id).where(User.email == "ok@example.test")) is None
    created = services.import_employees(rows({"email": "New@Example.test", "name": "New One",
                                              "department": "Billing"}))
    assert created[0].email == "new@example.test" and created[0].roles == {"employee"}
    with pytest.raises(ApiError, match="already has an account"):
        services.import_employees(rows({"email": "new@example.test", "name": "Again"}))
