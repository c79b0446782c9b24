#!/usr/bin/python3
"""Writes the golden cases that pkg/probability and pkg/sampling are tested against.

Every expected value comes from an independent peer: PyTorch (softmax, log-softmax,
logsumexp, cross-entropy, logsigmoid), SciPy (entropy, rel_entr, jensenshannon) and
scikit-learn (mutual_info_score). The sampling masks follow the rules of Hugging Face's
logits warpers, re-expressed here in torch.

Run from the repository root with Debian's interpreter (it has python3-torch,
python3-scipy and python3-sklearn):

    /usr/bin/python3 testdata/golden/gen.py

The output is committed; the Go tests never need Python. Non-finite numbers are
written as the strings "Inf", "-Inf" and "NaN" because JSON has no literal for them.
"""
import json
import math
import os

import numpy as np
import scipy.spatial.distance
import scipy.special
import scipy.stats
import sklearn.metrics
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(20261127)
OUT = os.path.dirname(os.path.abspath(__file__))


def enc(x):
    """JSON-safe float: non-finite values become strings."""
    if isinstance(x, (list, tuple, np.ndarray)):
        return [enc(v) for v in x]
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Inf" if x > 0 else "-Inf"
    return x


def logit_rows():
    """Named logit vectors covering the cases the syllabus cares about."""
    rows = {
        "source-example": [2.0, 1.0, 0.1, -1.0],
        "single": [3.5],
        "equal": [0.7] * 6,
        "neg-inf-entries": [1.0, -math.inf, 0.5, -math.inf, -2.0],
        "spread-1e300": [1e300, -1e300, 0.0],
        "huge-equal": [1e4, 1e4, -1e4],
        "float32-overflow": [89.0, 88.0, 90.0, 0.0],
        "tiny-gaps": [1e-12, 0.0, -1e-12],
    }
    for n, scale in [(5, 1.0), (50, 3.0), (1000, 10.0), (257, 100.0)]:
        rows[f"normal-{n}x{scale:g}"] = list(rng.normal(0, scale, n))
    return rows


def distributions():
    rows = {
        "fair-coin": [0.5, 0.5],
        "one-hot": [0.0, 1.0, 0.0],
        "with-zeros": [0.5, 0.0, 0.25, 0.25, 0.0],
        "uniform-10": [0.1] * 10,
    }
    for n in (3, 17, 500):
        rows[f"dirichlet-{n}"] = list(rng.dirichlet(np.full(n, 0.5)))
    rows["peaked-64"] = list(F.softmax(torch.tensor(rng.normal(0, 6, 64)), -1).numpy())
    return rows


def probability_cases():
    cases = {"softmax": [], "entropy": [], "divergence": [], "mutual_information": [],
             "perplexity": [], "dpo": [], "binary_entropy": []}
    for name, z in logit_rows().items():
        t = torch.tensor(z)
        for temp in (1.0, 0.5, 2.0, 0.05):
            if temp != 1.0 and name in ("spread-1e300",):
                continue  # z/T overflows in the peer; the Go side shifts first
            zt = t / temp
            c = {
                "name": name, "logits": enc(z), "temperature": temp,
                "softmax": enc(F.softmax(zt, -1).numpy()),
                "log_softmax": enc(F.log_softmax(zt, -1).numpy()),
                "logsumexp": enc(torch.logsumexp(zt, -1).item()),
            }
            if temp == 1.0:
                finite = [i for i, v in enumerate(z) if math.isfinite(v)]
                targets = sorted({finite[0], finite[-1], int(torch.argmax(t))})
                c["cross_entropy"] = [
                    {"target": k, "loss": enc(F.cross_entropy(t[None, :], torch.tensor([k])).item())}
                    for k in targets]
            cases["softmax"].append(c)

    dists = distributions()
    for name, p in dists.items():
        cases["entropy"].append({"name": name, "p": enc(p), "entropy": enc(scipy.stats.entropy(p)),
                                 "entropy_bits": enc(scipy.stats.entropy(p, base=2))})
    names = list(dists)
    for i, a in enumerate(names):
        for b in names[i:]:
            p, q = np.array(dists[a]), np.array(dists[b])
            if len(p) != len(q):
                continue
            pt, qt = torch.tensor(p), torch.tensor(q)
            # H(p,q) = −Σ p ln q over p > 0, from torch.
            ce = -(pt[pt > 0] * torch.log(qt[pt > 0])).sum().item()
            cases["divergence"].append({
                "name": f"{a}|{b}", "p": enc(p), "q": enc(q),
                "cross_entropy": enc(ce),
                "kl_pq": enc(scipy.special.rel_entr(p, q).sum()),
                "kl_qp": enc(scipy.special.rel_entr(q, p).sum()),
                "js": enc(scipy.spatial.distance.jensenshannon(p, q) ** 2),
            })
    # Disjoint supports and a zero in q under mass in p.
    for name, p, q in [("disjoint", [0.5, 0.5, 0, 0], [0, 0, 0.25, 0.75]),
                       ("q-zero", [0.5, 0.25, 0.25], [0.5, 0.5, 0.0])]:
        p, q = np.array(p, float), np.array(q, float)
        pt, qt = torch.tensor(p), torch.tensor(q)
        ce = -(pt[pt > 0] * torch.log(qt[pt > 0])).sum().item()
        cases["divergence"].append({
            "name": name, "p": enc(p), "q": enc(q), "cross_entropy": enc(ce),
            "kl_pq": enc(scipy.special.rel_entr(p, q).sum()),
            "kl_qp": enc(scipy.special.rel_entr(q, p).sum()),
            "js": enc(scipy.spatial.distance.jensenshannon(p, q) ** 2),
        })

    for name, counts in [("independent", np.outer([1, 3], [2, 2, 4])),
                         ("diagonal", np.diag([5, 5, 10])),
                         ("random-4x6", rng.integers(0, 20, size=(4, 6))),
                         ("retrieval", np.array([[40, 5, 5], [4, 30, 6], [6, 5, 49]]))]:
        joint = counts / counts.sum()
        cases["mutual_information"].append({
            "name": name, "joint": enc(joint.tolist()),
            "mi": enc(sklearn.metrics.mutual_info_score(None, None, contingency=counts)),
            "h_x_given_y": enc(scipy.stats.entropy(joint.ravel()) - scipy.stats.entropy(joint.sum(0))),
        })

    for name, lp in [("uniform-50257", [-math.log(50257)] * 7),
                     ("mixed", list(np.log(rng.uniform(0.01, 1, 40)))),
                     ("certain", [0.0] * 5)]:
        cases["perplexity"].append({"name": name, "log_probs": enc(lp),
                                    "perplexity": enc(torch.exp(-torch.tensor(lp).mean()).item())})

    for pc, pr, rc, rr, beta in [(-12.0, -15.0, -13.0, -14.0, 0.1), (-5.0, -5.0, -5.0, -5.0, 0.5),
                                 (-40.0, -10.0, -20.0, -20.0, 1.0), (-3.2, -7.9, -4.4, -6.1, 0.05),
                                 (-100.0, -1.0, -1.0, -100.0, 2.0)]:
        h = (pc - rc) - (pr - rr)
        hh = torch.tensor(h)
        cases["dpo"].append({
            "policy_chosen": pc, "policy_rejected": pr, "ref_chosen": rc, "ref_rejected": rr, "beta": beta,
            "sigmoid": enc(-F.logsigmoid(beta * hh).item()),
            "hinge": enc(torch.relu(1 - beta * hh).item()),
            "ipo": enc(((hh - 1 / (2 * beta)) ** 2).item()),
        })

    for p in (0.0, 1e-9, 0.1, 0.5, 0.9, 1.0):
        cases["binary_entropy"].append({"p": p, "entropy": enc(scipy.stats.entropy([p, 1 - p]))})
    return cases


def hf_top_k(z, k):
    kth = torch.topk(z, min(k, z.numel()))[0][-1]
    return z.masked_fill(z < kth, -math.inf)


def hf_top_p(z, p):
    sorted_z, idx = torch.sort(z, descending=False)
    cum = F.softmax(sorted_z, -1).cumsum(-1)
    remove = cum <= (1 - p)
    remove[-1] = False  # always keep the most likely token
    return z.masked_fill(remove.scatter(0, idx, remove), -math.inf)


def hf_min_p(z, min_p):
    probs = F.softmax(z, -1)
    return z.masked_fill(probs < min_p * probs.max(), -math.inf)


def hf_typical(z, mass):
    logp = F.log_softmax(z, -1)
    p = logp.exp()
    ent = -(torch.nan_to_num(logp * p)).sum()
    shifted = (-logp - ent).abs()
    sorted_s, idx = torch.sort(shifted)
    cum = p.gather(-1, idx).cumsum(-1)
    last = min(int((cum < mass).sum()), z.numel() - 1)
    remove = sorted_s > sorted_s[last]
    return z.masked_fill(remove.scatter(0, idx, remove), -math.inf)


def sampling_cases():
    cases = []
    rows = {f"normal-{n}x{s:g}": list(rng.normal(0, s, n)) for n, s in
            [(10, 1.0), (10, 4.0), (100, 2.0), (1000, 1.0), (1000, 6.0)]}
    rows["with-neg-inf"] = [1.0, -math.inf, 0.3, 2.2, -math.inf, -0.7, 0.9]
    for name, z in rows.items():
        t = torch.tensor(z)
        c = {"name": name, "logits": enc(z), "top_k": [], "top_p": [], "min_p": [], "typical": []}
        for k in (1, 3, 7, 50):
            c["top_k"].append({"k": k, "logits": enc(hf_top_k(t, k).numpy())})
        for p in (0.1, 0.5, 0.9, 0.95):
            c["top_p"].append({"p": p, "logits": enc(hf_top_p(t, p).numpy())})
        for m in (0.01, 0.1, 0.5):
            c["min_p"].append({"min_p": m, "logits": enc(hf_min_p(t, m).numpy())})
        for m in (0.2, 0.9, 0.95):
            c["typical"].append({"mass": m, "logits": enc(hf_typical(t, m).numpy())})
        cases.append(c)
    return cases


def main():
    meta = {"generator": "testdata/golden/gen.py", "torch": torch.__version__,
            "scipy": scipy.__version__, "sklearn": sklearn.__version__}
    for fname, payload in [("probability.json", probability_cases()), ("sampling.json", sampling_cases())]:
        with open(os.path.join(OUT, fname), "w") as f:
            json.dump({"meta": meta, "cases": payload}, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
