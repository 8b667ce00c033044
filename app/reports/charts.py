"""The one chart helper: small, dependency-free SVG charts for pages and PDFs.

Every chart carries a <title> and <desc> so screen readers get the figures too."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from markupsafe import Markup

PALETTE = ("#1f5f8b", "#23774a", "#a35c00", "#7b3fa0", "#b3261e", "#3d7d8c")


def hbar_chart(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    title: str,
    max_value: float = 100.0,
    marks: Sequence[tuple[float, str]] = (),
    value_format: str = "{:.0f}",
    width: int = 640,
) -> Markup:
    """Horizontal bars (e.g. percentiles per trait), with optional vertical marks
    such as a cut line; None values are drawn as 'no score'."""
    row, left, right = 26, 190, 50
    plot = width - left - right
    height = row * len(labels) + 34
    out = [_open(width, height, title, labels, values, value_format)]
    for x_value, label in marks:
        x = left + plot * min(max(x_value / max_value, 0), 1)
        out.append(f'<line x1="{x:.1f}" y1="8" x2="{x:.1f}" y2="{height - 22}" '
                   'stroke="#5b6b7b" stroke-dasharray="4 3"/>')
        out.append(f'<text x="{x:.1f}" y="{height - 8}" font-size="11" text-anchor="middle" '
                   f'fill="#5b6b7b">{escape(label)}</text>')
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 10 + i * row
        out.append(f'<text x="{left - 8}" y="{y + 14}" font-size="12" text-anchor="end" '
                   f'fill="#1c2733">{escape(label)}</text>')
        out.append(
            f'<rect x="{left}" y="{y + 3}" width="{plot}" height="15" fill="#eef2f5" rx="3"/>'
        )
        if value is None:
            out.append(f'<text x="{left + 6}" y="{y + 15}" font-size="11" fill="#5b6b7b">'
                       'no score</text>')
            continue
        w = plot * min(max(value / max_value, 0), 1)
        out.append(f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="15" '
                   f'fill="{PALETTE[0]}" rx="3"/>')
        out.append(f'<text x="{left + plot + 6}" y="{y + 15}" font-size="11" fill="#1c2733">'
                   f'{escape(value_format.format(value))}</text>')
    out.append("</svg>")
    return Markup("".join(out))  # noqa: S704 - every text part is escaped above


def line_chart(
    x_labels: Sequence[str],
    series: dict[str, Sequence[float | None]],
    *,
    title: str,
    y_max: float | None = None,
    y_format: str = "{:.0f}",
    target: tuple[float, str] | None = None,
    width: int = 640,
    height: int = 240,
) -> Markup:
    """Lines over a shared x axis (e.g. service level per interval, several policies)."""
    left, right, top, bottom = 46, 16, 14, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for s in series.values() for v in s if v is not None]
    top_value = y_max if y_max is not None else _nice_top(
        max(values + [target[0] if target else 0, 1e-9]))
    n = max(len(x_labels), 2)

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + plot_w * i / (n - 1), top + plot_h * (1 - min(v / top_value, 1.0))

    flat = [f"{name}: " + ", ".join("—" if v is None else y_format.format(v) for v in s)
            for name, s in series.items()]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img">'
           f"<title>{escape(title)}</title><desc>{escape('; '.join(flat))}</desc>"]
    for k in range(5):
        v = top_value * k / 4
        _, y = xy(0, v)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
                   'stroke="#e4eaf0"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="10" text-anchor="end" '
                   f'fill="#5b6b7b">{escape(y_format.format(v))}</text>')
    step = max(1, len(x_labels) // 8)
    for i in range(0, len(x_labels), step):
        x, _ = xy(i, 0)
        out.append(f'<text x="{x:.1f}" y="{height - bottom + 16}" font-size="10" '
                   f'text-anchor="middle" fill="#5b6b7b">{escape(x_labels[i])}</text>')
    if target:
        _, y = xy(0, target[0])
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
                   'stroke="#b3261e" stroke-dasharray="5 4"/>')
        out.append(f'<text x="{width - right}" y="{y - 4:.1f}" font-size="10" text-anchor="end" '
                   f'fill="#b3261e">{escape(target[1])}</text>')
    for j, (name, s) in enumerate(series.items()):
        color = PALETTE[j % len(PALETTE)]
        points = " ".join("{:.1f},{:.1f}".format(*xy(i, v)) for i, v in enumerate(s)
                          if v is not None)
        out.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{points}"/>')
        lx = left + j * 150
        out.append(f'<rect x="{lx}" y="{height - 16}" width="12" height="4" fill="{color}"/>')
        out.append(f'<text x="{lx + 16}" y="{height - 11}" font-size="11" fill="#1c2733">'
                   f'{escape(name)}</text>')
    out.append("</svg>")
    return Markup("".join(out))  # noqa: S704 - every text part is escaped above


def _open(width: int, height: int, title: str, labels: Sequence[str],
          values: Sequence[float | None], value_format: str) -> str:
    desc = "; ".join(f"{label}: {'no score' if v is None else value_format.format(v)}"
                     for label, v in zip(labels, values, strict=True))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img">'
            f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>")


def _nice_top(value: float) -> float:
    """The smallest axis top >= value whose quarter is a round step (1, 2, 2.5, 3, 4, 5, 6
    or 8 times a power of ten): grid lines read 0, 10, 20, 30, 40, not 0, 10, 19, 28, 38."""
    quarter = value / 4
    power = 10 ** math.floor(math.log10(quarter))
    steps = (m * power for m in (1, 2, 2.5, 3, 4, 5, 6, 8, 10))
    return 4 * next(s for s in steps if s >= quarter * (1 - 1e-9))
