"""Extra time in words: "25 % extra time (31 min 15 s)" instead of "× 5/4"."""

from __future__ import annotations

import math
from fractions import Fraction


def duration_text(seconds: int) -> str:
    minutes, rest = divmod(int(seconds), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def describe(factor: str, base_seconds: int | None = None) -> str:
    """Words for a time factor; with the test's base time, the total it allows.

    The total is rounded up like the attempt's own deadline, never down.
    """
    fraction = Fraction(factor)
    extra = (fraction - 1) * 100
    percent = f"{float(extra):g}"
    words = "standard time" if fraction == 1 else f"{percent} % extra time"
    if base_seconds:
        words += f" ({duration_text(math.ceil(Fraction(base_seconds) * fraction))})"
    return words
