"""`flask practice score-replies FILE`: JSON Lines in, one scored JSON line out per input."""

import json
import sys

import click
from flask.cli import AppGroup

from app.replies import score_reply

practice_cli = AppGroup("practice", help="Practice tools.")
_TEXT = ("channel", "customer_name", "message")
_OPTIONAL_TEXT = ("purchase",)
_LISTS = ("key_facts", "must_disclose", "must_not", "jargon")
_CHANNELS = {"phone", "chat", "email", "fax"}


def _check(record: object) -> str | None:
    """Return "field: message" for a line that cannot be scored, else None."""
    if not isinstance(record, dict):
        return "line: not a JSON object"
    if not isinstance(record.get("reply"), str):
        return "reply: must be a string"
    contact = record.get("contact")
    if not isinstance(contact, dict):
        return "contact: must be an object"
    for name in _TEXT:
        if not isinstance(contact.get(name), str):
            return f"contact.{name}: must be a string"
    for name in _OPTIONAL_TEXT:
        if contact.get(name) is not None and not isinstance(contact[name], str):
            return f"contact.{name}: must be a string"
    if contact["channel"] not in _CHANNELS:
        return "contact.channel: must be one of chat, email, fax, phone"
    for name in _LISTS:
        value = contact.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"contact.{name}: must be a list of strings"
    if not contact.get("key_facts"):
        return "contact.key_facts: must not be empty"
    return None


def score_line(line: str) -> tuple[dict, bool]:
    if not line.strip():
        return {"id": None, "error": "line: empty"}, False
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"line: invalid JSON ({exc.msg})"}, False
    record_id = record.get("id") if isinstance(record, dict) else None
    error = _check(record)
    if error:
        return {"id": record_id, "error": error}, False
    try:
        result = score_reply(record["contact"], record["reply"])
    except Exception as exc:  # one line's failure must not lose the rest of the file
        return {"id": record_id, "error": f"reply: could not be scored ({type(exc).__name__})"
                }, False
    return {"id": record_id, "overall": result.overall, "criteria": dict(result.criteria),
            "evidence": dict(result.evidence)}, True


@practice_cli.command("score-replies")
@click.argument("file", type=click.File("r", encoding="utf-8"))
def score_replies(file) -> None:
    """Score each JSON line of FILE (a path or -) and print one JSON line per input."""
    failed = False
    for line in file:
        out, ok = score_line(line)
        failed |= not ok
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    if failed:
        sys.exit(1)
