"""The autosave hot path: usually one guarded upsert per save, no ORM objects.

A sitting candidate saves an answer every few seconds for up to 25 minutes, so this is
the busiest route of the web tier. `fast_save` makes every check of the full path — a
live login session of an enabled candidate, their attempt in progress and within time,
an item of their test, a valid value, a newer sequence number — and writes:

- the first save of a login session reads its context (attempt, deadline, job profile)
  with one joined SELECT and keeps it in a per-process cache (an attempt's deadline and
  test never change once it has started);
- every save is one `INSERT … SELECT … WHERE EXISTS (…) ON CONFLICT DO UPDATE` that
  re-checks, in the database and at the moment of writing, that the login session is
  live, the user enabled and a candidate, the attempt theirs, in progress and within
  time — so a cached context can never let a save through that the full path refuses.

Whenever it cannot give the ordinary "saved" answer (not signed in, no attempt, time
over, a bad value, a stale or refused write) it returns None and the view takes the
full ORM path, which owns every other answer.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from flask import current_app
from sqlalchemy import (
    JSON,
    DateTime,
    Integer,
    String,
    and_,
    bindparam,
    create_engine,
    exists,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Dialect, Engine

from app.extensions import db
from app.hiring.catalog import CatalogError, setup_for
from app.hiring.models import Attempt, Invitation, JobOpening, Response
from app.identity.models import LoginSession, User, UserRole, hash_token
from app.orm import utcnow, write_transactions
from app.psychometrics import ITEM_KINDS

GRACE_SECONDS = 15
MAX_SEQ = 2**31 - 1  # the column is a 32-bit integer
CACHE_LIMIT = 50_000

_ls, _user, _role = LoginSession.__table__, User.__table__, UserRole.__table__
_inv, _att, _opening = Invitation.__table__, Attempt.__table__, JobOpening.__table__
_resp = Response.__table__
_candidate_of_session = (
    _ls.join(_user, _user.c.id == _ls.c.user_id)
    .join(_role, and_(_role.c.user_id == _user.c.id, _role.c.role == "candidate"))
    .join(_inv, _inv.c.candidate_id == _user.c.id)
)
_live_session = (_ls.c.token_hash == bindparam("token_hash"), _ls.c.expires_at > bindparam("now"),
                 _user.c.disabled.is_(False))

# The candidate's newest invitation with its attempt, reached from the login-session
# token exactly as the session loader and `get_candidate_invitation` reach it.
_CONTEXT = (
    select(_att.c.id, _att.c.status, _att.c.deadline_at, _opening.c.job_profile)
    .select_from(_candidate_of_session.join(_opening, _opening.c.id == _inv.c.opening_id)
                 .outerjoin(_att, _att.c.invitation_id == _inv.c.id))
    .where(*_live_session)
    .order_by(_inv.c.created_at.desc())
    .limit(1)
)


class Context(NamedTuple):
    attempt_id: int
    deadline_at: datetime
    job_profile: str


class Upsert(NamedTuple):
    statement: Any
    sql: str | None  # PostgreSQL: the statement compiled once, run on the driver connection
    constants: dict[str, Any]  # the compiled statement's own parameters ('in_progress', ...)


_contexts: dict[str, Context] = {}  # login-session token hash -> context
_upserts: dict[tuple[str, bool], Upsert] = {}
_autocommit_engines: dict[Engine, Engine] = {}


def valid_seq(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_SEQ


def seconds_left(deadline: datetime, now: datetime) -> int:
    return max(0, math.ceil((deadline - now).total_seconds()))


def overdue(deadline: datetime, now: datetime) -> bool:
    return now > deadline + timedelta(seconds=GRACE_SECONDS)


def upsert_answer(conn: Connection, attempt_id: int, item_id: str, value: Any, seq: int,
                  elapsed: int | None, now: datetime, token_hash: str | None = None) -> bool:
    """Insert, or update only if `seq` is newer than the stored one, and only while the
    attempt is in progress and within time (and, given `token_hash`, while that login
    session is a live one of the attempt's candidate) — one atomic statement, so two
    racing tabs cannot both win and a save racing the submit cannot land after it.
    True when the row was written.

    On PostgreSQL the statement, built and compiled once by SQLAlchemy, runs on the pooled
    psycopg connection itself: it is most of the web tier's work during a sitting, and a
    Core execution's per-call bookkeeping costs about a fifth of an autosave under load
    (bench/bench_load.py)."""
    params = {"attempt_id": attempt_id, "item_id": item_id, "value": value, "client_seq": seq,
              "elapsed_ms": elapsed, "saved_at": now,
              "cutoff": now - timedelta(seconds=GRACE_SECONDS)}
    if token_hash is not None:
        params.update(token_hash=token_hash, now=now)
    upsert = _upsert_for(conn.dialect, token_hash is not None)
    if upsert.sql is None:
        return conn.execute(upsert.statement, params).first() is not None
    params = upsert.constants | params | {"value": json.dumps(value)}
    cursor = conn.connection.driver_connection.execute(upsert.sql, params, prepare=True)
    return cursor.fetchone() is not None


def _upsert_for(dialect: Dialect, check_session: bool) -> Upsert:
    key = (dialect.name, check_session)
    if key not in _upserts:
        attempt_id = bindparam("attempt_id", type_=Integer)
        open_attempt = (_att.c.id == attempt_id, _att.c.status == "in_progress",
                        _att.c.deadline_at >= bindparam("cutoff", type_=DateTime))
        guard = exists().where(*open_attempt)
        if check_session:
            guard = (exists().select_from(_candidate_of_session.join(
                _att, _att.c.invitation_id == _inv.c.id)).where(*open_attempt, *_live_session))
        source = select(
            attempt_id, bindparam("item_id", type_=String), bindparam("value", type_=JSON),
            bindparam("client_seq", type_=Integer), bindparam("elapsed_ms", type_=Integer),
            bindparam("saved_at", type_=DateTime),
        ).where(guard)
        insert = pg_insert if dialect.name == "postgresql" else sqlite_insert
        stmt = insert(_resp).from_select(
            ["attempt_id", "item_id", "value", "client_seq", "elapsed_ms", "saved_at"], source)
        stmt = stmt.on_conflict_do_update(
            index_elements=[_resp.c.attempt_id, _resp.c.item_id],
            set_={"value": stmt.excluded.value, "client_seq": stmt.excluded.client_seq,
                  "saved_at": stmt.excluded.saved_at,
                  "elapsed_ms": func.coalesce(stmt.excluded.elapsed_ms, _resp.c.elapsed_ms)},
            where=_resp.c.client_seq < stmt.excluded.client_seq,
        ).returning(_resp.c.id)
        if dialect.name == "postgresql":
            compiled = stmt.compile(dialect=dialect)
            constants = {k: v for k, v in compiled.params.items() if v is not None}
            _upserts[key] = Upsert(stmt, compiled.string, constants)
        else:
            _upserts[key] = Upsert(stmt, None, {})
    return _upserts[key]


@contextmanager
def _connection() -> Iterator[Connection]:
    """The connection a save runs on, outside the ORM session. On PostgreSQL it is in
    autocommit: the read needs no transaction and the guarded upsert is atomic on its
    own, so a save costs no BEGIN or COMMIT round trip. Elsewhere (SQLite, a local file:
    no round trips to save) it is a plain transaction. When the app is bound to a
    connection inside an outer transaction, as in most tests, that one is used."""
    bind = db.engine
    if not isinstance(bind, Engine):
        yield bind
    elif bind.dialect.name == "postgresql":
        with _autocommit_engine(bind).connect() as conn:
            yield conn
    else:
        with bind.connect() as conn:
            with write_transactions():  # this transaction will write: BEGIN IMMEDIATE
                transaction = conn.begin()  # (only this one; the ORM's reads stay deferred)
            with transaction:
                yield conn


def _autocommit_engine(bind: Engine) -> Engine:
    """A small pool of its own whose connections stay in autocommit (no isolation level
    switched on every checkout and back on every return)."""
    if bind not in _autocommit_engines:
        _autocommit_engines[bind] = create_engine(
            bind.url, isolation_level="AUTOCOMMIT", pool_reset_on_return=None, pool_size=2)
    return _autocommit_engines[bind]


def _context(conn: Connection, token_hash: str, now: datetime) -> Context | None:
    context = _contexts.get(token_hash)
    if context is None:
        row = conn.execute(
            _CONTEXT, {"token_hash": token_hash, "now": now}).first()
        if row is None or row.id is None or row.status != "in_progress":
            return None
        if len(_contexts) >= CACHE_LIMIT:
            _contexts.clear()
        context = _contexts[token_hash] = Context(row.id, row.deadline_at, row.job_profile)
    return context


def fast_save(login_token: Any, payload: Any) -> dict[str, Any] | None:
    """The JSON answer to an ordinary save, or None when the full path must answer."""
    if not isinstance(login_token, str) or not isinstance(payload, dict):
        return None
    seq, item_id = payload.get("seq"), payload.get("item")
    if not valid_seq(seq) or not isinstance(item_id, str):
        return None
    now, token_hash = utcnow(), hash_token(login_token)
    with _connection() as conn:
        context = _context(conn, token_hash, now)
        if context is None or overdue(context.deadline_at, now):
            return None
        try:
            setup = setup_for(context.job_profile, current_app.config["CATALOG_RECHECK_SECONDS"])
            item = setup.instrument.item(item_id)
            value = ITEM_KINDS[item.kind].validate(item, payload.get("value"))
        except (CatalogError, KeyError, ValueError):
            return None
        elapsed = payload.get("elapsed_ms")
        elapsed = elapsed if isinstance(elapsed, int) and 0 <= elapsed < 10**8 else None
        if not upsert_answer(conn, context.attempt_id, item_id, value, seq, elapsed, now,
                             token_hash):
            _contexts.pop(token_hash, None)
            return None
    return {"saved": True, "stale": False, "remaining": seconds_left(context.deadline_at, now)}
