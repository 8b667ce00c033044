"""The recruiter's trait chart draws each trait's interval, not only its percentile."""

import re

from app.hiring.trait_chart import trait_profile_chart


def _bands(svg: str) -> list[tuple[float, float]]:
    return [(float(x), float(w)) for x, w in
            re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="12"', svg)]


def test_band_width_follows_the_interval_and_the_standard_error():
    traits = [
        {"id": "empathy", "name": "Empathy", "t_score": 60.0, "low": 55.0, "high": 65.0,
         "se_t": 3.0, "percentile": 84},
        {"id": "integrity", "name": "Integrity <b>", "t_score": 40.0, "sem_t": 6.0,
         "percentile": 16},
        {"id": "objectivity", "name": "Objectivity", "t_score": None, "se_t": 9.0,
         "percentile": None},
    ]
    svg = str(trait_profile_chart(traits, {"integrity": 35}))
    wide = svg.split("</svg>")[0]
    bands = _bands(wide)
    assert len(bands) == 2
    # 10 T points on a 60-point scale of 360 px; ±1.645·6 = 19.74 T points
    assert abs(bands[0][1] - 60.0) < 0.2
    assert abs(bands[1][1] - 19.74 * 6) < 0.5
    assert "60 ± 3.0 · 84th pct" in wide and "40 ± 6.0 · 16th pct" in wide
    assert "no score (too few answers)" in wide
    assert "Integrity &lt;b&gt;" in svg and "<b>" not in svg
    assert "style=" not in svg
    assert svg.count("<svg") == 2 and "trait-chart-narrow" in svg
    assert 'stroke="#b3261e"' in wide  # the integrity minimum is marked
