"""Practice scoring: rubric and model throughput, training time, agreement with trainers.

    .venv/bin/python bench/bench_practice_model.py [--repeat 5]

Reads the shipped library straight from courses/ (no database). Prints the held-out
quadratic weighted kappa of the model and of the length-only baseline, the time to fit
on the whole labeled set, and replies scored per second (rubric alone, model)."""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from app.content.course_schema import load_practice_library
from app.practice.scoring import Example, evaluate, fit, score_text

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    contacts, responses, _ = load_practice_library(ROOT / "courses" / "practice", ROOT)
    library = {c.id: c.model_dump(mode="json") for c in contacts}
    examples = [Example(r.text, library[r.contact_id], r.overall) for r in responses]

    result = evaluate(examples)
    print(f"held-out QWK: model {result.kappa:.3f}, length-only {result.baseline_kappa:.3f} "
          f"(train {result.n_train}, test {result.n_test}, exact {result.exact:.2f})")
    fits = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        model = fit(examples)
        fits.append(time.perf_counter() - start)
    print(f"fit on {len(examples)} replies: median {statistics.median(fits):.3f} s")
    texts, rows = [e.text for e in examples], [e.contact for e in examples]
    start = time.perf_counter()
    for text, contact in zip(texts, rows, strict=True):
        score_text(text, contact)
    rubric_rate = len(texts) / (time.perf_counter() - start)
    start = time.perf_counter()
    model.predict(texts, rows)
    model_rate = len(texts) / (time.perf_counter() - start)
    print(f"rubric: {rubric_rate:,.0f} replies/s; model (batch): {model_rate:,.0f} replies/s")


if __name__ == "__main__":
    main()
