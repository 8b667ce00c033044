"""Write candidate block designs of a service-aptitude-3 into a copy of ``assessments/``.

Run: ``.venv/bin/python bench/block_design_variants.py DESIGN OUT`` with DESIGN one of
``group_pure``, ``group_pure_mixed``, ``quads``; then score it with
``bench/bench_recovery.py`` or ``bench/bench_recovery_b.py`` ``--assessments OUT/assessments
--instrument service-aptitude-3``. The variants regroup service-aptitude-2's 129
statements (same texts, traits, keying and desirability; nothing else changes), so a
difference in the figures is the block design's alone (bench/results/recovery-v6.md):

* ``group_pure``: the four traits a service job obviously wants (empathy, resilience,
  stress resistance, positive attitude) only against each other, every such set equally
  keyed; the other six traits only against each other, mixed keying where desirability
  allows.
* ``group_pure_mixed``: the same grouping, mixed keying inside both groups where
  desirability allows.
* ``quads``: sets of four statements (six comparisons each) instead of three, 24 s each,
  so the blocks take the same time.
"""

from __future__ import annotations

import argparse
import random
import shutil
import uuid
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1] / "assessments"
WANTED = {"empathy", "resilience", "stress_resistance", "positive_attitude"}
SPREAD = 0.5


def _group(pool: list[dict], size: int, mixed: bool, rnd: random.Random | None) -> list[list]:
    """Greedy sets of ``size`` statements of different traits within ``SPREAD``; with
    ``mixed`` every set holds both keyings. ``rnd`` shuffles the candidates."""
    order = sorted(pool, key=lambda s: s["desirability"])
    if rnd is not None:
        rnd.shuffle(order)
    used: set[str] = set()
    sets = []
    for first in order:
        if first["id"] in used:
            continue
        chosen = [first]
        for other in order:
            if other["id"] in used or any(other["trait"] == c["trait"] for c in chosen):
                continue
            values = [c["desirability"] for c in chosen] + [other["desirability"]]
            if max(values) - min(values) > SPREAD:
                continue
            keys = {c["keyed"] for c in chosen}
            if mixed and len(chosen) == size - 1 and keys == {other["keyed"]}:
                continue
            chosen.append(other)
            if len(chosen) == size:
                break
        if len(chosen) == size:
            used.update(c["id"] for c in chosen)
            sets.append(chosen)
    return sets


def _mixing(sets: list[list]) -> int:
    return sum(len({s["keyed"] for s in block}) == 2 for block in sets)


def _best(pool: list[dict], size: int, mixed: bool, tries: int = 3000) -> list[list]:
    """The most sets, then the most sets mixing keyed directions, over random restarts."""
    rnd = random.Random(1)
    best = _group(pool, size, mixed, None)
    for _ in range(tries):
        sets = _group(pool, size, mixed, rnd)
        if (len(sets), _mixing(sets)) > (len(best), _mixing(best)):
            best = sets
    return best


def _unused(pool: list[dict], sets: list[list]) -> list[dict]:
    used = {s["id"] for block in sets for s in block}
    return [s for s in pool if s["id"] not in used]


def design(statements: list[dict], name: str) -> list[list]:
    """Sets of statements for one design."""
    if name == "quads":
        return _best(statements, 4, mixed=False)
    sets: list[list] = []
    for wanted in (True, False):
        group = [s for s in statements if (s["trait"] in WANTED) == wanted]
        mixed_inside = name == "group_pure_mixed" or not wanted
        if mixed_inside:
            middle = [s for s in group if 2.6 <= s["desirability"] <= 3.9]
            sets += _best(middle, 3, mixed=True)
            group = _unused(group, sets)
        for keyed in ("positive", "negative"):
            sets += _best([s for s in group if s["keyed"] == keyed], 3, mixed=False, tries=0)
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("design", choices=("group_pure", "group_pure_mixed", "quads"))
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    target = args.out / "assessments"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT, target)
    items = target / "items" / "service-aptitude-3"
    shutil.copytree(ROOT / "items" / "service-aptitude-2", items)
    source = yaml.safe_load((items / "blocks.yaml").read_text(encoding="utf-8"))
    statements = [s for block in source["items"] for s in block["statements"]]
    sets = design(statements, args.design)
    random.Random(5).shuffle(sets)
    for path in items.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["uuid"] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"service-aptitude-3/{path.stem}"))
        if path.stem == "blocks":
            data["items"] = [{"id": f"v3-{i + 1:02d}", "statements": s} for i, s in enumerate(sets)]
        path.write_text(yaml.safe_dump(data, sort_keys=False, width=100), encoding="utf-8")
    spec = yaml.safe_load((ROOT / "instruments" / "service-aptitude-2.yaml").read_text())
    spec["id"] = "service-aptitude-3"
    spec["uuid"] = str(uuid.uuid5(uuid.NAMESPACE_URL, "instrument/service-aptitude-3"))
    spec["title"] = f"Service aptitude test (block design variant {args.design})"
    if args.design == "quads":
        spec["timing"]["seconds_per_item"]["ranking_block"] = 24
    (target / "instruments" / "service-aptitude-3.yaml").write_text(
        yaml.safe_dump(spec, sort_keys=False, width=100), encoding="utf-8"
    )
    print(f"{target}: {len(sets)} sets ({_mixing(sets)} mixing keyed directions), {args.design}")


if __name__ == "__main__":
    main()
