#!/usr/bin/python3
"""Golden numbers for the graded exercise tests (run once; paste into the tests).

Run with Debian's interpreter, which has SciPy and PyTorch:
    /usr/bin/python3 exercises/tools/golden.py
Every number printed here is pasted verbatim into a *_test.go file; the tests
themselves never need Python.
"""
import math
import numpy as np
import torch
import torch.nn.functional as F
from scipy import optimize, special, stats
from scipy.spatial import distance
from sklearn.metrics import precision_score, recall_score, roc_auc_score

torch.set_default_dtype(torch.float64)
np.set_printoptions(precision=17)


def show(name, v):
    if isinstance(v, (list, tuple, np.ndarray)):
        print(f"{name}: []float64{{{', '.join(repr(float(x)) for x in np.ravel(v))}}}")
    else:
        print(f"{name}: {float(v)!r}")


print("# 01-distributions: chi-square critical values at alpha = 0.001")
for df in (3, 4, 5):
    show(f"chi2.ppf(0.999, df={df})", stats.chi2.ppf(0.999, df))

print("# 02-softmax")
x = [1.0, 2.0, 3.0, 4.0]
show("logsumexp([1,2,3,4])", special.logsumexp(x))
show("logsumexp([1000,1000])", special.logsumexp([1000.0, 1000.0]))
show("logsumexp([-1000,-1000,-1000])", special.logsumexp([-1000.0] * 3))
show("logsumexp([-1e4,1e4,0])", special.logsumexp([-1e4, 1e4, 0.0]))
show("softmax([1,2,3,4])", special.softmax(x))
show("softmax([-2,0.5,0.5,3])", special.softmax([-2.0, 0.5, 0.5, 3.0]))
show("log_softmax([1,2,3,4])", special.log_softmax(x))
show("log_softmax([1e4,-1e4,0])", special.log_softmax([1e4, -1e4, 0.0]))
show("softmax([2,1,0.1,-1]) (lesson 02)", special.softmax([2.0, 1.0, 0.1, -1.0]))
show("log_softmax([0,-800]) (lesson 02)", special.log_softmax([0.0, -800.0]))

print("# 03-temperature")
z = [2.0, 1.0, 0.5, -1.0]
for T in (0.5, 1.0, 2.0):
    show(f"softmax(z/{T})", special.softmax(np.array(z) / T))
probs = np.array([0.5, 0.3, 0.2, 0.0])
with np.errstate(divide="ignore"):
    for T in (0.5, 2.0, 1e-4):
        show(f"TemperatureOnProbs: softmax(log {list(probs)} / {T})", special.softmax(np.log(probs) / T))

print("# 04-entropy")
p = [0.5, 0.25, 0.125, 0.125]
show("entropy nats p", stats.entropy(p))
show("entropy bits p", stats.entropy(p, base=2))
q = [0.7, 0.2, 0.1]
show("entropy nats q", stats.entropy(q))
show("binary entropy bits 0.11", stats.entropy([0.11, 0.89], base=2))
for z in ([2.0, 1.0, 0.5, -1.0], [800.0, 800.0, 800.0], [3.0, 3.0, -np.inf, -np.inf, 1.0]):
    show(f"EntropyOfLogits {z}", stats.entropy(special.softmax(np.array(z))))

print("# 05-cross-entropy")
p = np.array([0.1, 0.6, 0.3]); q = np.array([0.2, 0.5, 0.3])
show("H(p,q)", -(p * np.log(q)).sum())
logits = torch.tensor([[2.0, -1.0, 0.5, 0.0]], requires_grad=True)
for tgt in (0, 1, 3):
    show(f"CE(logits, {tgt})", F.cross_entropy(logits, torch.tensor([tgt])))
loss = F.cross_entropy(logits, torch.tensor([2]))
loss.backward()
show("CE(logits,2)", loss)
show("dCE/dlogits target 2", logits.grad[0].numpy())

print("# 06-kl-divergence")
p = np.array([0.1, 0.4, 0.5]); q = np.array([0.3, 0.3, 0.4])
show("KL(p||q)", special.rel_entr(p, q).sum())
show("KL(q||p)", special.rel_entr(q, p).sum())
show("JS(p,q) nats", distance.jensenshannon(p, q) ** 2)
p2 = np.array([0.5, 0.5, 0.0]); q2 = np.array([0.25, 0.25, 0.5])
show("KL(p2||q2)", special.rel_entr(p2, q2).sum())
show("JS(p2,q2)", distance.jensenshannon(p2, q2) ** 2)
peaked, uniform = np.array([0.98, 0.01, 0.01]), np.full(3, 1 / 3)
show("KL(peaked||uniform)", special.rel_entr(peaked, uniform).sum())
show("KL(uniform||peaked)", special.rel_entr(uniform, peaked).sum())
for model, target in [([[0.3, 0.3, 0.4]], [[0.7, 0.2, 0.1]]),
                      ([[0.3, 0.3, 0.4], [0.25, 0.25, 0.5]], [[0.1, 0.4, 0.5], [0.5, 0.5, 0.0]])]:
    inp, tgt = torch.tensor(model).log(), torch.tensor(target)
    show(f"F.kl_div(log {model}, {target}, batchmean)", F.kl_div(inp, tgt, reduction="batchmean"))
    show(f"F.kl_div(log {model}, {target}, sum) / (B*V) (what 'mean' gives)", F.kl_div(inp, tgt, reduction="sum") / tgt.numel())

print("# 07-perplexity")
lp = np.log([0.5, 0.25, 0.1, 0.8, 0.05])
show("logprobs", lp)
show("mean NLL", -lp.mean())
show("ppl", math.exp(-lp.mean()))
lp5 = np.log([0.40, 0.05, 0.70, 0.20, 0.90])  # the lesson's five tokens
show("lesson logprobs", lp5)
show("lesson mean NLL", -lp5.mean())
show("lesson ppl", math.exp(-lp5.mean()))
for docs in ([np.log([0.5, 0.5, 0.5]), np.log([0.125])],
             [lp5, np.log([0.25, 0.25]), np.log([0.01])]):
    show("CorpusPerplexity", math.exp(-np.concatenate(docs).mean()))

print("# 08/09 samplers: probabilities used to derive kept sets")
z = np.array([1.0, 3.0, 2.0, 0.0, 2.5])
show("softmax(z)", special.softmax(z))
show("sorted desc", np.sort(special.softmax(z))[::-1])
show("cumsum desc", np.cumsum(np.sort(special.softmax(z))[::-1]))
show("p/pmax", special.softmax(z) / special.softmax(z).max())
zb = np.array([-math.log(2), 0.0, -2 * math.log(2), -2 * math.log(2)])  # 08 TestTopPBoundary
show("softmax(zb) (exact powers of two)", special.softmax(zb))
show("cumsum desc", np.cumsum(np.sort(special.softmax(zb))[::-1]))
# 09: the repetition penalty and the temperature/min-p order, as Hugging Face
# computes them (pkg/sampling agrees with its logits processors on 9,889 cases).
for logits, prev, theta in [([2.0, -1.0, 0.5, 0.0, -3.0], [0, 1, 1, 3], 1.5), ([-0.5, 1.0, 2.0], [0], 1.2), ([2.5, 0.5, 2.0], [0, 1, 0], 1.25)]:
    # Hugging Face's RepetitionPenaltyLogitsProcessor: gather, sign split, scatter.
    scores, ids = torch.tensor([logits]), torch.tensor([prev])
    score = torch.gather(scores, 1, ids)
    score = torch.where(score < 0, score * theta, score / theta)
    show(f"repetition penalty {logits} prev {prev} theta {theta}", scores.scatter(1, ids, score)[0].numpy())
zt = np.array([3.0, 2.0, 1.0, 0.0, -1.0, -2.0])
for T in (2.0, 1.0, 0.5):
    print(f"min-p 0.1 after T={T} keeps", list(np.nonzero(zt / T >= zt.max() / T + math.log(0.1))[0]),
          "; before T keeps", list(np.nonzero(zt >= zt.max() + math.log(0.1))[0]))

print("# 10-bayes-calibration")
prior = np.array([0.01, 0.99]); lik = np.array([0.99, 0.05])
show("posterior disease", prior * lik / (prior * lik).sum())
conf = np.array([0.95, 0.9, 0.85, 0.7, 0.65, 0.6, 0.55, 0.3, 0.25, 1.0])
corr = np.array([1, 1, 0, 1, 0, 1, 0, 0, 1, 1], dtype=bool)
bins = 5
idx = np.minimum((conf * bins).astype(int), bins - 1)
ece = 0.0
for b in range(bins):
    m = idx == b
    if m.any():
        ece += m.sum() / len(conf) * abs(conf[m].mean() - corr[m].mean())
show("ECE 5 bins", ece)

print("# 11-mutual-information")
J = np.array([[0.3, 0.1], [0.1, 0.5]])
px = J.sum(1); py = J.sum(0)
show("MI(J)", (J * np.log(J / np.outer(px, py))).sum())
J3 = np.array([[0.2, 0.0, 0.1], [0.0, 0.3, 0.1], [0.1, 0.1, 0.1]])
px = J3.sum(1); py = J3.sum(0)
m = J3 > 0
show("MI(J3)", (J3[m] * np.log(J3[m] / np.outer(px, py)[m])).sum())

print("# 12-batched-ops")
L = torch.tensor([[1.0, 2.0, 0.5], [0.0, -3.0, 4.0], [2.0, 2.0, 2.0], [10.0, -5.0, 1.0]])
show("log_softmax rows", F.log_softmax(L, dim=1).numpy())
t = torch.tensor([1, 2, 0, 2])
show("mean CE", F.cross_entropy(L, t))
t2 = torch.tensor([1, -100, 0, -100])
show("mean CE ignore", F.cross_entropy(L, t2, ignore_index=-100))
X = torch.tensor([[1e4, -1e4, 0.0], [-1e4, -1e4, 1e4]])
show("CE extreme", F.cross_entropy(X, torch.tensor([1, 2])))

print("# 13-kl-estimators-dpo")
for r in (-2.0, -0.5, 0.0, 0.3, 1.5):
    show(f"k1,k2,k3 at logratio {r}", [-r, 0.5 * r * r, math.expm1(r) - r])
for (pc, pr, rc, rr, b) in [(-12.0, -15.0, -13.0, -14.0, 0.1), (-20.0, -18.0, -19.0, -19.5, 0.5), (-5.0, -5.0, -5.0, -5.0, 0.2)]:
    h = (pc - rc) - (pr - rr)
    show(f"DPO({pc},{pr},{rc},{rr},{b})", -F.logsigmoid(torch.tensor(b * h)))

print("# 14-language-model")
lp = np.log([0.2, 0.05, 0.5, 0.01])
show("logprobs", lp)
text = "héllo, wörld"
show("bytes", len(text.encode()))
show("bpb", -lp.sum() / math.log(2) / len(text.encode()))
show("bits per token", -lp.sum() / math.log(2) / len(lp))


# ---- Traps and golden values for every property test, exercises 10–17 ----

print("# 10-bayes-calibration: temperature fitted on the calibration split, ECE on the evaluation split")
rs = np.random.default_rng(10)


def split(n, scale, sharp):
    true = rs.normal(0, scale, size=(n, 3))
    lab = np.array([rs.choice(3, p=special.softmax(z)) for z in true])
    return np.round(true * sharp, 1), lab


def nll(T, Z, y):
    return -np.mean(special.log_softmax(Z / T, axis=1)[np.arange(len(y)), y])


def fit(Z, y):
    return optimize.minimize_scalar(nll, bounds=(0.05, 20), args=(Z, y), method="bounded", options={"xatol": 1e-12}).x


def ece(conf, corr, bins):
    idx = np.minimum((conf * bins).astype(int), bins - 1)
    e = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            e += m.sum() / len(conf) * abs(conf[m].mean() - corr[m].mean())
    return e


fitZ, fitY = split(12, 1.5, 2.5)
evZ, evY = split(12, 1.5, 2.5)
print("fitZ", fitZ.tolist(), "fitY", fitY.tolist())
print("evZ", evZ.tolist(), "evY", evY.tolist())
Tf, Te = fit(fitZ, fitY), fit(evZ, evY)
show("T fitted on the fit split", Tf)
show("T fitted on the eval split (the trap)", Te)
for name, T, Z, y in [("ECE eval at T_fit", Tf, evZ, evY), ("ECE eval at T_eval (trap)", Te, evZ, evY),
                      ("ECE fit at T_fit (wrong split)", Tf, fitZ, fitY), ("ECE eval unscaled", 1.0, evZ, evY)]:
    P = special.softmax(Z / T, axis=1)
    show(name + " (4 bins)", ece(P.max(1), P.argmax(1) == y, 4))

for name, T, Z in [("fit-split confidences at T_fit", Tf, fitZ), ("eval confidences at T_fit", Tf, evZ), ("eval confidences at T_eval", Te, evZ)]:
    show(name, special.softmax(Z / T, axis=1).max(1))

print("# 11-mutual-information: golden values for every test")
def mi(J):
    J = np.asarray(J, dtype=float); px = J.sum(1); py = J.sum(0); m = J > 0
    return (J[m] * np.log(J[m] / np.outer(px, py)[m])).sum()
show("MI asymmetric [[0.1 0.2 0.1] [0 0.05 0.25] [0.2 0.05 0.05]]", mi([[0.1, 0.2, 0.1], [0, 0.05, 0.25], [0.2, 0.05, 0.05]]))
show("MI X uniform on {-1,0,1}, Y = X^2 (joint rows x, cols y in {0,1})", mi([[0, 1/3], [1/3, 0], [0, 1/3]]))
show("H(1/3, 2/3) nats", stats.entropy([1/3, 2/3]))
J8 = np.zeros((8, 2))
for x in range(8):
    J8[x, x % 2] = 1/8
show("MI X uniform on 8, Y = X mod 2 (nats)", mi(J8))
show("MI independent [0.2 0.8]x[0.5 0.3 0.2]", mi(np.outer([0.2, 0.8], [0.5, 0.3, 0.2])))
show("MI near-independent [[0.25 0.25] [0.2 0.3]]", mi([[0.25, 0.25], [0.2, 0.3]]))
show("MI 2x3 rect", mi([[0.1, 0.2, 0.3], [0.4, 0, 0]]))


print("# 12-batched-ops: label smoothing as PyTorch defines it (eps spread over all V classes, target included)")
L = torch.tensor([[1.0, 2.0, 0.5], [0.0, -3.0, 4.0], [2.0, 2.0, 2.0], [10.0, -5.0, 1.0]])
show("CE smoothed eps=0.1 targets [1 2 0 2]", F.cross_entropy(L, torch.tensor([1, 2, 0, 2]), label_smoothing=0.1))
show("CE smoothed eps=0.2 targets [1 -100 0 -100]", F.cross_entropy(L, torch.tensor([1, -100, 0, -100]), ignore_index=-100, label_smoothing=0.2))
show("CE smoothed eps=0 (plain) targets [1 2 0 2]", F.cross_entropy(L, torch.tensor([1, 2, 0, 2]), label_smoothing=0.0))
X = torch.tensor([[1e4, -1e4, 0.0], [-1e4, -1e4, 1e4]])
show("CE smoothed extreme eps=0.1 targets [1 2]", F.cross_entropy(X, torch.tensor([1, 2]), label_smoothing=0.1))
show("CE all ignored", F.cross_entropy(L, torch.tensor([-100, -100, -100, -100]), ignore_index=-100))
# the mistake: eps spread over the V-1 other classes only
lsm = F.log_softmax(L, 1); t = torch.tensor([1, 2, 0, 2]); V = 3; eps = 0.1
q = torch.full_like(L, eps / (V - 1)); q[torch.arange(4), t] = 1 - eps
show("CE smoothed over the other V-1 classes (mutant)", -(q * lsm).sum(1).mean())

print("# 13-kl-estimators-dpo: exact means over q and the gradient of k3 put in the loss (autograd)")
q = np.array([0.5, 0.3, 0.15, 0.05]); p = np.array([0.2, 0.2, 0.3, 0.3])
l = np.log(p) - np.log(q)
show("KL(q||p)", (q * np.log(q / p)).sum())
show("KL(p||q)", (p * np.log(p / q)).sum())
show("E_q k1", (q * -l).sum()); show("E_q k2", (q * 0.5 * l * l).sum()); show("E_q k3", (q * (np.expm1(l) - l)).sum())
for qv, pv in [([0.5, 0.3, 0.15, 0.05], [0.2, 0.2, 0.3, 0.3]), ([0.7, 0.2, 0.1], [0.5, 0.25, 0.25])]:
    th = torch.tensor(np.log(qv), requires_grad=True)
    pt = torch.tensor(pv)
    lq = F.log_softmax(th, 0)
    qd = lq.exp().detach()
    ell = pt.log() - lq            # depends on theta through ln q(x): the sample x is held fixed
    loss_k3 = (qd * (torch.expm1(ell) - ell)).sum()
    g3, = torch.autograd.grad(loss_k3, th)
    show(f"E_q grad k3-in-loss q={qv} p={pv}", g3.numpy())
    show(f"q - p", np.array(qv) - np.array(pv))
    lq = F.log_softmax(th, 0)
    kl = (lq.exp() * (lq - pt.log())).sum()
    gkl, = torch.autograd.grad(kl, th)
    show(f"grad KL(q||p) (what the mutant returns)", gkl.numpy())
    lq2 = F.log_softmax(th, 0); ell2 = pt.log() - lq2
    loss_k2 = (qd * 0.5 * ell2 * ell2).sum()
    g2, = torch.autograd.grad(loss_k2, th)
    show(f"E_q grad k2-in-loss", g2.numpy())


print("# 14-language-model: lm-evaluation-harness loglikelihood_rolling, history of every token")
def rolling_history(n, L):
    # Written from the harness's documented behaviour: get_rolling_token_windows(context_len=1)
    # followed by make_disjoint_window. Returns, per token, how many text tokens the model saw before it.
    hist = [0] * n
    first = min(L, n)
    for t in range(first):
        hist[t] = t                      # the prefix token is not text
    done = first
    while done < n:
        k = min(n - done, L)             # tokens this window predicts
        end = done + k
        ctx_len = L - (k - 1)            # disjoint context left after removing the overlap
        for j in range(k):
            hist[end - k + j] = ctx_len + j
        done = end
    return hist
print("rolling n=10 L=4", rolling_history(10, 4))
print("rolling n=34 L=10", rolling_history(34, 10))
print("rolling n=7 L=8", rolling_history(7, 8))
print("rolling n=9 L=3", rolling_history(9, 3))


print("# 15-perplexity-across-tokenizers: the lesson's table re-expressed per byte and per word")
for name, ppl, tok in [("5-gram bytes", 3.28, 23027), ("o200k trigram", 84.46, 5586)]:
    total = tok * math.log(ppl)
    show(f"{name}: bits per byte (23,027 bytes)", total / (math.log(2) * 23027))
    show(f"{name}: per-word perplexity (3,937 words)", math.exp(total / 3937))

print("# 16-entropy-error-signal: the same detector at two base rates (scikit-learn)")

pos_s = [2.5, 3.0, 3.5, 1.0]
neg_s = [0.5, 1.5, 2.0, 2.6]
for reps in (1, 24):
    s = np.array(pos_s + neg_s * reps); y = np.array([1] * 4 + [0] * (4 * reps))
    flag = s > 2.2
    show(f"negatives x{reps}: base rate", y.mean())
    show(f"negatives x{reps}: AUROC", roc_auc_score(y, s))
    show(f"negatives x{reps}: recall at score > 2.2", recall_score(y, flag))
    show(f"negatives x{reps}: precision at score > 2.2", precision_score(y, flag))

print("# 17-dpo-vs-rlhf: the DPO gradient with respect to the policy's logits (autograd)")
for th0, ref, c, r, b in [([0.5, -0.2, 1.0, 0.0], [0.25, 0.25, 0.3, 0.2], 0, 2, 0.5), ([2.0, 0.0, -1.0], [0.6, 0.3, 0.1], 2, 0, 0.1), ([0.0, 0.0], [0.5, 0.5], 1, 0, 2.0)]:
    th = torch.tensor(th0, requires_grad=True)
    lp = F.log_softmax(th, 0); lr = torch.log(torch.tensor(ref))
    loss = -F.logsigmoid(b * ((lp[c] - lr[c]) - (lp[r] - lr[r])))
    g, = torch.autograd.grad(loss, th)
    show(f"DPO loss logits={th0} ref={ref} chosen={c} rejected={r} beta={b}", loss)
    show(f"DPO grad", g.numpy())
