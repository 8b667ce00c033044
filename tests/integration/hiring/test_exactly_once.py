"""Exactly once under real concurrency: many simultaneous requests at a real server.

Two set-ups, as deployed: the Flask development server (threaded) on SQLite, which is
what `make run` starts, and gunicorn with 4 sync workers on PostgreSQL. Each test signs
in through the site like a browser, lines up its requests on a barrier so they leave
together, then counts in the database what happened.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, make_url, select, text

from app import create_app
from app.config import normalize_db_url, practice_url_for
from app.content.loader import apply_documents
from app.extensions import db
from app.hiring import services
from app.hiring.models import Attempt
from app.identity.models import LoginSession
from app.identity.services import create_user
from app.webhooks.models import WebhookDelivery, WebhookSubscription
from tests.fixtures.app import ROOT, migrate_to_head

VENV = ROOT / ".venv" / "bin"
PORTS = {"sqlite": 5101, "postgresql": 5102}
CSRF_FIELD = re.compile(rb'name="csrf_token" type="hidden" value="([^"]+)"')


@dataclass
class Server:
    url: str  # the database
    port: int


def _free(port: int) -> int:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            pytest.skip(f"port {port} is in use")
    return port


def _wait_for(port: int, proc: subprocess.Popen, timeout: float = 40) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        try:
            status, _, _ = _call(port, "GET", "/healthz")
            if status in (200, 404):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answers on port {port}")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    """A migrated, empty database of its own and a real server on it."""
    base = os.environ.get("TEST_DATABASE_URL", "")
    kind = request.param
    admin = None
    if kind == "sqlite":
        if base.startswith("postgresql"):
            pytest.skip("the SQLite server is tested in the SQLite run")
        url = f"sqlite:///{tmp_path / 'once.db'}"
    else:
        if not base.startswith("postgresql"):
            pytest.skip("TEST_DATABASE_URL is not PostgreSQL")
        name = f"sa_once_{secrets.token_hex(4)}"
        admin = create_engine(make_url(normalize_db_url(base)), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(normalize_db_url(base)).set(database=name).render_as_string(
            hide_password=False)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url,
                      "SQLALCHEMY_BINDS": {"practice": practice_url_for(url)},
                      "CONTENT_ROOT": str(ROOT), "PASSWORD_HASH_FAST": True})
    migrate_to_head(app)
    with app.app_context():
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()
    port = _free(PORTS[kind])
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "FLASK_APP")}
    env.update(DATABASE_URL=url, SECRET_KEY=secrets.token_hex(32), PYTHONPATH=str(ROOT),
               INSTANCE_PATH=str(tmp_path / "instance"), CONTENT_ROOT=str(ROOT))
    if kind == "sqlite":  # what `make run` starts
        env.update(APP_ENV="development", FLASK_APP="app:create_app")
        cmd = [str(VENV / "flask"), "run", "--host", "127.0.0.1", "--port", str(port),
               "--with-threads"]
    else:
        env.update(APP_ENV="production")
        cmd = [str(VENV / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
               "-w", "4", "-b", f"127.0.0.1:{port}", "--log-level", "warning",
               "deploy.wsgi:app"]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(port, proc)
        yield Server(url, port)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            _, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            _, err = proc.communicate()
        assert b"Traceback" not in (err or b""), err.decode(errors="replace")[-3000:]
        if admin is not None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def _call(port: int, method: str, path: str, body: bytes = b"",
          headers: dict[str, str] | None = None, ip: str = "127.0.0.1",
          ) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(ip, 0))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        answer = conn.getresponse()
        cookies = [v for k, v in answer.getheaders() if k.lower() == "set-cookie"]
        session = [c.split(";", 1)[0] for c in cookies if c.startswith("session=")]
        found = {"cookie": session[-1]} if session else {}
        return answer.status, found, answer.read()
    finally:
        conn.close()


class Browser:
    """One cookie jar (the session cookie is all the site sets) and its own address
    (the per-address rate limits stay out of the way)."""

    def __init__(self, port: int, ip: str = "127.0.0.1") -> None:
        self.port, self.ip, self.cookie = port, ip, ""

    def get(self, path: str) -> tuple[int, bytes]:
        status, found, body = _call(self.port, "GET", path, headers=self._headers(), ip=self.ip)
        self.cookie = found.get("cookie", self.cookie)
        return status, body

    def post_form(self, path: str, csrf: bytes) -> int:
        headers = self._headers() | {"Content-Type": "application/x-www-form-urlencoded"}
        status, found, _ = _call(self.port, "POST", path, b"csrf_token=" + csrf, headers,
                                 self.ip)
        self.cookie = found.get("cookie", self.cookie)
        return status

    def _headers(self) -> dict[str, str]:
        return {"Cookie": self.cookie} if self.cookie else {}


def _all_at_once(n: int, prepare, fire) -> list:
    """Run `prepare(i)` in n threads, wait until all are ready, then `fire(i, prepared)`
    in all of them at the same moment; the answers in order."""
    barrier, out = threading.Barrier(n), [None] * n

    def run(i: int) -> None:
        ready = prepare(i)
        barrier.wait(timeout=120)
        try:
            out[i] = fire(i, ready)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(180)
    return out


def _world(server: Server, documents: list) -> tuple[str, int, list[int]]:
    """A recruiter with an opening, an invited candidate who has started the test (link
    not yet used), and two
    webhook subscribers who may see the opening's scores."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": server.url,
                      "SQLALCHEMY_BINDS": {"practice": practice_url_for(server.url)},
                      "CONTENT_ROOT": str(ROOT), "PASSWORD_HASH_FAST": True})
    with app.app_context():
        apply_documents(documents, [])
        recruiter = create_user("rec@example.test", "Rec", {"recruiter"}, password="x" * 12)
        boss = create_user("boss@example.test", "Boss", {"admin"}, password="x" * 12)
        opening = services.create_opening(recruiter, "Agent", "contact-center-agent")
        invitation, raw = services.invite_candidate(opening, "Cam", "cam@example.test")
        services.record_consent(invitation, None)
        services.start_attempt(invitation)
        subs = [WebhookSubscription(user_id=u.id, role=role, url="https://hooks.invalid/x",
                                    events=["attempt.scored"], secret="s" * 64)
                for u, role in ((recruiter, "recruiter"), (boss, "admin"))]
        db.session.add_all(subs)
        db.session.commit()
        out = raw, invitation.candidate_id, [s.id for s in subs]
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()
    return out


def _count(url: str, stmt) -> list:
    engine = create_engine(normalize_db_url(url))
    try:
        with engine.connect() as conn:
            return list(conn.execute(stmt).all())
    finally:
        engine.dispose()


def _sign_in(browser: Browser, raw: str) -> None:
    status, page = browser.get(f"/i/{raw}")
    assert status == 200
    assert browser.post_form(f"/i/{raw}", CSRF_FIELD.search(page).group(1)) == 302


def test_fifty_simultaneous_submits_finish_and_score_once(server, shipped_documents):
    raw, _, subscriptions = _world(server, shipped_documents)
    browser = Browser(server.port)
    _sign_in(browser, raw)
    status, page = browser.get("/candidate/test")
    assert status == 200
    csrf = CSRF_FIELD.search(page).group(1)

    answers = _all_at_once(
        50, lambda i: None,
        lambda i, _: _call(server.port, "POST", "/candidate/test/submit", b"csrf_token=" + csrf,
                           {"Cookie": browser.cookie,
                            "Content-Type": "application/x-www-form-urlencoded"})[0])

    assert answers == [302] * 50
    (attempt,) = _count(server.url, select(Attempt.status, Attempt.end_reason,
                                           Attempt.scored_at))
    assert attempt.status == "scored" and attempt.end_reason == "submitted"
    deliveries = _count(server.url, select(WebhookDelivery.subscription_id, func.count())
                        .where(WebhookDelivery.event == "attempt.scored")
                        .group_by(WebhookDelivery.subscription_id))
    assert sorted(deliveries) == [(s, 1) for s in sorted(subscriptions)]


def test_twenty_simultaneous_redemptions_of_one_link_open_one_session(server, shipped_documents):  # noqa: E501
    raw, candidate_id, _ = _world(server, shipped_documents)
    browsers = [Browser(server.port, f"127.0.1.{i + 1}") for i in range(20)]

    def prepare(i: int) -> bytes:
        status, page = browsers[i].get(f"/i/{raw}")
        assert status == 200
        return CSRF_FIELD.search(page).group(1)

    answers = _all_at_once(20, prepare, lambda i, csrf: browsers[i].post_form(f"/i/{raw}", csrf))

    assert sorted(answers) == [302] + [410] * 19
    sessions = _count(server.url, select(func.count()).select_from(LoginSession)
                      .where(LoginSession.user_id == candidate_id))
    assert sessions == [(1,)]
    working = [b for b in browsers if b.get("/candidate/test")[0] == 200]
    assert len(working) == 1
