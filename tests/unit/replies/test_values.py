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


def test_hundreds_after_thousands_add_to_the_thousands() -> None:
    from app.replies.values import values

    assert values("two thousand four hundred dollars") == {("money", 2400.0)}
    assert values("one thousand one hundred and twenty-five dollars") == {("money", 1125.0)}
    assert values("four hundred thousand dollars") == {("money", 400000.0)}


def test_quarter_hours_and_a_fortnight_are_durations() -> None:
    assert values("about a quarter of an hour before") == {("minutes", 15.0)}
    assert values("three quarters of an hour") == {("minutes", 45.0)}
    assert values("within a fortnight") == {("days", 14.0)}
