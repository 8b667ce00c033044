"""docs/reporting-role.md, checked on PostgreSQL: a reporting role that may read the live
monitoring tables gets "permission denied" on the practice schema."""

from __future__ import annotations

import os
import secrets

import pytest
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError

from app.extensions import db

pytestmark = pytest.mark.skipif(
    not (os.environ.get("TEST_DATABASE_URL") or "").startswith("postgres"),
    reason="the reporting role is a PostgreSQL set-up (TEST_DATABASE_URL is not PostgreSQL)",
)


def test_a_role_without_grants_cannot_read_practice_data(app):
    conn = db.engines[None]  # the test's connection; everything is rolled back after
    role = f"reporting_test_{secrets.token_hex(4)}"
    outer = conn.begin_nested()
    # the set-up in docs/reporting-role.md
    conn.exec_driver_sql(f"CREATE ROLE {role} NOLOGIN")
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {role}")
    conn.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
    conn.exec_driver_sql("REVOKE ALL ON SCHEMA practice FROM PUBLIC")
    conn.exec_driver_sql("REVOKE ALL ON ALL TABLES IN SCHEMA practice FROM PUBLIC")
    privileges = conn.execute(text(
        "SELECT has_schema_privilege(:r, 'practice', 'USAGE'), "
        "has_table_privilege(:r, 'public.evaluation', 'SELECT')"), {"r": role}).one()
    assert tuple(privileges) == (False, True)
    for table in ("practice_response", "practice_shift", "rated_example", "scorer_refit"):
        attempt = conn.begin_nested()
        conn.exec_driver_sql(f"SET LOCAL ROLE {role}")
        assert conn.exec_driver_sql("SELECT count(*) FROM evaluation").scalar() >= 0
        with pytest.raises(ProgrammingError, match="permission denied"):
            conn.exec_driver_sql(f"SELECT * FROM practice.{table}")  # noqa: S608 - constant names
        attempt.rollback()
    assert conn.exec_driver_sql("SELECT current_user").scalar() != role
    conn.exec_driver_sql(f"DROP OWNED BY {role}")
    conn.exec_driver_sql(f"DROP ROLE {role}")
    gone = conn.execute(text("SELECT count(*) FROM pg_roles WHERE rolname = :r"), {"r": role})
    assert gone.scalar() == 0
    outer.rollback()
