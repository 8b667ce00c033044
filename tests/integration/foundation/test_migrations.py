"""The migrations build exactly the schema the models describe, on every bind."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.extensions import db


def test_models_and_migrations_agree(app):
    for bind_key in (None, "practice"):
        conn = db.engines[bind_key]
        context = MigrationContext.configure(
            connection=conn, opts={"compare_type": True, "render_as_batch": True}
        )
        diff = compare_metadata(context, db.metadatas[bind_key])
        assert diff == [], f"bind {bind_key or 'default'}: pending changes {diff}"


def test_practice_tables_live_only_in_the_practice_bind():
    practice = set(db.metadatas["practice"].tables)
    main = set(db.metadatas[None].tables)
    assert {"practice_shift", "practice_response"} <= practice
    assert not practice & main
