"""The ceiling for bench_load.py: a bare Flask + psycopg endpoint that upserts one answer
row with the same "newer sequence wins" rule, and nothing else (no session, CSRF, ORM).

    BARE_DATABASE_URL=postgresql://127.0.0.1:5432/sa_bench \\
        gunicorn -w 2 --chdir bench bare_autosave:app
"""

from __future__ import annotations

import os

import psycopg
from flask import Flask, jsonify, request

app = Flask(__name__)
_conn: psycopg.Connection | None = None

UPSERT = """
INSERT INTO bare_response (attempt_id, item_id, value, client_seq, saved_at)
VALUES (%s, %s, %s, %s, now())
ON CONFLICT (attempt_id, item_id) DO UPDATE
SET value = excluded.value, client_seq = excluded.client_seq, saved_at = excluded.saved_at
WHERE bare_response.client_seq < excluded.client_seq
"""
SCHEMA = """
CREATE TABLE IF NOT EXISTS bare_response (
    attempt_id integer NOT NULL, item_id varchar(80) NOT NULL, value text NOT NULL,
    client_seq integer NOT NULL, saved_at timestamp NOT NULL,
    PRIMARY KEY (attempt_id, item_id))
"""


def connection() -> psycopg.Connection:
    global _conn  # noqa: PLW0603 - one connection per worker process
    if _conn is None or _conn.closed:
        _conn = psycopg.connect(os.environ["BARE_DATABASE_URL"])
    return _conn


@app.post("/save")
def save():
    p = request.get_json()
    conn = connection()
    with conn.cursor() as cur:
        cur.execute(UPSERT, (int(p["attempt"]), str(p["item"]), str(p["value"]), int(p["seq"])))
        applied = cur.rowcount == 1
    conn.commit()
    return jsonify(saved=applied)
