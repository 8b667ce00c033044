import sys, glob, importlib, os
sys.path.insert(0, "/work/evalset/src")
T = {}
for f in sorted(glob.glob("/work/evalset/src/ratings_*.py")):
    T.update(importlib.import_module(os.path.basename(f)[:-3]).T)
def expected(c):
    ise,ucn,rp,af,to,ra,h,nbj,cns = c
    if h == 0 or ra == 0: return (1,2)
    if nbj == 0 or cns == 0 or ra == 1: return (3,)
    miss = [ise,ucn,af,to].count(0)
    if af and to and (ise+ucn) >= 1: return (5,4)  # 4 allowed if padded
    if miss >= 3: return (3,)
    return (4,)
bad = [(k,v) for k,v in T.items() if v[0] not in expected(v[1])]
for k,v in bad: print("MISMATCH", k, v, expected(v[1]))
print(len(T), "rated;", len(bad), "mismatches")
