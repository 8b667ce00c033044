"""The one WeasyPrint helper. It fetches nothing from outside the app: only our own
static files are resolved, everything else is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import current_app, render_template

STATIC_PREFIX = "/static/"


def _url_fetcher(url: str, timeout: int = 10, ssl_context: Any = None) -> dict[str, Any]:
    from weasyprint import default_url_fetcher

    static = Path(current_app.static_folder).resolve()
    if url.startswith("data:"):
        return default_url_fetcher(url)
    path_part = url.split("://", 1)[-1]
    path_part = path_part[path_part.find("/"):] if "/" in path_part else path_part
    if path_part.startswith(STATIC_PREFIX):
        target = (static / path_part[len(STATIC_PREFIX):]).resolve()
        if target.is_file() and static in target.parents:
            return {"string": target.read_bytes(), "filename": target.name}
    raise ValueError(f"PDF rendering may not fetch {url!r}")


def render_pdf(template: str, **context: Any) -> bytes:
    """Render a Jinja template to PDF bytes; its stylesheet is static/css/print.css."""
    from weasyprint import CSS, HTML

    html = render_template(template, **context)
    css = CSS(filename=str(Path(current_app.static_folder) / "css" / "print.css"))
    return HTML(string=html, base_url="http://app.invalid/", url_fetcher=_url_fetcher).write_pdf(
        stylesheets=[css]
    )
