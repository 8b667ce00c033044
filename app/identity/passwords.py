"""Argon2id password hashing; one hasher for the whole app."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

_STANDARD = PasswordHasher()
# Tests hash hundreds of passwords; the cheap profile keeps them fast and is never
# selected outside TESTING.
_FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
_DUMMY_HASH = _STANDARD.hash("not-a-real-password-used-for-timing")


def _hasher() -> PasswordHasher:
    fast = current_app.config.get("TESTING") and current_app.config.get("PASSWORD_HASH_FAST")
    return _FAST if fast else _STANDARD


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Constant-ish work whether or not the user exists (no user enumeration by timing)."""
    try:
        return _hasher().verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False
