"""Progress across shifts: for each of the reply scorer's nine criteria (and overall), the
share of a shift's answered contacts that met it, one point per ended shift, drawn as a
small server-side SVG per criterion. Private to the learner; retries are attempts of one
contact, not shifts, and are left out."""

from __future__ import annotations

from html import escape
from typing import Any

from markupsafe import Markup
from sqlalchemy import select

from app.extensions import db
from app.practice.models import PracticeShift
from app.practice.profiles import PROFILES, RETRY_IDS
from app.practice.scoring import CRITERIA
from app.practice.scoring.feedback import ALL_LABELS

LABELS = ALL_LABELS | {"clear_next_step": "Clear next step", "overall": "Overall"}
SERIES = (*CRITERIA, "overall")
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 320, 150, 40, 14, 12, 30


def _share(met: int, of: int) -> float | None:
    return None if of == 0 else round(100 * met / of)


def trend(user_id: int) -> dict[str, Any]:
    """The learner's ended shifts (oldest first) and, per criterion and overall, the
    percentage met in each."""
    shifts = db.session.scalars(
        select(PracticeShift)
        .where(PracticeShift.user_id == user_id, PracticeShift.status == "ended",
               PracticeShift.profile.not_in(RETRY_IDS))
        .order_by(PracticeShift.started_at, PracticeShift.id)).all()
    shifts = [s for s in shifts if s.responses]
    columns, series = [], {name: [] for name in SERIES}
    for n, shift in enumerate(shifts, 1):
        rubrics = [r.rubric for r in shift.responses]
        met = {c: sum(bool(r.get(c, {}).get("passed")) for r in rubrics) for c in CRITERIA}
        for c in CRITERIA:
            series[c].append(_share(met[c], len(rubrics)))
        series["overall"].append(_share(sum(met.values()), len(rubrics) * len(CRITERIA)))
        profile = PROFILES.get(shift.profile)
        columns.append({"n": n, "id": shift.id, "date": shift.started_at.strftime("%d %b"),
                        "when": shift.started_at, "contacts": len(rubrics),
                        "profile": profile.title if profile else shift.profile})
    return {"shifts": columns, "series": series, "labels": LABELS,
            "charts": {name: chart(name, [c["n"] for c in columns], values)
                       for name, values in series.items()} if columns else {}}


def _xy(i: int, count: int, value: float) -> tuple[float, float]:
    inset = 12  # keeps the first and last points clear of the axis labels
    plot_w, plot_h = WIDTH - LEFT - RIGHT - 2 * inset, HEIGHT - TOP - BOTTOM
    x = LEFT + inset + (plot_w / 2 if count == 1 else plot_w * i / (count - 1))
    return x, TOP + plot_h * (1 - value / 100)


def chart(name: str, shift_numbers: list[int], values: list[float | None]) -> Markup:
    """One criterion's percentages per shift as an accessible SVG line with points
    (classes, not inline styles: the content-security policy forbids those)."""
    label = LABELS[name]
    count = len(values)
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    figures = ", ".join(f"shift {shift_numbers[i]}: {v:.0f}%" for i, v in points)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-svg" viewBox="0 0 {WIDTH} '
           f'{HEIGHT}" role="img" aria-labelledby="trend-{name}-t trend-{name}-d">'
           f'<title id="trend-{name}-t">{escape(label)}: share of contacts met, per shift'
           f'</title><desc id="trend-{name}-d">{escape(figures) or "No shifts yet."}</desc>']
    for level in (0, 50, 100):
        _, y = _xy(0, 1, level)
        out.append(f'<line class="trend-rule" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" '
                   f'y2="{y:.1f}"/><text class="trend-axis" x="{LEFT - 6}" y="{y + 4:.1f}" '
                   f'text-anchor="end">{level}%</text>')
    out.append(f'<text class="trend-axis" x="{LEFT - 6}" y="{HEIGHT - 10}" '
               'text-anchor="end">shift</text>')
    step = max(1, count // 8)
    for i in range(0, count, step):
        x, _ = _xy(i, count, 0)
        out.append(f'<text class="trend-axis" x="{x:.1f}" y="{HEIGHT - 10}" '
                   f'text-anchor="middle">{shift_numbers[i]}</text>')
    if len(points) > 1:
        line = " ".join("{:.1f},{:.1f}".format(*_xy(i, count, v)) for i, v in points)
        out.append(f'<polyline class="trend-line" points="{line}"/>')
    for i, v in points:
        x, y = _xy(i, count, v)
        out.append(f'<circle class="trend-point" cx="{x:.1f}" cy="{y:.1f}" r="3.5"/>')
    out.append("</svg>")
    return Markup("".join(out))  # noqa: S704 - every text part is escaped above
