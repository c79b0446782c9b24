# Brute-force peer for pkg/constrain (TestGoldenBruteForce): enumerate every token string of
# length <= 5 over {a, b, c}, keep those re.fullmatch accepts, and compute the exact conditional
# and the per-step masked sampler's probability of each. Run: /usr/bin/python3 constrain_bruteforce.py
import itertools, re, math
A,B,C,E=0,1,2,3
rows={A:[0.1,0.3,0.2,0.4],B:[0.3,0.1,0.4,0.2],C:[0.25,0.25,0.1,0.4],None:[0.5,0.2,0.3,0.0]}
pat=re.compile(r'(?:ab|c)+')
N=5
def txt(x): return ''.join('abc'[i] for i in x)
strings=[x for n in range(N+1) for x in itertools.product([A,B,C],repeat=n)]
acc=[x for x in strings if pat.fullmatch(txt(x))]
def prob(x):
    p=1; prev=None
    for t in x: p*=rows[prev][t]; prev=t
    if len(x)<N: p*=rows[prev][E]
    return p
Z=sum(prob(x) for x in acc)
accset=set(acc)
def allowed(u):
    ok=[any(len(x)>len(u) and x[:len(u)+1]==u+(t,) for x in acc) for t in (A,B,C)]
    ok.append(u in accset)
    return ok
def local(x):
    p=1; prev=None
    for i in range(len(x)+ (1 if len(x)<N else 0)):
        u=x[:i]; t=x[i] if i<len(x) else E
        ok=allowed(u); row=rows[prev]
        m=sum(r for r,o in zip(row,ok) if o)
        p*=row[t]/m
        prev=t
    return p
T=[prob(x)/Z for x in acc]; L=[local(x) for x in acc]
print("Z", repr(Z), "n", len(acc), "sumL", sum(L))
for x,t,l in zip(acc,T,L):
    if txt(x) in ("c","ab","cab","abab","ccccc"): print(txt(x), repr(t), repr(l))
print("KL(true||local)", repr(sum(t*math.log(t/l) for t,l in zip(T,L))))
print("TV", repr(0.5*sum(abs(t-l) for t,l in zip(T,L))))
# The exact next-token distribution after a prefix: the mass of the accepted strings that extend
# prefix + t (t = EOS: the prefix itself), over the mass of those that extend the prefix
# (exercise 23's golden values).
for u in [(), (A,), (C,), (C, C), (A, B, C)]:
    ext = [x for x in acc if x[:len(u)] == u]
    zu = sum(prob(x) for x in ext)
    q = [sum(prob(x) for x in ext if len(x) > len(u) and x[len(u)] == t) / zu for t in (A, B, C)]
    q.append(sum(prob(x) for x in ext if x == u) / zu)
    print("prefix", txt(u) or "-", "q", [repr(v) for v in q])
