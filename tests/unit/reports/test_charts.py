import re

import pytest

from app.reports.charts import _nice_top, line_chart


@pytest.mark.parametrize(("value", "top"), [(38, 40), (37.5, 40), (7, 8), (101, 120),
                                            (100, 100), (0.8, 0.8), (19, 20)])
def test_axis_top_is_a_round_step(value, top):
    assert _nice_top(value) == pytest.approx(top)


def test_line_chart_grid_reads_round_numbers():
    svg = str(line_chart(["09:00", "09:30"], {"agents": [12, 37.5]}, title="Agents"))
    labels = re.findall(r'text-anchor="end" fill="#5b6b7b">([^<]+)<', svg)
    assert labels == ["0", "10", "20", "30", "40"]
