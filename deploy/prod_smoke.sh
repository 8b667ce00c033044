#!/usr/bin/env bash
# End-to-end check of docs/production.md: PostgreSQL + Redis + gunicorn + a Celery worker
# started from the documented commands; an HR system drives the API with a token; a
# candidate signs in by the invitation link, autosaves and submits through gunicorn;
# the PDF batch is rendered by the Celery worker; a signed webhook is retried until the
# receiver accepts it. Then Redis is stopped mid-sitting and a second candidate still
# autosaves and submits.
#
#   deploy/prod_smoke.sh            (from the repository root; about 1-2 minutes)
#
# Needs PostgreSQL at 127.0.0.1:5432 (trust auth, database `test` to connect to) and a
# redis-server binary. Uses its own database `sa_smoke` (dropped at the end) and its own
# Redis on 127.0.0.1:6391 (stopped at the end). All traffic stays on 127.0.0.1.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv/bin"
export PATH="$VENV:$PATH"
PORT="${SMOKE_PORT:-8871}"
HOOK_PORT="${SMOKE_HOOK_PORT:-8872}"
REDIS_PORT="${SMOKE_REDIS_PORT:-6391}"
DB=sa_smoke
WORK="$(mktemp -d /tmp/sa-smoke.XXXXXX)"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  psql -q -h 127.0.0.1 -d test -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null || true
  if [ -n "${SMOKE_KEEP:-}" ]; then echo "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }

# --- environment, as in docs/production.md "Environment" ---------------------------------
export APP_ENV=production
export FLASK_APP=deploy.wsgi:app
export SECRET_KEY="$(python -c 'import secrets; print(secrets.token_hex(32))')"
export DATABASE_URL="postgresql://127.0.0.1:5432/$DB"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export INSTANCE_PATH="$WORK/instance"
export GUNICORN_BIND="127.0.0.1:$PORT"
export WEB_CONCURRENCY=2
export TRUSTED_PROXIES=0
export WEBHOOK_ALLOW_PRIVATE_NETWORKS=1  # the smoke's webhook receiver runs on this host
mkdir -p "$INSTANCE_PATH"

step "Redis (private instance on :$REDIS_PORT) and PostgreSQL database $DB"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
  --daemonize no >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
PIDS+=("$REDIS_PID")
psql -q -h 127.0.0.1 -d test -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
psql -q -h 127.0.0.1 -d test -c "CREATE DATABASE $DB" >/dev/null

step "Release: migrations and content (docs: Procfile 'release')"
timeout 120 flask db upgrade heads >"$WORK/migrate.log" 2>&1
timeout 120 flask content load >"$WORK/content.log" 2>&1
flask users create --email hr@smoke.test --name "Smoke Recruiter" --role recruiter \
  --password "smoke-password-123" >/dev/null
TOKEN="$(flask api create-token hr@smoke.test --role recruiter --name smoke)"

step "gunicorn and a Celery worker, from the documented commands"
gunicorn -c deploy/gunicorn.conf.py deploy.wsgi:app >"$WORK/web.log" 2>&1 &
PIDS+=("$!")
celery -A deploy.celery_app:celery worker --loglevel=INFO --concurrency=2 -O fair \
  >"$WORK/worker.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || { cat "$WORK/web.log"; exit 1; }
for _ in $(seq 1 60); do grep -q "ready" "$WORK/worker.log" && break; sleep 0.5; done
grep -q "ready" "$WORK/worker.log" || { cat "$WORK/worker.log"; exit 1; }
echo "web on :$PORT, worker ready"

step "Candidate journey, PDF batch on the worker, signed webhook with a retry"
timeout 240 python - "$PORT" "$TOKEN" "$HOOK_PORT" "$REDIS_PID" "$WORK" <<'PY'
import hashlib, hmac, http.client, io, json, os, re, signal, subprocess, sys, threading, time, zipfile
from http.server import BaseHTTPRequestHandler, HTTPServer

port, token, hook_port, redis_pid, work = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
API = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def call(method, path, body=None, headers=None, cookie=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    h = dict(headers or {})
    if cookie and cookie.get("v"):
        h["Cookie"] = cookie["v"]
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
    conn.request(method, path, body=body, headers=h)
    r = conn.getresponse()
    data = r.read()
    for name, value in r.getheaders():
        if name.lower() == "set-cookie" and value.startswith("session="):
            cookie["v"] = value.split(";", 1)[0]
    conn.close()
    return r.status, dict(r.getheaders()), data


def api(method, path, body=None, expect=(200,)):
    status, _, data = call(method, "/api/v1" + path, body, API)
    assert status in expect, (method, path, status, data[:300])
    return json.loads(data) if data and data[:1] in b"{[" else data


received = []
codes = [503]  # the first delivery fails: the retry must succeed


class Hook(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        received.append((self.headers.get("X-ServiceAcademy-Signature"), body,
                         self.headers.get("X-ServiceAcademy-Delivery")))
        self.send_response(codes.pop(0) if codes else 200)
        self.end_headers()

    def log_message(self, *a):
        pass


hook = HTTPServer(("127.0.0.1", hook_port), Hook)
threading.Thread(target=hook.serve_forever, daemon=True).start()

doc = api("GET", "/openapi.json")
print("OpenAPI", doc["openapi"], len(doc["paths"]), "paths")
sub = api("POST", "/webhooks", {"url": f"http://127.0.0.1:{hook_port}/hook",
                                "events": ["attempt.scored"]}, (201,))
opening = api("POST", "/openings", {"title": "Smoke agent", "job_profile": "contact-center-agent"}, (201,))


def take_test(name, email, on_first_save=None, api_check=True):
    inv = api("POST", f"/openings/{opening['id']}/invitations", {"name": name, "email": email}, (201,))
    path = "/" + inv["link"].split("/", 3)[3]
    jar = {}
    status, _, page = call("GET", path, cookie=jar)
    csrf = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1).decode()
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    status, _, _ = call("POST", path, f"csrf_token={csrf}", form, jar)
    assert status == 302, status
    status, _, page = call("GET", "/candidate/", cookie=jar)
    csrf = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1).decode()
    status, h, _ = call("POST", "/candidate/start", f"csrf_token={csrf}&consent=y", form, jar)
    assert status == 302 and h["Location"].endswith("/candidate/test"), (status, h)
    status, _, page = call("GET", "/candidate/test", cookie=jar)
    meta = re.search(rb'<meta name="csrf-token" content="([^"]+)"', page).group(1).decode()
    items = re.findall(rb'data-item="([^"]+)" data-kind="likert"', page)
    saves = 0
    for seq, item in enumerate(items, start=1):
        if seq == 2 and on_first_save:
            on_first_save()
        status, _, data = call("POST", "/candidate/test/answer",
                               json.dumps({"item": item.decode(), "value": 4, "seq": seq,
                                           "elapsed_ms": 3000}),
                               {"Content-Type": "application/json", "X-CSRFToken": meta}, jar)
        assert status == 200 and json.loads(data)["saved"], (status, data)
        saves += 1
    status, h, _ = call("POST", "/candidate/test/submit", f"csrf_token={meta}", form, jar)
    assert status == 302, status
    if not api_check:  # Redis is down: read the database directly
        out = subprocess.run(["psql", "-tA", "-h", "127.0.0.1", "-d", "sa_smoke", "-c",
                              "SELECT a.status, count(r.id) FROM attempt a JOIN response r "
                              f"ON r.attempt_id = a.id WHERE a.invitation_id = {inv['id']} "
                              "GROUP BY a.status"], check=True, capture_output=True, text=True)
        assert out.stdout.strip() == f"scored|{saves}", out.stdout
        print(f"{name}: {saves} autosaves and the submit went through with Redis down; "
              "attempt scored, every save stored")
        return inv, None
    state = api("GET", f"/invitations/{inv['id']}")
    assert state["attempt"]["status"] == "scored", state
    print(f"{name}: {saves} autosaves through gunicorn, submitted, scored "
          f"({state['score']['recommendation']})")
    return inv, state


inv, state = take_test("Sam Smoke", "sam@smoke.test")

batch = api("POST", f"/openings/{opening['id']}/report-batches", expect=(202,))
deadline = time.time() + 90
while batch["status"] not in ("done", "failed") and time.time() < deadline:
    time.sleep(0.5)
    batch = api("GET", f"/report-batches/{batch['id']}")
assert batch["status"] == "done", batch
archive = api("GET", f"/report-batches/{batch['id']}/archive")
names = zipfile.ZipFile(io.BytesIO(archive)).namelist()
assert names and all(n.endswith(".pdf") for n in names), names
log = open(os.path.join(work, "worker.log")).read()
assert "api.render_report_batch" in log and "succeeded" in log, log[-2000:]
print(f"PDF batch {batch['id']} rendered by the Celery worker: {names}")

# Scoring fires "attempt.scored" by itself; fire one more through the service, so the
# smoke covers signing and the retry whatever the timing.
subprocess.run([sys.executable, "-c", f"""
from deploy.wsgi import app
from app.extensions import db
from app.webhooks import services
with app.app_context():
    services.init_dispatch()
    services.fire("attempt.scored", {{"opening_id": {opening['id']}, "invitation_id": {inv['id']}}})
    db.session.commit()
"""], check=True)
deadline = time.time() + 20
while len(received) < 1 and time.time() < deadline:
    time.sleep(0.2)
assert received, "no webhook delivery arrived"
# The first attempt got 503; the worker retries 30 s later (and the documented sweep,
# `flask webhooks deliver-due`, would pick it up if the worker had died).
def retried_first() -> bool:
    return sum(1 for _, _, d in received if d == received[0][2]) >= 2


deadline = time.time() + 45
while not retried_first() and time.time() < deadline:
    time.sleep(0.5)
if not retried_first():
    subprocess.run(["flask", "webhooks", "deliver-due"], check=True, capture_output=True)
    time.sleep(2)
assert len(received) >= 2, received
for signature, body, _ in received:
    expected = "sha256=" + hmac.new(sub["secret"].encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(signature, expected)
first_id = received[0][2]
retried = [body for _, body, delivery in received if delivery == first_id]
assert len(retried) >= 2 and len(set(retried)) == 1  # the retry sends the same signed bytes
print(f"webhook: {len(received)} deliveries, the first retried after a 503 with the same "
      "signed bytes; every signature verified")


def stop_redis():
    os.kill(redis_pid, signal.SIGTERM)
    time.sleep(1)
    print("Redis stopped mid-sitting")


take_test("Rita NoRedis", "rita@smoke.test", on_first_save=stop_redis, api_check=False)
print("SMOKE OK")
PY
