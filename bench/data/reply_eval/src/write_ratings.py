import json, sys
sys.path.insert(0, "/work/evalset/src")
from check import T
names = ["introduces_self","uses_customer_name","references_purchase","acknowledges_feelings",
         "takes_ownership","resolves_accurately","honest","no_blame_or_jargon","clear_next_step"]
ids = [json.loads(l)["id"] for l in open("/work/evalset/replies.jsonl")]
assert set(ids) == set(T), (set(ids) ^ set(T))
with open("/work/evalset/ratings.jsonl", "w") as f:
    for i in ids:
        o, c, note = T[i]
        assert len(c) == 9 and all(v in (0,1) for k,v in zip(names,c) if k!="resolves_accurately") and c[5] in (0,1,2)
        f.write(json.dumps({"id": i, "overall": o, "criteria": dict(zip(names, c)), "note": note}, ensure_ascii=False) + "\n")
print(len(ids), "ratings written")
