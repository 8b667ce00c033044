"""Site-wide web plumbing: the home redirect, error pages, template helpers."""

from __future__ import annotations

import markdown
import nh3
from flask import Flask, current_app, has_request_context, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from markupsafe import Markup

HOME_ENDPOINTS = {
    "admin": "admin.index",
    "recruiter": "hiring.index",
    "author": "content.index",
    "trainer": "training.trainer_home",
    "supervisor": "monitoring.index",
    "employee": "training.my_learning",
    "candidate": "hiring.candidate_home",
}

def _too_many(error) -> str:
    """A limit's own message when it has one (the per-account sign-in pause), else a generic one."""
    limit = getattr(error, "limit", None)
    if limit is not None and limit.error_message:
        return error.description
    return "Please wait a minute and try again."


# (role, label, endpoint) in the order shown in the navigation bar.
NAV = [
    ("admin", "Users", "admin.index"),
    ("admin", "Teams", "admin.groups"),
    ("admin", "Audit", "admin.audit_trail"),
    ("admin", "Cohorts", "training.all_cohorts"),
    ("admin", "Rotations", "training.rotation_calendar"),
    ("admin", "Measurement", "measurement.index"),
    ("recruiter", "Pipeline", "hiring.index"),
    ("recruiter", "Openings", "hiring.list_openings"),
    ("recruiter", "Fairness & validity", "measurement.index"),
    ("recruiter", "Training", "training.completion_overview"),
    ("author", "Content", "content.index"),
    ("author", "Item statistics", "measurement.index"),
    ("trainer", "Cohorts", "training.trainer_home"),
    ("trainer", "Simulation lab", "reports.simlab"),
    ("admin", "Simulation lab", "reports.simlab"),
    ("supervisor", "My team", "monitoring.index"),
    ("supervisor", "Training", "training.completion_overview"),
    ("employee", "My learning", "training.my_learning"),
    ("employee", "My rotation", "training.my_rotation"),
    ("employee", "Practice", "practice.index"),
    ("employee", "Trainer comments", "practice.my_comments"),
    ("trainer", "Practice coaching", "practice.coaching_home"),
    ("employee", "My evaluations", "monitoring.my_evaluations"),
    ("candidate", "My test", "hiring.candidate_home"),
    ("recruiter", "API tokens", "api_tokens.list_tokens"),
    ("supervisor", "API tokens", "api_tokens.list_tokens"),
    ("admin", "API tokens", "api_tokens.list_tokens"),
]

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "blockquote", "code", "pre",
    "a", "hr", "br", "table", "thead", "tbody", "tr", "th", "td",
}


def render_markdown(text: str) -> Markup:
    """Markdown to HTML, sanitized: content authors cannot inject script."""
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"])
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}}))  # noqa: S704


def external_url(endpoint: str, **values: object) -> str:
    """An absolute URL for e-mail: the request's host when there is one, else
    PUBLIC_BASE_URL (timers, workers and CLI commands have no request)."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    base = current_app.config.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000")
    with current_app.test_request_context(base_url=base):
        return url_for(endpoint, _external=True, **values)


def home_url_for(user: object) -> str:
    role = getattr(user, "home_role", None)
    return url_for(HOME_ENDPOINTS[role]) if role else url_for("identity.login")


def nav_items(user: object) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    for role, label, endpoint in NAV:
        if user.has_role(role) and (label, endpoint) not in seen:
            seen.append((label, endpoint))
    return seen


def init_web(app: Flask) -> None:
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.globals["nav_items"] = nav_items

    @app.get("/")
    def home():
        if current_user.is_authenticated:
            return redirect(home_url_for(current_user))
        return redirect(url_for("identity.login"))

    @app.get("/favicon.ico")
    def favicon():
        return redirect(url_for("static", filename="favicon.svg"), 301)

    @app.get("/healthz")
    def healthz():
        return {"status": "ok"}

    def error_page(code: int, title: str, message: str):
        return render_template("errors/error.html", code=code, title=title, message=message), code

    app.register_error_handler(
        403, lambda e: error_page(403, "Not allowed", "Your role does not open this page.")
    )
    app.register_error_handler(
        404, lambda e: error_page(404, "Not found", "There is nothing here, or it is not yours.")
    )
    app.register_error_handler(
        413, lambda e: error_page(413, "Too large", "That upload is larger than we accept (2 MB).")
    )
    app.register_error_handler(429, lambda e: error_page(429, "Too many attempts", _too_many(e)))
    app.register_error_handler(
        500, lambda e: error_page(500, "Something went wrong", "We have logged it. Please retry.")
    )
    app.register_error_handler(
        CSRFError,
        lambda e: error_page(
            400, "Form expired", "The form was missing its security token. Reload and retry."
        ),
    )
