"""The shapes every content source returns: documents to store and problems to report."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Document:
    kind: str
    content_id: str
    uuid: str
    path: str
    title: str
    data: dict[str, Any] = field(hash=False)

    @property
    def checksum(self) -> str:
        return hashlib.sha256(json.dumps(self.data, sort_keys=True).encode()).hexdigest()
