"""Content sources: each turns a folder of files into documents and problems."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.content.problems import Document, Problem

Source = Callable[[Path], tuple[list[Document], list[Problem]]]
SOURCES: list[Source] = []
