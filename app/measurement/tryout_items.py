"""Item analysis of the job tryout: each contact of each parallel form as an item.

A contact's points are its criteria weighted as the tryout weights them (0-1); its
corrected contact-total r correlates them with the rest of the tryout's points, so a
contact that does not go with the others shows, like a weak questionnaire item. Form
means side by side show whether the parallel forms are of equal difficulty.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.measurement.records import ScoredRecord

CRITERIA = ("order", "quality", "handling", "abandoned")
WEAK_R = 0.20


@dataclass(frozen=True)
class ContactRow:
    form: str
    contact_id: str
    channel: str
    n: int
    served: float
    quality: float | None
    mean_points: float
    rest_r: float | None

    @property
    def weak(self) -> bool:
        return self.rest_r is not None and self.rest_r < WEAK_R


@dataclass(frozen=True)
class FormRow:
    form: str
    n: int
    mean: float
    sd: float


def _points(contact: dict[str, Any], weights: dict[str, float]) -> float:
    total = sum(weights.get(c, 0.0) for c in CRITERIA) or 1.0
    return sum(weights.get(c, 0.0) * float(contact.get(c) or 0.0) for c in CRITERIA) / total


def _r(x: list[float], y: list[float]) -> float | None:
    if len(x) < 3 or np.std(x) == 0 or np.std(y) == 0:
        return None
    return float(np.corrcoef(x, y)[0, 1])


def analyse_tryouts(records: list[ScoredRecord]) -> tuple[list[FormRow], list[ContactRow]]:
    """(per-form score summary, per-contact rows) over every attempt with a tryout."""
    by_form: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        tryout = record.score.get("tryout")
        if tryout and tryout.get("contacts"):
            by_form[tryout["form"]].append(tryout)
    forms, rows = [], []
    for form, tryouts in sorted(by_form.items()):
        scores = [float(t["score"]) for t in tryouts]
        forms.append(FormRow(form, len(tryouts), float(np.mean(scores)),
                             float(np.std(scores, ddof=1)) if len(scores) > 1 else 0.0))
        points = [[_points(c, t["weights"]) for c in t["contacts"]] for t in tryouts]
        for k, contact in enumerate(tryouts[0]["contacts"]):
            own = [p[k] for p in points]
            rest = [sum(p) - p[k] for p in points]
            served = [t["contacts"][k] for t in tryouts if t["contacts"][k]["served"]]
            rows.append(ContactRow(
                form, contact["contact_id"], contact["channel"], len(tryouts),
                len(served) / len(tryouts),
                float(np.mean([c["quality"] for c in served])) if served else None,
                float(np.mean(own)), _r(own, rest)))
    return forms, rows
