"""Counts for reply_check4 and checks of its files (standard library only); exits 1 on a problem."""

import json
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CRITERIA = ("introduces_self", "uses_name", "specific", "acknowledges", "ownership",
            "honest", "clear", "courteous", "resolves_accurately")
CONTACT_KEYS = {"id", "channel", "customer_name", "agent_name", "message", "key_facts",
                "must_disclose", "must_not", "jargon"}


def read(name: str) -> list[dict]:
    return [json.loads(x) for x in (HERE / name).read_text().splitlines() if x.strip()]


def problems(contacts: list[dict], replies: list[dict], ratings: list[dict]) -> list[str]:
    out = []
    ids = {c["id"] for c in contacts}
    for c in contacts:
        if missing := CONTACT_KEYS - c.keys():
            out.append(f"{c['id']}: missing {sorted(missing)}")
    rids = [r["id"] for r in replies]
    if len(set(rids)) != len(rids):
        out.append("duplicate reply ids")
    out += [f"{r['id']}: unknown contact" for r in replies if r["contact_id"] not in ids]
    rated = {r["reply_id"]: r for r in ratings}
    out += [f"{i}: not rated" for i in rids if i not in rated]
    out += [f"{i}: rating without reply" for i in rated if i not in set(rids)]
    for i, r in rated.items():
        o = r["overall"]
        if (r["resolves_accurately"] == 0 or r["honest"] == 0) and o > 2:
            out.append(f"{i}: wrong fact or dishonest but overall {o}")
        if r["courteous"] == 0 and o > 3:
            out.append(f"{i}: discourteous but overall {o}")
        if r["clear"] == 0 and o > 3:
            out.append(f"{i}: unclear but overall {o}")
    return out


def main() -> int:
    contacts, replies, ratings = read("contacts.jsonl"), read("replies.jsonl"), read("ratings.jsonl")
    rated = {r["reply_id"]: r for r in ratings}
    print(f"contacts {len(contacts)}  replies {len(replies)}  ratings {len(ratings)}")
    per = Counter(r["contact_id"] for r in replies)
    print("replies per contact:", ", ".join(f"{k} {v}" for k, v in sorted(per.items())))
    kinds = Counter(r["kind"] for r in replies)
    print("\nreplies per kind")
    for k, v in sorted(kinds.items()):
        print(f"  {k:22s} {v:3d} {100 * v / len(replies):5.1f}%")
    levels = Counter(r["overall"] for r in ratings)
    print("\nratings per overall level")
    for k in range(1, 6):
        print(f"  {k:<22d} {levels[k]:3d} {100 * levels[k] / len(ratings):5.1f}%")
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for r in replies:
        if r["id"] in rated:
            by_kind[r["kind"]][rated[r["id"]]["overall"]] += 1
    print("\noverall by kind (levels 1..5)")
    for k in sorted(by_kind):
        print(f"  {k:22s} " + " ".join(f"{by_kind[k][n]:3d}" for n in range(1, 6)))
    print("\ncriterion means")
    for c in CRITERIA:
        print(f"  {c:22s} {statistics.mean(r[c] for r in ratings):.2f}")
    words = [len(r["text"].split()) for r in replies]
    print(f"\nreply length in words: min {min(words)}, median {statistics.median(words):g}, "
          f"max {max(words)}")
    bad = problems(contacts, replies, ratings)
    for p in bad:
        print("PROBLEM", p)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
