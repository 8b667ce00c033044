"""The recruiter's trait-profile chart: every trait's T-score with its 90 % interval.

An SVG built from attributes only (no inline styles), so the page's content-security
policy allows it. The scale runs from T 20 to T 80; the band is the 90 % interval
(estimate ± 1.645 standard errors), the dot the estimate, a red tick the profile's
minimum for that trait. Percentiles are printed beside each row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from markupsafe import Markup

LOW, HIGH = 20.0, 80.0
Z90 = 1.645
_ROW, _LEFT, _RIGHT, _TOP = 30, 170, 150, 22


def _interval(trait: Mapping[str, Any]) -> tuple[float, float] | None:
    t = trait.get("t_score")
    if t is None:
        return None
    if trait.get("low") is not None and trait.get("high") is not None:
        return float(trait["low"]), float(trait["high"])
    se = trait.get("se_t", trait.get("sem_t"))
    if se is None:
        return None
    return float(t) - Z90 * float(se), float(t) + Z90 * float(se)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _se(trait: Mapping[str, Any]) -> float | None:
    se = trait.get("se_t", trait.get("sem_t"))
    return None if se is None else float(se)


def trait_profile_chart(
    traits: Sequence[Mapping[str, Any]], minimums: Mapping[str, float] | None = None
) -> Markup:
    """Chart of stored trait dicts (``name``, ``t_score``, ``percentile`` and either
    ``low``/``high`` or a standard error ``se_t``/``sem_t``): a wide layout and a
    narrow one (label above each bar) for phones; the stylesheet shows one of them."""
    return _svg(traits, minimums or {}, narrow=False) + _svg(traits, minimums or {}, narrow=True)


def _svg(traits: Sequence[Mapping[str, Any]], minimums: Mapping[str, float], narrow: bool
         ) -> Markup:
    width, left, right, row = (360, 12, 12, 46) if narrow else (680, _LEFT, _RIGHT, _ROW)
    plot = width - left - right
    height = _TOP + row * len(traits) + 30

    def x(value: float) -> float:
        return left + plot * (min(max(value, LOW), HIGH) - LOW) / (HIGH - LOW)

    desc = []
    for t in traits:
        band = _interval(t)
        if band is None:
            desc.append(f"{t['name']}: no score")
        else:
            desc.append(f"{t['name']}: T {float(t['t_score']):.0f}, 90 % interval "
                        f"{band[0]:.0f} to {band[1]:.0f}, percentile {t.get('percentile')}")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" class="trait-chart trait-chart-{"narrow" if narrow else "wide"}">',
        "<title>Trait T-scores with 90 % intervals</title>",
        f"<desc>{escape('; '.join(desc))}</desc>",
    ]
    bottom = _TOP + row * len(traits)
    for tick in range(20, 81, 10):
        gx = x(tick)
        dash = "" if tick == 50 else ' stroke-dasharray="2 3"'
        out.append(f'<line x1="{gx:.1f}" y1="{_TOP - 6}" x2="{gx:.1f}" y2="{bottom}" '
                   f'stroke="#b8c2cc"{dash}/>')
        out.append(f'<text x="{gx:.1f}" y="{bottom + 16}" font-size="11" text-anchor="middle" '
                   f'fill="#5b6b7b">{tick}</text>')
    out.append(f'<text x="{x(50):.1f}" y="{_TOP - 10}" font-size="11" text-anchor="middle" '
               'fill="#5b6b7b">norm average (T 50)</text>')
    if not narrow:
        out.append(f'<text x="{left + plot + 10}" y="{_TOP - 10}" font-size="11" '
                   'fill="#5b6b7b">T ± SE · percentile</text>')
    for i, trait in enumerate(traits):
        y = _TOP + i * row
        mid = y + (row * 0.68 if narrow else row / 2)
        name = escape(str(trait["name"]))
        if narrow:
            out.append(f'<text x="{left}" y="{y + 13}" font-size="12" fill="#1c2733">{name}</text>')
        else:
            out.append(f'<text x="{left - 10}" y="{mid + 4:.1f}" font-size="12" '
                       f'text-anchor="end" fill="#1c2733">{name}</text>')
        band = _interval(trait)
        if band is None:
            out.append(f'<text x="{left + 6}" y="{mid + 4:.1f}" font-size="11" '
                       'fill="#5b6b7b">no score (too few answers)</text>')
            continue
        lo, hi = x(band[0]), x(band[1])
        out.append(f'<rect x="{lo:.1f}" y="{mid - 6:.1f}" width="{max(hi - lo, 1):.1f}" '
                   'height="12" rx="6" fill="#9cc0e4"/>')
        minimum = minimums.get(str(trait.get("id")))
        if minimum is not None:
            mx = x(float(minimum))
            out.append(f'<line x1="{mx:.1f}" y1="{mid - 10:.1f}" x2="{mx:.1f}" '
                       f'y2="{mid + 10:.1f}" stroke="#b3261e" stroke-width="2"/>')
        out.append(f'<circle cx="{x(float(trait["t_score"])):.1f}" cy="{mid:.1f}" r="5" '
                   'fill="#1f5f8b" stroke="#ffffff" stroke-width="1.5"/>')
        se = _se(trait)
        label = f"{float(trait['t_score']):.0f}" + (f" ± {se:.1f}" if se is not None else "")
        pct = trait.get("percentile")
        if pct is not None:
            label += f" · {_ordinal(int(pct))} pct"
        if narrow:
            out.append(f'<text x="{width - right}" y="{y + 13}" font-size="12" '
                       f'text-anchor="end" fill="#1c2733">{escape(label)}</text>')
        else:
            out.append(f'<text x="{left + plot + 10}" y="{mid + 4:.1f}" font-size="12" '
                       f'fill="#1c2733">{escape(label)}</text>')
    if minimums:
        out.append(f'<text x="{left}" y="{height - 2}" font-size="11" fill="#b3261e">'
                   "red tick = the profile's minimum for that trait</text>")
    out.append("</svg>")
    return Markup("".join(out))  # noqa: S704 - every text part is escaped above
