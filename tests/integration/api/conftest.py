"""API fixtures: a token factory and a way to finish a candidate's attempt."""

import pytest

from app.api import services
from app.extensions import db
from app.hiring import services as hiring


@pytest.fixture
def token_for(app):
    """Raw API token for `user` acting as `role` (default: the user's first API role)."""

    def make(user, role=None):
        _, raw = services.create_token(user, "test", role or services.token_roles_for(user)[0])
        db.session.commit()
        return raw

    return make


@pytest.fixture
def auth(token_for):
    def headers(user, role=None):
        return {"Authorization": f"Bearer {token_for(user, role)}"}

    return headers


@pytest.fixture
def scored(started):
    """A submitted and scored attempt (no answers: the hurdle says incomplete)."""
    hiring.submit_attempt(started)
    db.session.commit()
    return started
