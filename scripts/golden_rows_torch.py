#!/usr/bin/python3
"""Writes pkg/rows/testdata/torch_golden.json: PyTorch's own values for the
batched ops of pkg/rows, which rows_golden_test.go compares against.

Run from the repository root with Debian's interpreter (it has torch):
    /usr/bin/python3 scripts/golden_rows_torch.py
The inputs are small fixed float32 logits, so the file is deterministic and
the Go tests need no Python.
"""
import json

import torch
import torch.nn.functional as F

torch.manual_seed(12)
V = 7
logits = (torch.randn(5, V) * 2.5).to(torch.float32)
logits[2, 3] = float("-inf")  # a masked token
targets = torch.tensor([3, -100, 0, 6, 1])
other = (torch.randn(5, V) * 1.5).to(torch.float32)

def enc(x):
    """JSON has no infinities: non-finite floats are written as strings."""
    if isinstance(x, list):
        return [enc(v) for v in x]
    if x != x:
        return "nan"
    if x in (float("inf"), float("-inf")):
        return "inf" if x > 0 else "-inf"
    return x


cases = []
for eps in (0.0, 0.1):
    for red in ("none", "mean", "sum"):
        loss = F.cross_entropy(logits, targets, ignore_index=-100, label_smoothing=eps, reduction=red)
        cases.append({"label_smoothing": eps, "reduction": red,
                      "loss": enc(loss.tolist() if red == "none" else [loss.item()])})
all_ignored = F.cross_entropy(logits, torch.full((5,), -100), ignore_index=-100).item()

logp, logq = F.log_softmax(logits, -1), F.log_softmax(other, -1)
out = {
    "v": V,
    "logits": enc(logits.flatten().tolist()),
    "other": enc(other.flatten().tolist()),
    "targets": targets.tolist(),
    "cross_entropy": cases,
    "all_ignored_mean": enc([all_ignored]),
    "softmax_t07": enc(F.softmax(logits / 0.7, -1).flatten().tolist()),
    "log_softmax": enc(logp.flatten().tolist()),
    "logsumexp": enc(torch.logsumexp(logits, -1).tolist()),
    "entropy": enc((-(logp.exp() * logp).nan_to_num(0.0)).sum(-1).tolist()),
    # KL(softmax(other) || softmax(logits)) per row, PyTorch's kl_div convention.
    "kl_other_logits": enc(F.kl_div(logp, logq, log_target=True, reduction="none").sum(-1).tolist()),
}
with open("pkg/rows/testdata/torch_golden.json", "w") as f:
    json.dump(out, f, indent=1)
print("wrote pkg/rows/testdata/torch_golden.json")
