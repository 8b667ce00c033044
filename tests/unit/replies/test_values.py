"""Values said in words or other formats compare equal to the fact's."""

import pytest

from app.replies.values import values


@pytest.mark.parametrize(("text", "expected"), [
    ("sixty-four pounds twenty", {("money", 64.2)}),
    ("five pounds fifty pence today", {("money", 5.5), ("when", 0.0)}),
    ("due 28/09", {("date", 928.0)}),
    ("two working weeks", {("days", 10.0)}),
    ("thirty-five a month", {("num", 35.0)}),
    ("10 dollars 3 times", {("money", 10.0), ("num", 3.0)}),
    ("on 31/13", {("num", 31.0), ("num", 13.0)}),
])
def test_values_in_other_words(text: str, expected: set) -> None:
    assert values(text) == expected
