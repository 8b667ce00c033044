"""The one permission helper, and the security headers every response carries.

Views use `require_role(...)` for the role check and `get_or_404_for(user, Model, id)`
for the object check. A model opts into object checks with `visible_to(user) -> bool`.
An object the user may not see answers 404, so ids reveal nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, abort, request
from flask_login import current_user, login_required

from app import audit
from app.extensions import db

T = TypeVar("T")

def email_rate_key() -> str:
    """Rate-limit key for forms that e-mail an address: counted per address, from any
    client, so spreading requests over many clients does not flood one inbox."""
    return "address:" + request.form.get("email", "").strip().lower()


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    # same-origin keeps the Referer that Flask-WTF checks on HTTPS, and leaks no URL
    # (such as an invitation link) to other sites.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def require_role(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Allow the view only to signed-in users holding one of `roles` (403 otherwise)."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.has_role(*roles):
                audit.record("denied", f"needs role {'/'.join(roles)}", commit=True)
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_roles = roles  # read by the access-matrix test
        return wrapped

    return decorator


def get_or_404_for(user: Any, model: type[T], ident: Any) -> T:
    """Load `model` by primary key if `user` may see it; 404 if missing or not theirs."""
    obj = db.session.get(model, ident)
    if obj is None:
        abort(404)
    if not obj.visible_to(user):
        audit.record("denied", f"{model.__name__} {ident}", commit=True)
        abort(404)
    return obj


def init_security(app: Flask) -> None:
    @app.after_request
    def add_security_headers(response):
        """Add each header the view did not set (one pass over the headers: this runs on
        every autosave)."""
        present = {name.lower() for name, _ in response.headers}
        response.headers.extend(
            [(name, value) for name, value in SECURITY_HEADERS.items()
             if name.lower() not in present])
        if (request.endpoint and not request.endpoint.startswith("static")
                and "cache-control" not in present):
            response.headers["Cache-Control"] = "no-store"
        return response
