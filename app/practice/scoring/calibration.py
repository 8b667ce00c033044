"""Trainer ratings refit how the reply scorer's criteria add up to an overall grade.

The rule-based scorer (``app.replies``) decides each criterion; this layer learns, from
replies trainers rated, how much each criterion counts for *this* team's overall 1-5. It
is a ridge regression over the criteria, the rule overall and the reply's length, fitted
with scikit-learn and stored as plain JSON numbers (never a pickle).

The gate stays a rule, whatever was learned: a reply the scorer gates (a key fact wrong or
none conveyed, a must-not broken, a must-disclose fact hidden) stays at 1-2, and an accurate,
honest reply stays at 3-5. So the learned part can only move a grade within its band;
courtesy can never lift a wrong reply.

Agreement is measured on held-out *contacts* (grouped cross-validation: every fold leaves
out whole contacts), beside a length-only and a courtesy-only baseline, so a figure never
comes from replies to a contact the fit has seen.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.stats import spearmanr
from sklearn import __version__ as SKLEARN_VERSION
from sklearn.linear_model import Ridge
from sklearn.metrics import cohen_kappa_score
from sklearn.model_selection import GroupKFold

from app.replies import score_reply
from app.replies.scorer import CRITERIA

COURTESY = ("introduces_self", "uses_customer_name", "acknowledges_feelings",
            "takes_ownership")
FEATURES = (*CRITERIA, "rule_overall", "log_words")
#: below these the page explains why nothing is refit (the figures would be noise)
MIN_EXAMPLES, MIN_CONTACTS = 30, 4
#: a refit is put to use only when it beats the rules on held-out contacts by this much
MIN_GAIN = 0.02


@dataclass(frozen=True)
class Example:
    """One trainer-rated reply: the scorer's view of the contact, the text, the ratings."""

    contact_id: str
    contact: Mapping[str, Any]
    text: str
    ratings: Mapping[str, int]
    overall: int


@dataclass(frozen=True)
class Scored:
    example: Example
    criteria: Mapping[str, int]
    rule_overall: int
    words: int

    @property
    def gated(self) -> bool:
        return self.criteria["resolves_accurately"] == 0 or self.criteria["honest"] == 0

    def features(self) -> list[float]:
        return [*(float(self.criteria[c]) for c in CRITERIA), float(self.rule_overall),
                math.log1p(self.words)]


def score_examples(examples: Sequence[Example]) -> list[Scored]:
    out = []
    for ex in examples:
        result = score_reply(dict(ex.contact), ex.text)
        out.append(Scored(ex, dict(result.criteria), result.overall, len(ex.text.split())))
    return out


def _band(value: float, gated: bool) -> int:
    low, high = (1, 2) if gated else (3, 5)
    return int(min(high, max(low, round(value))))


def predict(params: Mapping[str, Any], criteria: Mapping[str, int], rule_overall: int,
            words: int) -> int:
    """The refit overall for one scored reply, kept inside the rule's band."""
    row = [*(float(criteria[c]) for c in CRITERIA), float(rule_overall), math.log1p(words)]
    value = params["intercept"] + sum(w * x for w, x in zip(params["coef"], row, strict=True))
    gated = criteria["resolves_accurately"] == 0 or criteria["honest"] == 0
    return _band(value, gated)


def fit(scored: Sequence[Scored], alpha: float = 1.0) -> dict[str, Any]:
    """Ridge weights for the overall from trainer ratings, as JSON-ready numbers."""
    x = np.array([s.features() for s in scored])
    y = np.array([s.example.overall for s in scored], dtype=float)
    model = Ridge(alpha=alpha).fit(x, y)
    return {"features": list(FEATURES), "coef": [float(c) for c in model.coef_],
            "intercept": float(model.intercept_), "alpha": alpha,
            "sklearn": SKLEARN_VERSION, "n": len(scored)}


def _qwk(truth: Sequence[int], pred: Sequence[int]) -> float | None:
    if len(set(truth)) < 2 and len(set(pred)) < 2:
        return None
    return float(cohen_kappa_score(truth, pred, weights="quadratic", labels=[1, 2, 3, 4, 5]))


def _spearman(truth: Sequence[int], pred: Sequence[int]) -> float | None:
    if len(set(truth)) < 2 or len(set(pred)) < 2:
        return None
    return float(spearmanr(truth, pred).statistic)


def _kappa(truth: Sequence[int], pred: Sequence[int]) -> float | None:
    if len(set(truth)) < 2 and len(set(pred)) < 2:
        return None
    return float(cohen_kappa_score(truth, pred, labels=[0, 1]))


def _one_feature_fit(train: Sequence[Scored], test: Sequence[Scored], column) -> list[int]:
    x = np.array([column(s) for s in train])
    model = Ridge(alpha=1.0).fit(x, [s.example.overall for s in train])
    return [int(min(5, max(1, round(v)))) for v in model.predict(np.array([column(s)
                                                                           for s in test]))]


def evaluate(scored: Sequence[Scored]) -> dict[str, Any]:
    """Agreement with the trainers on held-out contacts, for the rules, the refit and two
    baselines; plus per-criterion kappa of the scorer's decisions."""
    contacts = sorted({s.example.contact_id for s in scored})
    report: dict[str, Any] = {"n": len(scored), "contacts": len(contacts)}
    if len(scored) < MIN_EXAMPLES or len(contacts) < MIN_CONTACTS:
        report["reason"] = (f"Needs at least {MIN_EXAMPLES} rated replies to at least "
                            f"{MIN_CONTACTS} different contacts; there are {len(scored)} "
                            f"replies to {len(contacts)}.")
        return report
    groups = [s.example.contact_id for s in scored]
    folds = GroupKFold(n_splits=min(5, len(contacts)))
    truth: list[int] = []
    preds: dict[str, list[int]] = {"rules": [], "refit": [], "length": [], "courtesy": []}
    for train_idx, test_idx in folds.split(scored, groups=groups):
        train = [scored[i] for i in train_idx]
        test = [scored[i] for i in test_idx]
        params = fit(train)
        truth += [s.example.overall for s in test]
        preds["rules"] += [s.rule_overall for s in test]
        preds["refit"] += [predict(params, s.criteria, s.rule_overall, s.words) for s in test]
        preds["length"] += _one_feature_fit(train, test, lambda s: [math.log1p(s.words)])
        preds["courtesy"] += _one_feature_fit(
            train, test, lambda s: [float(s.criteria[c]) for c in COURTESY])
    report["overall"] = {name: {"qwk": _qwk(truth, p), "spearman": _spearman(truth, p)}
                         for name, p in preds.items()}
    report["criteria"] = {}
    for name in CRITERIA:
        rated = [s for s in scored if name in s.example.ratings]
        full = 2 if name == "resolves_accurately" else 1
        report["criteria"][name] = {
            "n": len(rated),
            "kappa": _kappa([int(bool(s.example.ratings[name])) for s in rated],
                            [int(s.criteria[name] == full) for s in rated]),
        }
    rules, refit = report["overall"]["rules"]["qwk"], report["overall"]["refit"]["qwk"]
    report["use_refit"] = refit is not None and (rules is None or refit >= rules + MIN_GAIN)
    return report


def retrain(examples: Sequence[Example]) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """(parameters to use, or None to keep the rules; the agreement report)."""
    scored = score_examples(examples)
    report = evaluate(scored)
    if not report.get("use_refit"):
        return None, report
    return fit(scored), report
