"""Acceptance: the app as `flask run` starts it, with MAIL_SERVER pointing at a real SMTP
server; an invitation created through the API reaches the candidate within 15 s, and the
link in it opens the invitation on that server."""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import subprocess
import time

from aiosmtpd.controller import Controller

from app import create_app
from app.api import services as api_services
from app.config import practice_url_for
from app.content.loader import apply_documents
from app.extensions import db
from app.identity.services import create_user
from tests.fixtures.app import ROOT, migrate_to_head
from tests.integration.mail.conftest import Collect

SMTP_PORT, WEB_PORT = 5126, 5127


def _call(method: str, path: str, body: dict | None = None, token: str = ""):
    conn = http.client.HTTPConnection("127.0.0.1", WEB_PORT, timeout=30)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        conn.request(method, path, body=json.dumps(body) if body is not None else None,
                     headers=headers)
        answer = conn.getresponse()
        return answer.status, answer.read()
    finally:
        conn.close()


def _prepare(url: str, documents) -> str:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url,
                      "SQLALCHEMY_BINDS": {"practice": practice_url_for(url)},
                      "CONTENT_ROOT": str(ROOT), "PASSWORD_HASH_FAST": True})
    migrate_to_head(app)
    with app.app_context():
        apply_documents(documents, [])
        recruiter = create_user("rita@example.test", "Rita Recruiter", {"recruiter"},
                                password="x" * 12)
        _, raw = api_services.create_token(recruiter, "ats", "recruiter")
        db.session.commit()
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()
    return raw


def test_flask_run_mails_an_api_invitation_with_a_working_link(tmp_path, shipped_documents):
    url = f"sqlite:///{tmp_path / 'accept.db'}"
    token = _prepare(url, shipped_documents)
    handler = Collect()
    smtp = Controller(handler, hostname="127.0.0.1", port=SMTP_PORT)
    smtp.start()
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "TEST_DATABASE_URL")}
    env.update(DATABASE_URL=url, SECRET_KEY=secrets.token_hex(32), APP_ENV="development",
               FLASK_APP="app:create_app", INSTANCE_PATH=str(tmp_path / "instance"),
               CONTENT_ROOT=str(ROOT), MAIL_SERVER="127.0.0.1", MAIL_PORT=str(SMTP_PORT),
               MAIL_USE_TLS="0", PUBLIC_BASE_URL=f"http://127.0.0.1:{WEB_PORT}")
    proc = subprocess.Popen([str(ROOT / ".venv" / "bin" / "flask"), "run", "--host", "127.0.0.1",
                             "--port", str(WEB_PORT)], env=env, cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 40
        while True:
            try:
                if _call("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        status, body = _call("POST", "/api/v1/openings", {"title": "Chat agent",
                             "job_profile": "contact-center-agent"}, token)
        assert status == 201, body
        opening_id = json.loads(body)["id"]
        created = time.monotonic()
        status, body = _call("POST", f"/api/v1/openings/{opening_id}/invitations",
                             {"name": "Cleo Candidate", "email": "cleo@example.test"}, token)
        assert status == 201, body
        while not handler.messages and time.monotonic() - created < 15:
            time.sleep(0.1)
        assert handler.messages, "no message within 15 s"
        [message] = handler.messages
        assert message["To"] == "Cleo Candidate <cleo@example.test>"
        text = message.get_body(("plain",)).get_content()
        link = re.search(r"http://127\.0\.0\.1:\d+(/i/[\w\-]+)", text).group(1)
        status, page = _call("GET", link)
        assert status == 200 and b"Cleo Candidate" in page
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
        smtp.stop()
    assert b"Traceback" not in (err or b""), err.decode(errors="replace")[-3000:]
