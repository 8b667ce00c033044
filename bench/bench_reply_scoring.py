"""Agreement of app.replies.score_reply with rated replies.

Reads bench/data/reply_eval/{replies,ratings}.jsonl and bench/data/reply_train/ (same format)
when present; prints Spearman, QWK, per-criterion Cohen's kappa, the adversarial table,
length-only and courtesy-only baselines, latency p95 and load time.
"""

import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent / "data"
_t = time.perf_counter()
from app.replies import CRITERIA, score_reply  # noqa: E402

LOAD = time.perf_counter() - _t
COURTESY = ("introduces_self", "uses_customer_name", "acknowledges_feelings", "takes_ownership")


def _read(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


def _ranks(xs: list[float]) -> list[float]:
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    ranks = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2
        i = j + 1
    return ranks


def spearman(a: list[float], b: list[float]) -> float:
    ra, rb = _ranks(a), _ranks(b)
    try:
        return statistics.correlation(ra, rb)
    except statistics.StatisticsError:
        return float("nan")


def kappa(a: list[int], b: list[int], quadratic: bool = False) -> float:
    cats = sorted(set(a) | set(b))
    if len(cats) < 2:
        return float("nan")
    lo, hi = cats[0], cats[-1]
    def w(x: int, y: int) -> float:
        return ((x - y) / (hi - lo)) ** 2 if quadratic else float(x != y)
    n = len(a)
    observed = sum(w(x, y) for x, y in zip(a, b, strict=True)) / n
    expected = sum(a.count(x) * b.count(y) * w(x, y) for x in cats for y in cats) / n / n
    return 1 - observed / expected if expected else float("nan")


def _bucket(values: list[float]) -> list[int]:
    ranks = _ranks(values)
    return [1 + min(4, int(5 * r / max(1, len(values)))) for r in ranks]


def evaluate(name: str, folder: Path) -> None:
    if not (folder / "replies.jsonl").exists() or not (folder / "ratings.jsonl").exists():
        print(f"{name}: no data in {folder}")
        return
    rated = {r["id"]: r for r in _read(folder / "ratings.jsonl")}
    rows, times = [], []
    for item in _read(folder / "replies.jsonl"):
        if item["id"] not in rated:
            continue
        t = time.perf_counter()
        result = score_reply(item["contact"], item["reply"])
        times.append(time.perf_counter() - t)
        rows.append((item, result, rated[item["id"]]))
    human = [r["overall"] for _, _, r in rows]
    auto = [s.overall for _, s, _ in rows]
    length = [len(i["reply"].split()) for i, _, _ in rows]
    courtesy = [sum(s.criteria[c] for c in COURTESY) for _, s, _ in rows]
    print(f"== {name}: {len(rows)} rated replies")
    print(f"scorer        Spearman {spearman(auto, human):.2f}  QWK {kappa(auto, human, True):.2f}")
    for label, base in (("length-only", length), ("courtesy-only", courtesy)):
        print(f"{label:13} Spearman {spearman(base, human):.2f}  "
              f"QWK {kappa(_bucket(base), human, True):.2f}")
    for c in CRITERIA:
        k = kappa([s.criteria[c] for _, s, _ in rows], [r["criteria"][c] for _, _, r in rows])
        print(f"  kappa {c:22} {k:.2f}")
    kinds: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, s, r in rows:
        kinds[i.get("kind", "?")].append((s.overall, r["overall"]))
    print("  kind                 n  auto  rated  share<=2")
    for kind, pairs in sorted(kinds.items()):
        share = sum(a <= 2 for a, _ in pairs) / len(pairs)
        print(f"  {kind:18} {len(pairs):3}  {statistics.mean(a for a, _ in pairs):4.2f}  "
              f"{statistics.mean(h for _, h in pairs):5.2f}  {share:.2f}")
    times.sort()
    print(f"latency p95 {1000 * times[int(0.95 * (len(times) - 1))]:.2f} ms  load {LOAD:.2f} s")


if __name__ == "__main__":
    evaluate("reply_train", ROOT / "reply_train")
    evaluate("reply_eval", ROOT / "reply_eval")
    sys.exit(0)
