"""Extension objects, created once and bound to the app in create_app."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, request
from flask.typing import ResponseReturnValue
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_sqlalchemy.session import Session as _FlaskSession
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.exc import OperationalError, PendingRollbackError

from app.orm import Base, writing

after_commit_hooks: list[Callable[[_FlaskSession], None]] = []


class Session(_FlaskSession):
    """Runs `after_commit_hooks` once a commit has returned, when the session may open a
    new transaction (SQLAlchemy's own after_commit event may not emit SQL)."""

    def commit(self) -> None:
        super().commit()
        for hook in after_commit_hooks:
            hook(self)


db = SQLAlchemy(model_class=Base, session_options={"join_transaction_mode": "create_savepoint",
                                                   "class_": Session})
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def _locked(exc: Exception) -> bool:
    return "database is locked" in str(exc)


class App(Flask):
    def dispatch_request(self) -> ResponseReturnValue:
        """A GET begins SQLite transactions deferred (reads need no lock). One that also
        writes (an audit row for what a supervisor viewed, a lesson marked as seen) fails
        with "database is locked" when another connection committed after it read; such a
        request runs once more with IMMEDIATE transactions. Its transaction was rolled
        back whole, and what it had committed before is idempotent (exactly-once
        transitions), so nothing happens twice."""
        try:
            return super().dispatch_request()
        except (OperationalError, PendingRollbackError) as exc:
            if writing.get() or request.method not in ("GET", "HEAD") or not _locked(exc):
                raise
        db.session.rollback()
        writing.set(True)
        return super().dispatch_request()


def init_extensions(app: Flask) -> None:
    @app.before_request
    def _writing_requests_take_the_write_lock_first() -> None:
        """A POST (PUT, PATCH, DELETE) may write: on SQLite its transactions begin
        IMMEDIATE. A GET only reads (see app.orm.writing). Autosave's fast path manages
        its own connection and transaction (app.hiring.autosave); its full path turns
        writing on itself."""
        writing.set(request.method not in ("GET", "HEAD", "OPTIONS")
                    and request.endpoint != "hiring.save_answer")

    @app.teardown_request
    def _writing_ends_with_the_request(_exc: BaseException | None) -> None:
        """The flag lives in the caller's context (a test client shares it): reset it."""
        writing.set(False)

    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://")
    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "identity.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
