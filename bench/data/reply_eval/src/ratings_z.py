# Ratings keyed by id, rebuilt after re-shuffle: first 156 from ratings_by_text_156.json (rated blind in four blocks,
# see old/ratings_*.py), then the 12 good_plain replies rated here.
import json
_bytext = json.load(open("/work/evalset/src/ratings_by_text_156.json"))
_new = {
 "C01": (4, [0,1,1,0,1,2,1,1,1], "complete, safety warning, owned; no intro or empathy"),
 "C02": (4, [0,1,1,0,1,2,1,1,1], "complete incl. Pro-gap disclosure; no intro or empathy"),
 "C03": (4, [0,1,1,0,1,2,1,1,1], "complete, room-only disclosed; no agent name, no empathy for wedding"),
 "C04": (4, [0,1,1,0,1,2,1,1,1], "complete and candid; unsigned, no acknowledgement of worry"),
 "C05": (4, [1,1,1,0,1,2,1,1,1], "complete with backup warning; thesis not acknowledged"),
 "C06": (4, [1,1,1,0,1,2,1,1,1], "complete with deadline; opening-day stress not acknowledged"),
 "C07": (4, [0,1,1,0,1,2,1,1,1], "complete, discloses no bypass; no intro, payroll pressure not acknowledged"),
 "C08": (4, [1,1,1,0,1,2,1,1,1], "complete in writing with deposit; no acknowledgement"),
 "C09": (4, [1,1,1,0,1,2,1,1,1], "complete, next-bill credit disclosed; phone-data cost not acknowledged"),
 "C10": (4, [0,1,1,0,1,2,1,1,1], "complete with fee and postage; no intro or empathy"),
 "C11": (4, [0,1,1,0,1,2,1,1,1], "complete, asks forwarding address; no intro or empathy"),
 "C12": (4, [1,1,1,0,1,2,1,1,1], "complete, sync stop disclosed; plain"),
}
T = {}
for l in open("/work/evalset/replies.jsonl"):
    j = json.loads(l)
    if j["reply"] in _bytext:
        T[j["id"]] = tuple(_bytext[j["reply"]])
    elif j["kind"] == "good_plain":
        T[j["id"]] = _new[j["id"][:3]]
