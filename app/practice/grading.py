"""Which scoring model is in use, training one, and grading a reply with it.

Models are stored as JSON parameters in ScoringModel (never pickled). When none is
stored yet, the first grade trains one deterministically from the labeled set.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.extensions import db
from app.practice import library
from app.practice.models import ScoringModel, select_models
from app.practice.scoring import TextModel, evaluate, fit

_CACHE: dict[str, TextModel] = {}


def latest_model() -> ScoringModel | None:
    return db.session.scalar(select_models().where(ScoringModel.status == "ready").limit(1))


def train_model(progress: Callable[[int], None] | None = None) -> ScoringModel:
    """Evaluate on a held-out split, fit on every labeled example, store (flush only)."""
    step = progress or (lambda done: None)
    examples = library.labeled_examples()
    step(1)
    evaluation = evaluate(examples)
    step(2)
    model = fit(examples)
    existing = db.session.scalar(select_models().where(ScoringModel.version == model.version))
    if existing is not None:
        return existing
    params = model.params | {"evaluation": evaluation.to_dict()}
    row = ScoringModel(version=model.version, sklearn_version=model.sklearn_version,
                       n_train=len(examples), kappa=evaluation.kappa,
                       baseline_kappa=evaluation.baseline_kappa, params=params, status="ready")
    db.session.add(row)
    db.session.flush()
    return row


def text_model(row: ScoringModel) -> TextModel:
    if row.version not in _CACHE:
        _CACHE.clear()
        _CACHE[row.version] = TextModel.from_params(row.params)
    return _CACHE[row.version]


def grade(text: str, contact: dict[str, Any]) -> tuple[int, str]:
    """The model's 1-4 grade for a written reply and the model version that gave it."""
    row = latest_model() or train_model()
    return text_model(row).grade(text, contact), row.version
