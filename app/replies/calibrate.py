"""Fit the semantic layer (app/replies/semantic.py) on rated replies; JSON in, JSON out.

A rated example is {"contact": {...}, "reply": "...", "rating": {"overall": 1-5,
"resolves_accurately": 0-2, "honest": 0|1, ...}}. Per-fact labels follow from the rating
rules: in a reply rated resolves_accurately 2 every key fact was conveyed (and with honest 1
every must_disclose item); in a reply rated overall 1 with resolves_accurately 0 none was.
Other replies say nothing certain about a single fact and are left out.

The threshold is the lowest probability at which at most MAX_FALSE_SHARE of the facts rated
not conveyed would be taken as conveyed: the layer may miss a paraphrase, but it must not
let a keyword salad through the accuracy gate. Trainer ratings refit it the same way:

    params = fit_calibration(examples)
    semantic.CALIBRATION.write_text(json.dumps(params))   # or: bench_reply_scoring --refit
"""

from collections.abc import Iterable

from app.replies import semantic
from app.replies.semantic import FEATURES, load_calibration, probability

MAX_FALSE_SHARE = 0.05
_MIN_EXAMPLES = 20


def labelled_features(examples: Iterable[dict]) -> list[tuple[tuple[float, ...], int, str]]:
    """(features, conveyed 0|1, contact id) for every fact whose state the rating fixes."""
    from app.replies.scorer import fact_matches

    rows = []
    for ex in examples:
        contact, rating = ex["contact"], ex["rating"]
        if rating.get("resolves_accurately") == 2:
            label, keep_disclosed = 1, rating.get("honest") == 1
        elif rating.get("overall") == 1 and rating.get("resolves_accurately") == 0:
            label, keep_disclosed = 0, True
        else:
            continue
        semantic.ALWAYS = True
        try:
            facts, disclosed = fact_matches(contact, ex["reply"])
        finally:
            semantic.ALWAYS = False
        for found in facts + (disclosed if keep_disclosed else []):
            if found.features is not None:
                rows.append((found.features, label, str(contact.get("id", ""))))
    return rows


def fit_calibration(examples: Iterable[dict], c: float = 1.0) -> dict:
    """Logistic regression over the semantic features; returns the JSON-ready parameters."""
    from sklearn.linear_model import LogisticRegression

    rows = labelled_features(examples)
    labels = [y for _, y, _ in rows]
    if len(rows) < _MIN_EXAMPLES or len(set(labels)) < 2:
        raise ValueError(f"examples: need {_MIN_EXAMPLES}+ labelled facts of both kinds, "
                         f"got {len(rows)}")
    model = LogisticRegression(C=c, class_weight="balanced")
    model.fit([list(x) for x, _, _ in rows], labels)
    params = {"features": list(FEATURES), "coef": [float(v) for v in model.coef_[0]],
              "intercept": float(model.intercept_[0]), "threshold": 0.5}
    negatives = sorted((probability(x, params) for x, y, _ in rows if not y), reverse=True)
    allowed = int(MAX_FALSE_SHARE * len(negatives))
    cut = negatives[allowed] if allowed < len(negatives) else 0.0
    params["threshold"] = round(max(0.5, cut + 1e-6), 6)
    return load_calibration(params) | {"n_facts": len(rows), "n_conveyed": sum(labels)}
