"""Counts and consistency checks for a rated reply set (standard library only).

Run: python3 bench/reply_stats.py bench/data/reply_train   (or reply_train2, reply_train3)
Exits non-zero if a line is not JSON, an id does not match, or a rating breaks a
cap written in RULES.md.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

BINARY = ("introduces_self", "uses_name", "specific", "acknowledges", "ownership",
          "honest", "clear", "courteous")
CRITERIA = BINARY + ("resolves_accurately",)
CONTACT_KEYS = {"id", "channel", "customer_name", "agent_name", "message", "key_facts",
                "must_disclose", "must_not", "jargon"}
CHANNELS = {"email", "chat", "phone", "fax"}


def read_jsonl(folder: Path, name: str, problems: list[str]) -> list[dict]:
    rows = []
    for number, line in enumerate((folder / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            problems.append(f"{name}:{number}: not JSON ({exc})")
    return rows


def check_contacts(contacts: list[dict], problems: list[str]) -> None:
    for c in contacts:
        missing = CONTACT_KEYS - c.keys()
        if missing:
            problems.append(f"contact {c.get('id')}: missing {sorted(missing)}")
        if c.get("channel") not in CHANNELS:
            problems.append(f"contact {c.get('id')}: channel {c.get('channel')!r}")
        words = len(c.get("message", "").split())
        if not 40 <= words <= 150:
            problems.append(f"contact {c.get('id')}: message has {words} words")


def cap_problems(r: dict) -> list[str]:
    """The overall caps and level-5 conditions of RULES.md."""
    out = []
    overall = r["overall"]
    if (r["honest"] == 0 or r["resolves_accurately"] == 0) and overall > 2:
        out.append("wrong fact, no fact or dishonest but overall > 2")
    if r["courteous"] == 0 and overall > 3:
        out.append("blames the customer but overall > 3")
    if overall == 5 and not (r["resolves_accurately"] == 2 and all(
            r[k] for k in ("honest", "specific", "ownership", "acknowledges", "clear",
                           "courteous"))):
        out.append("overall 5 without every required criterion")
    if overall == 4 and not (r["resolves_accurately"] == 2 and r["honest"] and r["clear"]
                             and r["courteous"]):
        out.append("overall 4 without all facts, honesty, clarity and courtesy")
    return out


def check_ratings(ratings: list[dict], reply_ids: set[str], problems: list[str]) -> None:
    seen = set()
    for r in ratings:
        rid = r.get("reply_id")
        if rid in seen:
            problems.append(f"rating {rid}: duplicate")
        seen.add(rid)
        if rid not in reply_ids:
            problems.append(f"rating {rid}: no such reply")
        for key in BINARY:
            if r.get(key) not in (0, 1):
                problems.append(f"rating {rid}: {key}={r.get(key)!r}")
        if r.get("resolves_accurately") not in (0, 1, 2):
            problems.append(f"rating {rid}: resolves_accurately={r.get('resolves_accurately')!r}")
        if r.get("overall") not in (1, 2, 3, 4, 5):
            problems.append(f"rating {rid}: overall={r.get('overall')!r}")
            continue
        if not r.get("note"):
            problems.append(f"rating {rid}: no note")
        problems.extend(f"rating {rid}: {p}" for p in cap_problems(r))
    for rid in sorted(reply_ids - seen):
        problems.append(f"reply {rid}: not rated")


def print_table(title: str, counts: Counter, total: int) -> None:
    print(f"\n{title}")
    for key in sorted(counts):
        n = counts[key]
        print(f"  {key!s:<22}{n:>4}  {100 * n / total:5.1f}%  {'#' * n}")


def main(folder: Path) -> int:
    problems: list[str] = []
    contacts = read_jsonl(folder, "contacts.jsonl", problems)
    replies = read_jsonl(folder, "replies.jsonl", problems)
    ratings = read_jsonl(folder, "ratings.jsonl", problems)
    check_contacts(contacts, problems)

    contact_ids = {c["id"] for c in contacts}
    if len(contact_ids) != len(contacts):
        problems.append("duplicate contact ids")
    reply_ids = {r["id"] for r in replies}
    if len(reply_ids) != len(replies):
        problems.append("duplicate reply ids")
    for r in replies:
        if r.get("contact_id") not in contact_ids:
            problems.append(f"reply {r['id']}: unknown contact {r.get('contact_id')}")
        words = len(r.get("text", "").split())
        if not 15 <= words <= 260:
            problems.append(f"reply {r['id']}: {words} words")
    check_ratings(ratings, reply_ids, problems)

    kind_of = {r["id"]: r["kind"] for r in replies}
    by_kind = Counter(kind_of.values())
    by_overall = Counter(r["overall"] for r in ratings)
    by_contact = Counter(r["contact_id"] for r in replies)
    kind_overall: dict[str, Counter] = defaultdict(Counter)
    for r in ratings:
        kind_overall[kind_of.get(r["reply_id"], "?")][r["overall"]] += 1

    print(f"contacts {len(contacts)}  replies {len(replies)}  ratings {len(ratings)}")
    print("channels:", dict(Counter(c["channel"] for c in contacts)))
    print("replies per contact:", dict(sorted(by_contact.items())))
    print_table("replies per kind", by_kind, len(replies))
    print_table("ratings per overall level", by_overall, len(ratings))
    print("\noverall by kind (levels 1..5)")
    for kind in sorted(kind_overall):
        row = [kind_overall[kind][level] for level in range(1, 6)]
        print(f"  {kind:<22}" + "".join(f"{n:>4}" for n in row))
    print("\ncriterion means")
    for key in CRITERIA:
        mean = sum(r[key] for r in ratings) / len(ratings)
        print(f"  {key:<22}{mean:5.2f}")
    words = sorted(len(r["text"].split()) for r in replies)
    print(f"\nreply length in words: min {words[0]}, median {words[len(words) // 2]}, "
          f"max {words[-1]}")

    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 bench/reply_stats.py FOLDER")
    sys.exit(main(Path(sys.argv[1])))
