"""SQLite transactions are begun by SQLAlchemy (for real SAVEPOINTs), yet a connection
asked to autocommit commits each statement at once."""

from pathlib import Path

from sqlalchemy import create_engine, text

import app.orm  # noqa: F401 - registers the SQLite listeners


def _count(url: str) -> int:
    other = create_engine(url)
    try:
        with other.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM t")).scalar_one()
    finally:
        other.dispose()


def test_autocommit_and_transactions_both_hold(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tx.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))

    with engine.execution_options(isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text("INSERT INTO t VALUES (1)"))
        assert _count(url) == 1  # visible before this connection is even closed

    with engine.connect() as conn:
        conn.execute(text("INSERT INTO t VALUES (2)"))
        nested = conn.begin_nested()
        conn.execute(text("INSERT INTO t VALUES (3)"))
        nested.rollback()
        assert _count(url) == 1  # nothing of this transaction is visible yet
        conn.commit()
    assert _count(url) == 2  # 2 committed, 3 rolled back to the savepoint
    engine.dispose()
