"""Counts per kind, per overall level, and kind x overall, for the eval set."""
import json, collections
R = {j["id"]: j for j in map(json.loads, open("/work/evalset/replies.jsonl"))}
S = {j["id"]: j for j in map(json.loads, open("/work/evalset/ratings.jsonl"))}
C = [json.loads(l) for l in open("/work/evalset/contacts.jsonl")]
assert set(R) == set(S)
print("contacts:", len(C), " channels:", dict(collections.Counter(c["channel"] for c in C)))
print("replies:", len(R), " ratings:", len(S))
ov = collections.Counter(s["overall"] for s in S.values())
print("\nper overall level:"); [print(f"  {k}: {ov[k]}") for k in sorted(ov)]
kinds = collections.Counter(r["kind"] for r in R.values())
print("\nper kind:"); [print(f"  {k:24s} {v}") for k, v in sorted(kinds.items())]
print("\nkind x overall (counts of overall 1..5):")
print(f"  {'kind':24s}" + "".join(f"{i:>4d}" for i in range(1,6)) + "   mean")
for k in sorted(kinds):
    xs = [S[i]["overall"] for i in R if R[i]["kind"] == k]
    c = collections.Counter(xs)
    print(f"  {k:24s}" + "".join(f"{c[i]:>4d}" for i in range(1,6)) + f"   {sum(xs)/len(xs):.2f}")
wc = [len(r["reply"].split()) for r in R.values()]
print(f"\nreply length (words): min {min(wc)}, median {sorted(wc)[len(wc)//2]}, max {max(wc)}")
gated = sum(1 for s in S.values() if s["criteria"]["honest"] == 0 or s["criteria"]["resolves_accurately"] == 0)
print("gated replies (honest=0 or resolves_accurately=0):", gated, "; max overall among gated:",
      max(s["overall"] for s in S.values() if s["criteria"]["honest"] == 0 or s["criteria"]["resolves_accurately"] == 0))
crit = collections.defaultdict(collections.Counter)
for s in S.values():
    for k, v in s["criteria"].items(): crit[k][v] += 1
print("\ncriterion value counts:")
for k, c in crit.items(): print(f"  {k:24s} " + ", ".join(f"{v}:{n}" for v, n in sorted(c.items())))
