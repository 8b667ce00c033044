"""Static word and sentence vectors from the WordLlama weights shipped inside its wheel.

The `wordllama` package carries its tokenizer and a 256-dimension embedding table in
site-packages; we read those two files directly (safetensors + tokenizers), so nothing is
fetched from a model hub and the package's own loader, which looks for the tokenizer in the
wrong folder and then downloads it, is never run. A text vector is the mean of its token
vectors, normalised. When the package or its files are missing, `available()` is False and
every similarity is None: the fact matcher then falls back to word overlap alone.
"""

import importlib.util
import os
from functools import lru_cache
from pathlib import Path

_TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
_WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
DISABLE_ENV = "REPLY_SCORER_NO_EMBEDDINGS"


class _Model:
    def __init__(self, root: Path) -> None:
        import numpy as np
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.np = np
        self.tokenizer = Tokenizer.from_file(str(root / _TOKENIZER))
        table = load_file(str(root / _WEIGHTS))["embedding.weight"]
        self.table = np.ascontiguousarray(table, dtype=np.float32)

    def vector(self, text: str):
        ids = self.tokenizer.encode(text, add_special_tokens=False).ids
        if not ids:
            return None
        v = self.table[ids].mean(axis=0)
        norm = float(self.np.linalg.norm(v))
        return v / norm if norm else None


def _root() -> Path | None:
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    return root if (root / _TOKENIZER).exists() and (root / _WEIGHTS).exists() else None


@lru_cache(maxsize=1)
def model() -> _Model | None:
    """The loaded model, or None (package absent, files missing, or disabled by env)."""
    if os.environ.get(DISABLE_ENV):
        return None
    root = _root()
    if root is None:
        return None
    try:
        return _Model(root)
    except (ImportError, OSError, KeyError, ValueError):
        return None


def available() -> bool:
    return model() is not None


@lru_cache(maxsize=32768)
def word_vector(word: str):
    m = model()
    return m.vector(" " + word) if m else None


@lru_cache(maxsize=8192)
def text_vector(text: str):
    m = model()
    return m.vector(text) if m else None


def similarity(a: str, b: str) -> float | None:
    """Cosine of the two texts' mean vectors, or None without the model."""
    va, vb = text_vector(a), text_vector(b)
    if va is None or vb is None:
        return None
    return float(va @ vb)
