import json, importlib, glob, os, sys, random
sys.path.insert(0, "/work/evalset/src")
from contacts import C
CM = {c["contact_id"]: c for c in C}
R = {}
for f in sorted(glob.glob("/work/evalset/src/r0*.py")):
    m = importlib.import_module(os.path.basename(f)[:-3])
    for k, v in m.R.items(): R.setdefault(k, []).extend(v)
n = 0
with open("/work/evalset/replies.jsonl", "w") as out:
    for cid in sorted(R):
        c = CM[cid]
        items = list(R[cid]); random.Random("evalset-"+cid).shuffle(items)
        for i, (kind, reply) in enumerate(items, 1):
            ctx = {k: c[k] for k in ["channel","customer_name","purchase","message","key_facts","must_disclose","must_not","jargon"]}
            out.write(json.dumps({"id": f"{cid}-{i:02d}", "contact": ctx, "reply": reply, "kind": kind}, ensure_ascii=False) + "\n")
            n += 1
print(n, "replies")
