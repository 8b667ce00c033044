"""Exact numbers for content: decimals written in YAML become ``Fraction`` values."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer


def to_fraction(value: Any) -> Fraction:
    """Convert an int, a decimal string or a float *as written* (``0.1`` → 1/10) exactly."""
    if isinstance(value, bool):
        raise ValueError("expected a number, not a boolean")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(repr(value))
    if isinstance(value, str):
        try:
            return Fraction(value.strip())
        except ValueError as exc:
            raise ValueError(f"expected a number, got {value!r}") from exc
    raise ValueError(f"expected a number, got {type(value).__name__}")


ExactNumber = Annotated[Fraction, BeforeValidator(to_fraction), PlainSerializer(str)]
