"""On SQLite a GET reads in a deferred transaction; when it then writes after another
connection committed, SQLite refuses ("database is locked"). Such a GET runs once more
with IMMEDIATE transactions instead of answering 500."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app import create_app
from app.config import practice_url_for
from app.extensions import db


@pytest.fixture
def file_app(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'main.db'}"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url,
                      "SQLALCHEMY_BINDS": {"practice": practice_url_for(url)},
                      "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789"})
    with app.app_context():
        db.session.execute(text("CREATE TABLE seen (n INTEGER)"))
        db.session.commit()
    yield app, url
    with app.app_context():
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()


def test_a_get_that_writes_after_another_commit_is_run_again_not_failed(file_app):
    app, url = file_app
    other = create_engine(url)
    runs = []

    @app.get("/read-then-write")
    def read_then_write():
        runs.append(db.session.execute(text("SELECT count(*) FROM seen")).scalar_one())
        if len(runs) == 1:  # someone else commits between this request's read and write
            with other.begin() as conn:
                conn.execute(text("INSERT INTO seen VALUES (0)"))
        db.session.execute(text("INSERT INTO seen VALUES (1)"))
        db.session.commit()
        return "ok"

    response = app.test_client().get("/read-then-write")
    assert response.status_code == 200
    assert runs == [0, 1]  # the second run saw the other commit
    with other.connect() as conn:
        assert sorted(conn.execute(text("SELECT n FROM seen")).scalars()) == [0, 1]
    other.dispose()

