"""Meaning-level evidence that a reply conveys a fact said in other words.

Four features of a fact against a reply window, each in [0, 1]:
- lexical: the weighted share of the fact's content words the window uses (as in facts.py);
- soft: the same share, where a fact word not used verbatim earns partial credit for the
  closest window word by static word vector (SOFT_FLOOR..SOFT_FULL cosine -> 0..1);
- cosine: the cosine of the fact's and the window's mean vectors of content words;
- values: the share of the fact's values (amounts, dates...) the window states (0 if none).
A logistic layer (coefficients in calibration.json, refit by `calibrate.fit_calibration`)
turns the per-fact maxima over eligible windows (of up to WINDOW sentences) into a
probability. It runs only for a fact the word matcher left missing (ALWAYS: for every
fact, as fitting needs). The layer only ever
*adds* a conveyed fact: a window that states another value of the fact's kind or the
opposite polarity is not eligible, so a fact stated with a wrong amount or negated is never
conveyed by meaning alone. Without the model every probability is None.
"""

import json
import math
from functools import lru_cache
from pathlib import Path

import numpy as np

from app.replies import embed
from app.replies.text import NEGATORS, STOP, stem, tokens

WINDOW = 2
ALWAYS = False
SOFT_FLOOR = 0.3
SOFT_FULL = 0.8
FEATURES = ("lexical", "soft", "cosine", "values")
CALIBRATION = Path(__file__).with_name("calibration.json")
_DEFAULT = {"features": list(FEATURES), "coef": [3.0, 3.0, 3.0, 1.0], "intercept": -7.0,
            "threshold": 0.8}


@lru_cache(maxsize=16384)
def raw_words(text: str) -> tuple[str, ...]:
    return tuple(t for t in tokens(text)
                 if t[0].isalpha() and t not in STOP and t not in NEGATORS and len(t) > 1)


@lru_cache(maxsize=4096)
def _sentence(text: str):
    """(stems, word-vector matrix or None, sum of word vectors or None, word count)."""
    words = raw_words(text)
    vectors = [v for v in (embed.word_vector(w) for w in words) if v is not None]
    stems = frozenset(stem(w) for w in words)
    if not vectors:
        return stems, None, None, 0
    matrix = np.vstack(vectors)
    return stems, matrix, matrix.sum(axis=0), len(vectors)


@lru_cache(maxsize=2048)
def _fact(fact: str):
    """The fact's distinct content words (first spelling of each stem) and their vectors."""
    words = list({stem(w): w for w in reversed(raw_words(fact))}.items())[::-1]
    vectors = [embed.word_vector(w) for _, w in words]
    keep = [(k, v) for (k, _), v in zip(words, vectors, strict=True) if v is not None]
    matrix = np.vstack([v for _, v in keep]) if keep else None
    total = np.sum(matrix, axis=0) if keep else None
    return tuple(k for k, _ in keep), matrix, total


@lru_cache(maxsize=16384)
def _closest(fact: str, sentence: str):
    """Per fact word, the best cosine with a word of the sentence (1 for the same stem)."""
    keys, matrix, _ = _fact(fact)
    stems, words, _, _ = _sentence(sentence)
    if matrix is None:
        return None
    best = (matrix @ words.T).max(axis=1) if words is not None else np.zeros(len(keys))
    same = np.array([k in stems for k in keys])
    return np.where(same, 1.0, best)


def features(fact: str, weight: dict[str, float], said: tuple[str, ...], lexical: float,
             value_share: float) -> tuple[float, ...] | None:
    """(lexical, soft, cosine, value share) of a window of sentences, or None without the
    model."""
    if not embed.available():
        return None
    keys, _, fact_sum = _fact(fact)
    if fact_sum is None:
        return None
    closest = [c for c in (_closest(fact, s) for s in said) if c is not None]
    sums = [x[2] for x in (_sentence(s) for s in said) if x[2] is not None]
    if not closest or not sums:
        return None
    best = np.max(np.vstack(closest), axis=0)
    credit = np.clip((best - SOFT_FLOOR) / (SOFT_FULL - SOFT_FLOOR), 0.0, 1.0)
    credit = np.where(best >= 1.0, 1.0, credit)
    w = np.array([weight.get(k, 0.0) for k in keys])
    soft = float(credit @ w / w.sum()) if w.sum() else 0.0
    window = np.sum(sums, axis=0)
    cosine = float(window @ fact_sum / (np.linalg.norm(window) * np.linalg.norm(fact_sum)))
    return (lexical, soft, max(0.0, cosine), value_share)


@lru_cache(maxsize=1)
def calibration() -> dict:
    """The fitted layer from calibration.json, or a conservative default."""
    try:
        return load_calibration(json.loads(CALIBRATION.read_text()))
    except (OSError, ValueError, KeyError, TypeError):
        return dict(_DEFAULT)


def load_calibration(data: dict) -> dict:
    """Validate a calibration dict (as written by fit_calibration)."""
    if list(data.get("features", [])) != list(FEATURES) \
            or len(data.get("coef", [])) != len(FEATURES):
        raise ValueError(f"calibration: features: expected {list(FEATURES)}")
    return {"features": list(FEATURES), "coef": [float(c) for c in data["coef"]],
            "intercept": float(data["intercept"]), "threshold": float(data["threshold"])}


def probability(feats: tuple[float, ...], params: dict | None = None) -> float:
    params = params or calibration()
    z = params["intercept"] + sum(c * x for c, x in zip(params["coef"], feats, strict=True))
    return 1.0 / (1.0 + math.exp(-z))
