"""The learned practice-scoring model: TF-IDF words plus rubric features, ridge regression.

Pure (no Flask, no database). The model is stored as JSON parameters, never pickled:
the TF-IDF vocabulary and idf weights, the linear coefficients and the intercept, with
the scikit-learn version that fitted it. Predicting rebuilds the features with numpy
and a fixed-vocabulary ``CountVectorizer`` (which needs no fitting), so loading a model
runs no code from storage. Fitting is deterministic (fixed ``random_state``).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sklearn
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.metrics import cohen_kappa_score
from sklearn.model_selection import GroupShuffleSplit

from app.practice.scoring.rubric import CRITERIA, score_text

RANDOM_STATE = 20261122
NGRAMS = (1, 2)
RUBRIC_WEIGHT = 1.0
GRADES = (1, 2, 3, 4)


@dataclass(frozen=True)
class Example:
    """A trainer-rated reply: its text, the contact (PracticeContact dump), overall 1-4."""

    text: str
    contact: dict[str, Any]
    overall: int


@dataclass(frozen=True)
class Evaluation:
    """Agreement with held-out trainer ratings (quadratic weighted kappa)."""

    kappa: float
    baseline_kappa: float
    n_train: int
    n_test: int
    exact: float

    def to_dict(self) -> dict[str, Any]:
        return {"kappa": self.kappa, "baseline_kappa": self.baseline_kappa,
                "n_train": self.n_train, "n_test": self.n_test, "exact": self.exact}


def _extra(text: str, contact: dict[str, Any]) -> list[float]:
    rubric = score_text(text, contact).vector()
    words = max(1, len(text.split()))
    return [RUBRIC_WEIGHT * v for v in rubric] + [math.log(words) / 5.0]


def grade_of(value: float) -> int:
    """A continuous prediction rounded into the 1-4 scale."""
    return int(min(4, max(1, round(value))))


class TextModel:
    """Fitted parameters and a predict function; see the module docstring."""

    def __init__(self, params: dict[str, Any]) -> None:
        self.params = params
        self.vocabulary: dict[str, int] = params["vocabulary"]
        self.idf = np.asarray(params["idf"], dtype=float)
        self.coef = np.asarray(params["coef"], dtype=float)
        self.intercept = float(params["intercept"])
        self._counter = CountVectorizer(vocabulary=self.vocabulary, ngram_range=NGRAMS)

    @property
    def version(self) -> str:
        return self.params["version"]

    @property
    def sklearn_version(self) -> str:
        return self.params["sklearn_version"]

    def features(self, texts: Sequence[str], contacts: Sequence[dict[str, Any]]):
        """TF-IDF (sublinear tf, l2-normalised) next to the rubric features."""
        counts = self._counter.transform(list(texts)).astype(float)
        counts.data = 1.0 + np.log(counts.data)
        tfidf = counts.multiply(self.idf).tocsr()
        norms = np.sqrt(np.asarray(tfidf.multiply(tfidf).sum(axis=1))).ravel()
        norms[norms == 0] = 1.0
        tfidf = sparse.diags(1.0 / norms) @ tfidf
        extra = np.asarray([_extra(t, c) for t, c in zip(texts, contacts, strict=True)])
        return sparse.hstack([tfidf, sparse.csr_matrix(extra)]).tocsr()

    def predict(self, texts: Sequence[str], contacts: Sequence[dict[str, Any]]) -> list[float]:
        """Continuous predictions on the 1-4 overall scale."""
        values = self.features(texts, contacts) @ self.coef + self.intercept
        return [float(v) for v in np.clip(values, 1.0, 4.0)]

    def grade(self, text: str, contact: dict[str, Any]) -> int:
        return grade_of(self.predict([text], [contact])[0])

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> TextModel:
        """Rebuild from stored JSON; raises ValueError when the parameters are malformed."""
        try:
            vocab, idf, coef = params["vocabulary"], params["idf"], params["coef"]
            ok = (len(idf) == len(vocab) and len(coef) == len(vocab) + len(CRITERIA) + 1
                  and sorted(vocab.values()) == list(range(len(vocab))))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"malformed model parameters: {exc}") from exc
        if not ok:
            raise ValueError("malformed model parameters: sizes do not match")
        return cls(params)


def fit(examples: Sequence[Example]) -> TextModel:
    """Fit on ``examples``; deterministic for the same examples in the same order."""
    if len(examples) < 8:
        raise ValueError("at least 8 rated examples are needed to train the model")
    texts = [e.text for e in examples]
    vectorizer = TfidfVectorizer(ngram_range=NGRAMS, sublinear_tf=True, min_df=2)
    vectorizer.fit(texts)
    vocabulary = {term: int(i) for term, i in sorted(vectorizer.vocabulary_.items())}
    params: dict[str, Any] = {
        "kind": "tfidf+rubric ridge",
        "vocabulary": vocabulary,
        "idf": [float(x) for x in vectorizer.idf_],
        "coef": [0.0] * (len(vocabulary) + len(CRITERIA) + 1),
        "intercept": 0.0,
        "sklearn_version": sklearn.__version__,
    }
    probe = TextModel(params)
    x = probe.features(texts, [e.contact for e in examples])
    ridge = Ridge(alpha=1.0, random_state=RANDOM_STATE)
    ridge.fit(x, np.asarray([e.overall for e in examples], dtype=float))
    params["coef"] = [round(float(c), 8) for c in ridge.coef_]
    params["intercept"] = round(float(ridge.intercept_), 8)
    params["n_train"] = len(examples)
    digest = hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()
    params["version"] = f"ridge-{digest[:12]}"
    return TextModel(params)


def qwk(truth: Sequence[int], predicted: Sequence[int]) -> float:
    """Quadratic weighted kappa on the 1-4 scale."""
    return float(cohen_kappa_score(list(truth), list(predicted), weights="quadratic",
                                   labels=list(GRADES)))


def split(examples: Sequence[Example], test_size: float = 0.25) -> tuple[list[int], list[int]]:
    """Held-out split by contact (no contact is in both halves), fixed random_state."""
    groups = [e.contact["id"] for e in examples]
    splitter = GroupShuffleSplit(n_splits=1, test_size=test_size, random_state=RANDOM_STATE)
    train, test = next(splitter.split(np.zeros(len(examples)), groups=groups))
    return sorted(int(i) for i in train), sorted(int(i) for i in test)


def length_baseline(train: Sequence[Example], test: Sequence[Example]) -> list[int]:
    """Grades predicted from reply length alone (log word count, linear)."""
    def x(rows: Sequence[Example]) -> np.ndarray:
        return np.asarray([[math.log(max(1, len(e.text.split())))] for e in rows])

    model = LinearRegression().fit(x(train), [e.overall for e in train])
    return [grade_of(v) for v in model.predict(x(test))]


def evaluate(examples: Sequence[Example], test_size: float = 0.25) -> Evaluation:
    """Fit on one part, compare with trainer ratings on the held-out part; the length-only
    baseline is scored on the same split."""
    train_idx, test_idx = split(examples, test_size)
    train = [examples[i] for i in train_idx]
    test = [examples[i] for i in test_idx]
    model = fit(train)
    truth = [e.overall for e in test]
    predicted = [grade_of(v) for v in model.predict([e.text for e in test],
                                                    [e.contact for e in test])]
    exact = sum(p == t for p, t in zip(predicted, truth, strict=True)) / len(test)
    return Evaluation(qwk(truth, predicted), qwk(truth, length_baseline(train, test)),
                      len(train), len(test), exact)
