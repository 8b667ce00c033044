"""Agreement of app.replies.score_reply with rated replies, training and evaluation side by side.

    python bench/bench_reply_scoring.py [--train DIR] [--train2 DIR] [--train3 DIR] [--eval DIR]
                                        [--check DIR ...]

Each DIR holds replies.jsonl and ratings.jsonl, in either of two layouts: the evaluation set's
(each reply carries its contact; ratings nest criteria under "criteria") or the training set's
(replies name a contact_id in contacts.jsonl and carry "text"; ratings are flat, keyed by
reply_id, with their own criterion names, mapped below). Prints Spearman and QWK of the scorer
beside length-only and courtesy-only baselines, per-criterion Cohen's kappa, the adversarial
table by kind, latency p95 and the scorer's import time.
"""

import argparse
import json
import statistics
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent / "data"
_t = time.perf_counter()
from app.replies import CRITERIA, embed, score_reply, semantic  # noqa: E402
from app.replies.calibrate import fit_calibration  # noqa: E402

LOAD = time.perf_counter() - _t
_t = time.perf_counter()
MODEL = embed.model() is not None
MODEL_LOAD = time.perf_counter() - _t
COURTESY = ("introduces_self", "uses_customer_name", "acknowledges_feelings", "takes_ownership")
TRAIN_NAMES = {"uses_name": "uses_customer_name", "specific": "references_purchase",
               "acknowledges": "acknowledges_feelings", "ownership": "takes_ownership"}


def _read(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


def load(folder: Path) -> list[tuple[str, dict, str, dict]]:
    """(kind, contact, reply, rating with our criterion names) for every rated reply."""
    if not (folder / "replies.jsonl").exists() or not (folder / "ratings.jsonl").exists():
        return []
    contacts = ({c.get("id", c.get("contact_id")): c for c in _read(folder / "contacts.jsonl")}
                if (folder / "contacts.jsonl").exists() else {})
    ratings = {}
    for r in _read(folder / "ratings.jsonl"):
        if "criteria" in r:
            ratings[r["id"]] = {"overall": r["overall"], **r["criteria"]}
        else:
            crit = {TRAIN_NAMES.get(k, k): v for k, v in r.items()
                    if k not in ("reply_id", "note")}
            if "clear" in crit and "courteous" in crit:
                crit["no_blame_or_jargon"] = min(crit.pop("clear"), crit.pop("courteous"))
            ratings[r["reply_id"]] = crit
    rows = []
    for item in _read(folder / "replies.jsonl"):
        if item["id"] not in ratings:
            continue
        contact = item.get("contact") or contacts[item["contact_id"]]
        rows.append((item.get("kind", "?"), contact, item.get("reply", item.get("text", "")),
                     ratings[item["id"]]))
    return rows


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
    try:
        return statistics.correlation(_ranks(a), _ranks(b))
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


def _bucket(values: list[float], human: list[int]) -> list[int]:
    """Map a baseline to 1-5 by rank, matching the human level shares (its best case)."""
    ranks = _ranks(values)
    cuts = [sum(h <= level for h in human) for level in range(1, 5)]
    return [1 + sum(r >= c for c in cuts) for r in ranks]


def evaluate(rows: list[tuple[str, dict, str, dict]]) -> dict:
    scored, times = [], []
    for kind, contact, reply, rating in rows:
        t = time.perf_counter()
        result = score_reply(contact, reply)
        times.append(time.perf_counter() - t)
        scored.append((kind, reply, result, rating))
    human = [r["overall"] for *_, r in scored]
    auto = [s.overall for _, _, s, _ in scored]
    length = [len(reply.split()) for _, reply, _, _ in scored]
    courtesy = [sum(s.criteria[c] for c in COURTESY) for _, _, s, _ in scored]
    out = {"n": len(scored),
           "scorer": (spearman(auto, human), kappa(auto, human, True)),
           "length-only": (spearman(length, human), kappa(_bucket(length, human), human, True)),
           "courtesy-only": (spearman(courtesy, human),
                             kappa(_bucket(courtesy, human), human, True)),
           "kappa": {}, "kinds": defaultdict(list)}
    for c in CRITERIA:
        pairs = [(s.criteria[c], r[c]) for _, _, s, r in scored if c in r]
        out["kappa"][c] = kappa(*map(list, zip(*pairs, strict=True))) if pairs else float("nan")
    for kind, _, s, r in scored:
        out["kinds"][kind].append((s.overall, r["overall"]))
    times.sort()
    out["p95"] = 1000 * times[int(0.95 * (len(times) - 1))] if times else float("nan")
    return out


def report(results: dict[str, dict]) -> None:
    names = list(results)
    print(f"{'':28}" + "".join(f"{n:>18}" for n in names))
    print(f"{'replies':28}" + "".join(f"{results[n]['n']:>18}" for n in names))
    for row in ("scorer", "length-only", "courtesy-only"):
        cells = "".join(f"{'rho {:.2f} QWK {:.2f}'.format(*results[n][row]):>18}" for n in names)
        print(f"{row:28}{cells}")
    for c in CRITERIA:
        print(f"kappa {c:<22}" + "".join(f"{results[n]['kappa'][c]:>18.2f}" for n in names))
    print(f"{'latency p95 ms':28}" + "".join(f"{results[n]['p95']:>18.2f}" for n in names))
    print(f"scorer import {LOAD:.2f} s; embedding model "
          f"{f'loaded in {MODEL_LOAD:.2f} s' if MODEL else 'absent (word overlap only)'}")
    for n in names:
        print(f"\n{n}: kind                      n  auto  rated  auto<=2  |auto-rated|<=1")
        for kind, pairs in sorted(results[n]["kinds"].items()):
            auto = statistics.mean(a for a, _ in pairs)
            rated = statistics.mean(h for _, h in pairs)
            low = sum(a <= 2 for a, _ in pairs) / len(pairs)
            print(f"  {kind:26} {len(pairs):3}  {auto:4.2f}  {rated:5.2f}  {low:7.2f}  "
                  f"{'yes' if abs(auto - rated) <= 1 else 'NO'}")


def _numbered(folder: Path) -> tuple[int, str]:
    digits = "".join(c for c in folder.name if c.isdigit())
    return int(digits or 0), folder.name


def refit(folders: list[Path]) -> None:
    """Fit the semantic layer on the training folders only and write calibration.json."""
    examples = [{"contact": contact, "reply": reply, "rating": rating}
                for folder in folders for _, contact, reply, rating in load(folder)]
    params = fit_calibration(examples)
    semantic.CALIBRATION.write_text(json.dumps(params, indent=2) + "\n")
    semantic.calibration.cache_clear()
    print("refit on", len(examples), "replies:", json.dumps(params))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=ROOT / "reply_train")
    parser.add_argument("--train2", type=Path, default=ROOT / "reply_train2")
    parser.add_argument("--train3", type=Path, default=ROOT / "reply_train3")
    parser.add_argument("--eval", type=Path, default=ROOT / "reply_eval")
    parser.add_argument("--check", type=Path, action="append",
                        help="a further rated set printed as its own column (repeatable; "
                             "default: every bench/data/reply_check* folder; which of them "
                             "are spent is in bench/data/README.md)")
    parser.add_argument("--refit", action="store_true",
                        help="refit app/replies/calibration.json on the training sets first")
    args = parser.parse_args()
    if args.refit:
        refit([args.train, args.train2, args.train3])
    results = {}
    for name, folder in (("reply_train", args.train), ("reply_train2", args.train2),
                         ("reply_train3", args.train3), ("reply_eval", args.eval),
                         *((f.name, f) for f in (args.check
                                                 or sorted(ROOT.glob("reply_check*"),
                                                           key=_numbered)))):
        rows = load(folder)
        if rows:
            results[name] = evaluate(rows)
        elif name in ("reply_train", "reply_eval"):
            print(f"{name}: no rated replies in {folder}")
    report(results)


if __name__ == "__main__":
    main()
