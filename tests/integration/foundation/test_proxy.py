from app import create_app


def _app(proxies: int):
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                       "SQLALCHEMY_BINDS": {"practice": "sqlite://"},
                       "TRUSTED_PROXIES": proxies})


def _remote_addr(app) -> str:
    @app.get("/_ip")
    def ip():
        from flask import request

        return request.remote_addr or ""

    return app.test_client().get(
        "/_ip", headers={"X-Forwarded-For": "203.0.113.9"},
        environ_base={"REMOTE_ADDR": "10.0.0.2"},
    ).get_data(as_text=True)


def test_forwarded_for_is_ignored_without_a_trusted_proxy():
    assert _remote_addr(_app(0)) == "10.0.0.2"


def test_forwarded_for_is_used_behind_one_trusted_proxy():
    assert _remote_addr(_app(1)) == "203.0.113.9"
