"""Autosave on a real engine, as in production.

The other tests run every request inside one outer transaction per test, so they never
see the connection the autosave fast path takes for itself (autocommit on PostgreSQL, a
plain transaction on SQLite). Here the app has a database of its own: each save must
be committed and visible from a fresh connection, and every refusal must hold.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import create_engine, make_url, text

from app import create_app
from app.config import normalize_db_url, practice_url_for
from app.content.loader import apply_documents
from app.extensions import db
from app.hiring import autosave, services
from app.hiring.catalog import setup_for
from app.identity.models import hash_token
from app.identity.services import create_user
from tests.fixtures.app import ROOT, migrate_to_head


@pytest.fixture
def own_database(tmp_path: Path) -> Iterator[str]:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path / 'autosave.db'}"
        return
    url = make_url(normalize_db_url(base))
    name = f"sa_autosave_{secrets.token_hex(4)}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def committed_app(own_database: str) -> Iterator[Flask]:
    app = create_app({
        "TESTING": True, "SQLALCHEMY_DATABASE_URI": own_database,
        "SQLALCHEMY_BINDS": {"practice": practice_url_for(own_database)},
        "WTF_CSRF_ENABLED": False, "CONTENT_ROOT": str(ROOT), "PASSWORD_HASH_FAST": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
    })
    migrate_to_head(app)
    yield app
    with app.app_context():
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()
    for engine in autosave._autocommit_engines.values():
        engine.dispose()


def _candidate(app: Flask, documents: list) -> tuple[str, int]:
    with app.app_context():
        apply_documents(documents, [])
        recruiter = create_user("rec@example.test", "Rec", {"recruiter"}, password="x" * 12)
        opening = services.create_opening(recruiter, "Agent", "contact-center-agent")
        invitation, raw = services.invite_candidate(opening, "Cam", "cam@example.test")
        services.record_consent(invitation, None)
        attempt = services.start_attempt(invitation)
        db.session.commit()
        return raw, attempt.id


def _stored(url: str, attempt_id: int, item_id: str) -> tuple | None:
    engine = create_engine(normalize_db_url(url))
    try:
        with engine.connect() as conn:
            return conn.execute(
                text("SELECT value, client_seq FROM response"
                     " WHERE attempt_id = :a AND item_id = :i"),
                {"a": attempt_id, "i": item_id},
            ).one_or_none()
    finally:
        engine.dispose()


def test_fast_saves_are_committed_and_refusals_hold(
        committed_app, own_database, shipped_documents):
    raw, attempt_id = _candidate(committed_app, shipped_documents)
    with committed_app.app_context():
        item = next(i for i in setup_for("contact-center-agent").instrument.items
                    if i.kind == "likert")
    client = committed_app.test_client()
    assert client.post(f"/i/{raw}").status_code == 302

    saved = client.post("/candidate/test/answer", json={"item": item.id, "value": 4, "seq": 1})
    assert saved.status_code == 200 and saved.json["saved"] is True
    with client.session_transaction() as session:
        assert hash_token(session["_user_id"]) in autosave._contexts  # the fast path answered
    value, seq = _stored(own_database, attempt_id, item.id)
    assert (str(value).strip('"'), seq) == ("4", 1)

    stale = client.post("/candidate/test/answer", json={"item": item.id, "value": 2, "seq": 1})
    assert stale.json == {"saved": False, "stale": True, "remaining": stale.json["remaining"]}
    assert _stored(own_database, attempt_id, item.id)[1] == 1

    newer = client.post("/candidate/test/answer", json={"item": item.id, "value": 5, "seq": 2})
    assert newer.json["saved"] is True
    assert _stored(own_database, attempt_id, item.id)[1] == 2

    assert client.post("/candidate/test/submit").status_code == 302
    late = client.post("/candidate/test/answer", json={"item": item.id, "value": 1, "seq": 3})
    assert late.status_code == 409 and late.json["closed"] is True
    assert _stored(own_database, attempt_id, item.id)[1] == 2

    client.post("/logout")
    gone = client.post("/candidate/test/answer", json={"item": item.id, "value": 1, "seq": 4})
    assert gone.status_code in (302, 401)
