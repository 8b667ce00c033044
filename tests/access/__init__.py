"""The access matrix, merged from one module per slice (each defines ENTRIES)."""

import importlib
import pkgutil

from tests.access.core import ANON, PUBLIC, STAFF_HR, TRAINING_ADMIN

MATRIX: dict[str, set[str] | frozenset[str]] = {}
for _module in pkgutil.iter_modules(__path__):
    _entries = importlib.import_module(f"{__name__}.{_module.name}").ENTRIES
    if set(_entries) & set(MATRIX):
        raise ValueError(f"tests/access/{_module.name}.py repeats {set(_entries) & set(MATRIX)}")
    MATRIX.update(_entries)

__all__ = ["ANON", "MATRIX", "PUBLIC", "STAFF_HR", "TRAINING_ADMIN"]
