"""Webhooks: signed bodies, retries with doubling backoff, scoped audiences."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from app.extensions import db
from app.identity import services as identity
from app.webhooks import services as webhooks
from app.webhooks.models import WebhookDelivery


class Receiver:
    """A local HTTP endpoint that answers with the queued status codes."""

    def __init__(self, codes: list[int]) -> None:
        self.codes, self.received, self.location = list(codes), [], None
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.received.append((self.headers, body))
                self.send_response(receiver.codes.pop(0) if receiver.codes else 200)
                if receiver.location:
                    self.send_header("Location", receiver.location)
                self.end_headers()

            do_GET = do_POST  # noqa: N815 - a followed redirect would arrive as a GET

            def log_message(self, *args: object) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver():
    made = []

    def make(codes=()):
        made.append(Receiver(list(codes)))
        return made[-1]

    yield make
    for r in made:
        r.server.shutdown()
        r.server.server_close()


def test_signature_verifies_with_the_secret_only():
    sig = webhooks.sign("s3cret", b'{"a":1}')
    assert sig.startswith("sha256=") and webhooks.verify("s3cret", b'{"a":1}', sig)
    assert not webhooks.verify("other", b'{"a":1}', sig)
    assert not webhooks.verify("s3cret", b'{"a":2}', sig)


def test_backoff_doubles():
    assert [webhooks.backoff_seconds(n) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]


def test_a_failed_delivery_is_retried_with_the_same_signed_body(users, opening, receiver):
    hook = receiver([500, 503])
    sub = webhooks.subscribe(users["recruiter"].id, "recruiter", hook.url, ["attempt.scored"])
    [delivery] = webhooks.fire("attempt.scored", {"opening_id": opening.id, "invitation_id": 7})
    db.session.commit()
    assert webhooks.deliver_due() == 1
    assert delivery.status == "pending" and delivery.attempts == 1
    assert delivery.last_status_code == 500
    first_wait = delivery.next_attempt_at - delivery.created_at
    assert timedelta(seconds=29) < first_wait < timedelta(seconds=32)
    assert webhooks.deliver_due() == 0  # not due yet
    for _ in range(2):
        delivery.next_attempt_at -= timedelta(hours=1)
        db.session.commit()
        webhooks.deliver_due()
    assert delivery.status == "delivered" and delivery.attempts == 3
    bodies = {body for _, body in hook.received}
    assert len(hook.received) == 3 and len(bodies) == 1
    headers, body = hook.received[-1]
    assert webhooks.verify(sub.secret, body, headers["X-ServiceAcademy-Signature"])
    assert headers["X-ServiceAcademy-Event"] == "attempt.scored"
    assert json.loads(body)["data"] == {"opening_id": opening.id, "invitation_id": 7}


def test_a_delivery_gives_up_after_the_last_attempt(users, opening, receiver):
    hook = receiver([500] * 20)
    webhooks.subscribe(users["recruiter"].id, "recruiter", hook.url, ["attempt.scored"])
    [delivery] = webhooks.fire("attempt.scored", {"opening_id": opening.id})
    for _ in range(webhooks.MAX_ATTEMPTS + 2):
        delivery.next_attempt_at = delivery.created_at - timedelta(hours=1)
        db.session.commit()
        webhooks.deliver_due()
    assert delivery.status == "failed" and delivery.attempts == webhooks.MAX_ATTEMPTS


def test_events_reach_only_subscribers_allowed_to_see_them(users, opening, create_user):
    other = create_user("recruiter")
    sup = create_user("supervisor")
    employee = create_user("employee", team=identity.create_team("T1", sup))
    mine = webhooks.subscribe(users["recruiter"].id, "recruiter", "https://a.test/h",
                              ["attempt.scored", "training.completed"])
    webhooks.subscribe(other.id, "recruiter", "https://b.test/h", ["attempt.scored"])
    admin = webhooks.subscribe(users["admin"].id, "admin", "https://c.test/h",
                               ["attempt.scored"])
    team = webhooks.subscribe(sup.id, "supervisor", "https://d.test/h", ["training.completed"])
    scored = webhooks.fire("attempt.scored", {"opening_id": opening.id})
    assert {d.subscription_id for d in scored} == {mine.id, admin.id}
    done = webhooks.fire("training.completed", {"user_id": employee.id, "course": "x"})
    assert {d.subscription_id for d in done} == {team.id}
    assert db.session.query(WebhookDelivery).count() == 3


def test_subscribing_checks_url_and_events(users):
    with pytest.raises(webhooks.WebhookError) as exc:
        webhooks.subscribe(users["admin"].id, "admin", "ftp://x", ["attempt.scored"])
    assert exc.value.field == "url"
    with pytest.raises(webhooks.WebhookError) as exc:
        webhooks.subscribe(users["admin"].id, "admin", "https://x.test", ["nope"])
    assert exc.value.field == "events"


def test_webhooks_over_the_api(client, users, auth):
    h = auth(users["recruiter"])
    r = client.post("/api/v1/webhooks", headers=h,
                    json={"url": "https://ats.test/hook", "events": ["attempt.scored"]})
    assert r.status_code == 201 and len(r.get_json()["secret"]) == 64
    hook_id = r.get_json()["id"]
    listed = client.get("/api/v1/webhooks", headers=h).get_json()["webhooks"]
    assert listed[0]["id"] == hook_id and "secret" not in listed[0]
    r = client.post("/api/v1/webhooks", headers=h, json={"url": "x", "events": []})
    assert r.status_code == 422 and r.get_json()["error"]["field"] == "url"
    assert client.delete(f"/api/v1/webhooks/{hook_id}", headers=auth(users["admin"])
                         ).status_code == 404
    assert client.delete(f"/api/v1/webhooks/{hook_id}", headers=h).status_code == 204


@pytest.fixture
def public_only(app):
    app.config["WEBHOOK_ALLOW_PRIVATE_NETWORKS"] = False
    yield
    app.config["WEBHOOK_ALLOW_PRIVATE_NETWORKS"] = True


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/hook",
    "http://169.254.169.254/latest/meta-data", "http://[::1]/hook",
    "http://[::ffff:192.168.0.1]/hook",
])
def test_webhooks_may_not_target_the_local_network(users, public_only, url):
    with pytest.raises(webhooks.WebhookError, match="private or local") as refused:
        webhooks.subscribe(users["recruiter"].id, "recruiter", url, ["attempt.scored"])
    assert refused.value.field == "url"


def test_a_target_that_turned_private_is_not_contacted(users, opening, receiver, public_only):
    hook = receiver()
    sub = webhooks.WebhookSubscription(user_id=users["recruiter"].id, role="recruiter",
                                       url=hook.url, events=["attempt.scored"], secret="s")
    db.session.add(sub)  # as if its name had pointed elsewhere when it was made
    [delivery] = webhooks.fire("attempt.scored", {"opening_id": opening.id, "invitation_id": 7})
    db.session.commit()
    webhooks.deliver_due()
    assert hook.received == []
    assert delivery.status == "pending" and "private or local" in delivery.last_error


def test_redirects_are_not_followed(users, opening, receiver):
    target, hook = receiver(), receiver([302])
    hook.location = target.url
    webhooks.subscribe(users["recruiter"].id, "recruiter", hook.url, ["attempt.scored"])
    [delivery] = webhooks.fire("attempt.scored", {"opening_id": opening.id, "invitation_id": 7})
    db.session.commit()
    webhooks.deliver_due()
    assert target.received == [] and delivery.last_status_code == 302
