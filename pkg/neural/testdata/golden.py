#!/usr/bin/env python3
"""Golden next-byte log-probabilities of the committed checkpoint, computed by PyTorch.

Reads models/neural-bytes/checkpoint-*.{json,bin} (GoMLX's format: the header
"gomlx_checkpointss", a length byte and "gzip", then a gzip stream of the variables'
little-endian float32 data, placed by the JSON's Pos/Length), rebuilds
the model of pkg/neural independently in PyTorch (float64):

    logits = W2ᵀ·gelu(W1ᵀ·concat(E[x_{t-16}], …, E[x_{t-1}]) + b1) + b2

with exact (erf) GELU and left-padding with byte 0, and writes golden.json.
Run from the repository root after retraining the committed model:

    /usr/bin/python3 pkg/neural/testdata/golden.py
"""
import glob
import gzip
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
DIR = os.path.join(ROOT, "models", "neural-bytes")
CONTEXTS = ["The Rays of Light", "Colours of the Prism", "refrangible", "", "a", "Opticks, Query 31. ", "æ"]


def load():
    meta_path = sorted(glob.glob(os.path.join(DIR, "checkpoint-*.json")))[-1]
    meta = json.load(open(meta_path))
    blob = open(meta_path[: -len(".json")] + ".bin", "rb").read()
    header = b"gomlx_checkpointss"
    assert blob.startswith(header), "not a GoMLX checkpoint"
    n = blob[len(header)]
    assert blob[len(header) + 1 : len(header) + 1 + n] == b"gzip", "unsupported compression"
    raw = gzip.decompress(blob[len(header) + 1 + n :])
    out = {}
    for v in meta["Variables"]:
        assert v["DType"] == "Float32", v
        arr = np.frombuffer(raw[v["Pos"] : v["Pos"] + v["Length"]], dtype="<f4").reshape(v["Dimensions"])
        out[v["ParameterName"]] = torch.tensor(arr.astype(np.float64))
    return os.path.basename(meta_path), out


def main():
    name, w = load()
    info = json.load(open(os.path.join(DIR, "info.json")))
    c = info["config"]["context"]
    emb = w["var:/lm/embed/embeddings"]
    w1, b1 = w["var:/lm/hidden/dense/weights"], w["var:/lm/hidden/dense/biases"]
    w2, b2 = w["var:/lm/output/dense/weights"], w["var:/lm/output/dense/biases"]
    rows = []
    for text in CONTEXTS:
        ids = list(text.encode("utf-8"))[-c:]
        ids = [0] * (c - len(ids)) + ids
        x = emb[torch.tensor(ids)].reshape(-1)
        h = F.gelu(x @ w1 + b1)  # exact erf GELU, as GoMLX's activation.Gelu
        rows.append(F.log_softmax(h @ w2 + b2, dim=-1).tolist())
    json.dump(
        {"checkpoint": name, "torch": torch.__version__, "contexts": CONTEXTS, "log_probs": rows},
        open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden.json"), "w"),
    )


if __name__ == "__main__":
    main()
