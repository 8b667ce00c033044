"""Token authentication for the API. Session cookies are never read here: a request
is authenticated by `Authorization: Bearer <token>` only, so CSRF does not apply."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import g, request

from app.api.errors import ApiError
from app.api.services import authenticate_token
from app.extensions import db


class ScopedUser:
    """The token's user, seen through the token's one role (a recruiter+admin account
    with a recruiter token acts as a recruiter only)."""

    is_authenticated = True
    is_active = True
    is_anonymous = False

    def __init__(self, user: Any, role: str) -> None:
        self.user, self.id, self.name, self.email = user, user.id, user.name, user.email
        self.role, self.roles = role, frozenset({role})

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def get_id(self) -> None:
        return None


def token_required(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Allow the view only to a valid API token whose role is one of `roles`."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            header = request.headers.get("Authorization", "")
            scheme, _, raw = header.partition(" ")
            if scheme.lower() != "bearer" or not raw.strip():
                raise ApiError("Send an API token in the header 'Authorization: Bearer <token>'.",
                               "Authorization", 401)
            token = authenticate_token(raw.strip())
            if token is None:
                raise ApiError("The API token is unknown, revoked, or its user lost the role.",
                               "Authorization", 401)
            if db.session.is_modified(token):
                db.session.commit()
            scoped = ScopedUser(token.user, token.role)
            g._login_user = scoped  # audit rows name the token's user; no session is loaded
            g.api_user = scoped
            if token.role not in roles:
                raise ApiError(f"This endpoint needs a token with the role {' or '.join(roles)}.",
                               "Authorization", 403)
            return view(*args, **kwargs)

        wrapped.token_roles = roles
        return wrapped

    return decorator
