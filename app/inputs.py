"""Rules every request's input passes before a view reads it, whichever slice it is for.

- JSON is nested at most MAX_JSON_DEPTH deep, checked on the raw bytes before parsing
  (Python's parser recurses once per level: 50,000 nested arrays end in RecursionError).
- Text holds no NUL or other control character (tab, line feed and carriage return
  aside): PostgreSQL refuses NUL outright and the others are never typed by a person.
  `control_character` is the one rule; the request hook applies it to query strings and
  form fields, the JSON provider to every string of a JSON body, the API schema to its
  text fields.

A refusal is an `InputError`: 400 naming the field.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from flask import Flask, jsonify, render_template, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import BadRequest

MAX_JSON_DEPTH = 32
CONTROL = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_CONTROL = re.compile(f"[{CONTROL}]")
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
# A JSON body can only carry a control character as a \u00XX escape, a raw DEL, or a
# UTF-8 encoded C1 character (0xC2 0x80-0x9F): the parser refuses raw C0 characters.
_MAYBE_CONTROL = re.compile(rb"\\u00|\x7f|\xc2[\x80-\x9f]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class InputError(BadRequest):
    def __init__(self, message: str, field: str | None) -> None:
        super().__init__(message)
        self.field = field


def control_character(text: str) -> str | None:
    """The message for text holding a control character, or None when it holds none."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    return f"must not contain control characters (found U+{ord(found.group()):04X})"


def json_depth(data: bytes) -> int:
    """How deep the arrays and objects of a JSON text nest (brackets in strings aside)."""
    if data.count(b"[") + data.count(b"{") <= MAX_JSON_DEPTH:
        return 0  # too few brackets to nest too deep: the usual case costs two counts
    codes = np.frombuffer(_JSON_STRING.sub(b'""', data), dtype=np.uint8)
    steps = ((codes == ord("[")) | (codes == ord("{"))).astype(np.int32)
    steps -= ((codes == ord("]")) | (codes == ord("}"))).astype(np.int32)
    return int(np.cumsum(steps).max(initial=0))


def _first_control_string(value: Any, path: str) -> tuple[str, str] | None:
    if isinstance(value, str):
        message = control_character(value)
        return (path or "body", message) if message else None
    items = value.items() if isinstance(value, dict) else (
        enumerate(value) if isinstance(value, list) else ())
    for key, child in items:
        where = f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else key)
        if isinstance(key, str) and control_character(key):
            return where, "names must not contain control characters"
        found = _first_control_string(child, where)
        if found:
            return found
    return None


class CheckedJSONProvider(DefaultJSONProvider):
    """Flask's JSON provider, refusing deep nesting before parsing and control
    characters in strings after it."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        raw = s.encode("utf-8", "surrogatepass") if isinstance(s, str) else s
        if json_depth(raw) > MAX_JSON_DEPTH:
            raise InputError(f"The JSON body nests deeper than {MAX_JSON_DEPTH} levels.", "body")
        value = super().loads(s, **kwargs)
        if _MAYBE_CONTROL.search(raw):
            found = _first_control_string(value, "")
            if found:
                raise InputError(f"'{found[0]}' {found[1]}.", found[0])
        return value


def _refuse_control_characters() -> None:
    fields = list(request.args.items(multi=True))
    if request.mimetype in FORM_TYPES:
        fields += request.form.items(multi=True)
    for name, value in fields:
        message = control_character(value) or control_character(name)
        if message:
            raise InputError(f"'{name}' {message}.", name)


def _input_error(exc: InputError):
    if request.is_json or request.accept_mimetypes.best == "application/json":
        return jsonify(error={"message": exc.description, "field": exc.field}), 400
    return render_template("errors/error.html", code=400, title="Not accepted",
                           message=exc.description), 400


def init_app(app: Flask) -> None:
    app.json_provider_class = CheckedJSONProvider
    app.json = CheckedJSONProvider(app)
    app.before_request(_refuse_control_characters)
    app.register_error_handler(InputError, _input_error)
