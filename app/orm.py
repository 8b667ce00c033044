"""Declarative base with a naming convention, so constraint names are predictable."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, MetaData, event, or_, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.attributes import set_committed_value

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Timezone-aware now; stored as naive UTC so SQLite and PostgreSQL agree."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """WAL, busy timeout, foreign keys; and let SQLAlchemy own transactions so
    SAVEPOINT works (the pysqlite driver otherwise begins transactions itself)."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


# True while the current request or job may write: SQLite transactions then begin
# IMMEDIATE (take the write lock first, waiting up to the busy timeout) instead of
# reading first and failing with "database is locked" when they try to write after
# another connection has committed.
writing: ContextVar[bool] = ContextVar("writing", default=False)


@contextmanager
def write_transactions() -> Iterator[None]:
    """Transactions begun inside the block may write (see `writing`)."""
    token = writing.set(True)
    try:
        yield
    finally:
        writing.reset(token)


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn) -> None:
    """Begin SQLite transactions ourselves, except on a connection whose execution
    options ask for isolation_level="AUTOCOMMIT"."""
    if conn.dialect.name != "sqlite":
        return
    if conn.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing.get() else "BEGIN")


def _matches(column: Any, expected: Any) -> Any:
    if isinstance(expected, tuple | list | set | frozenset):
        values = [v for v in expected if v is not None]
        clause = column.in_(values)
        return or_(clause, column.is_(None)) if None in expected else clause
    return column.is_(None) if expected is None else column == expected


def transition(session: Session, obj: Any, expected: dict[str, Any], **values: Any) -> bool:
    """Move `obj` from the `expected` state to `values`, exactly once.

    One conditional `UPDATE … WHERE id = :id AND <expected> RETURNING id`: of several
    callers racing (other workers, other threads) exactly one changes the row and gets
    True; it then does the follow-up work (scoring, events). The others get False, do
    nothing further and answer as if the transition was already done; their copy of
    `obj` is expired, so it reloads the winner's values. On PostgreSQL a loser waits for
    the winner's row lock and re-checks the condition; on SQLite writing transactions
    begin IMMEDIATE, so they run one after another. An expected value may be a tuple
    (any of these; None matches NULL)."""
    session.flush()
    mapper = type(obj).__mapper__
    table = mapper.local_table
    (pk,) = mapper.primary_key
    stmt = (
        update(table)
        .where(pk == getattr(obj, pk.key),
               *(_matches(table.c[name], want) for name, want in expected.items()))
        .values(**values)
        .returning(pk)
    )
    won = session.execute(stmt).first() is not None
    if won:
        for name, value in values.items():
            set_committed_value(obj, name, value)
    else:
        session.expire(obj)
    return won
