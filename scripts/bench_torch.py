#!/usr/bin/python3
"""PyTorch peer of `course bench`: times the same batched ops on the CPU.

Run by `course bench` as
    /usr/bin/python3 scripts/bench_torch.py --batch 64 --vocab 128000 \
        --threads 2 --runs 5 --ops softmax,log_softmax,...
It prints one JSON object per line: {"op", "engine", "shape", "ms", "threads"}, where
ms is the median wall time of --runs runs after one warm-up run. With
--serve it instead reads requests from stdin, one per line, "OP" or
"OP RUNS WARMUP" (WARMUP 0, 1 or a duration such as 20ms), and answers each with its JSON line, so that
`course bench` can alternate single PyTorch runs with single Go runs of the
same op, under the same machine load. The inputs
are float32 logits ~ N(0, 3^2) drawn with a fixed seed, the same
distribution (not the same numbers) as the Go side.

The op "copy2" copies both input batches (the floor of a two-input op).
Engines: "torch" for the library's own ops, and "torch-source-top-p" for
the sort-based nucleus sampler of the course's source material (sort,
softmax, cumulative sum, mask, scatter back, multinomial), re-implemented
here with the batch axis handled correctly (scatter along the vocabulary).
"""
import argparse
import json
import statistics
import sys
import time

import torch
import torch.nn.functional as F


def entropy(x):
    logp = F.log_softmax(x, dim=-1)
    return -(logp.exp() * logp).sum(dim=-1)


def kl(x, y):
    # KL(softmax(x) || softmax(y)) per row.
    return F.kl_div(F.log_softmax(y, dim=-1), F.log_softmax(x, dim=-1),
                    log_target=True, reduction="none").sum(dim=-1)


def topk_mask(x, k=50):
    # Hugging Face's TopKLogitsWarper: keep logits >= the k-th largest.
    kth = torch.topk(x, k, dim=-1).values[..., -1:]
    return x.masked_fill(x < kth, float("-inf"))


def sort_based_top_p(x, p=0.9):
    # Sort each row, find the nucleus by cumulative probability, write the
    # filtered logits back in vocabulary order, then draw one token per row.
    sorted_logits, order = torch.sort(x, dim=-1, descending=True)
    probs = F.softmax(sorted_logits, dim=-1)
    mass_before = torch.cumsum(probs, dim=-1) - probs
    sorted_logits = sorted_logits.masked_fill(mass_before >= p, float("-inf"))
    filtered = torch.empty_like(x).scatter_(-1, order, sorted_logits)
    return torch.multinomial(F.softmax(filtered, dim=-1), 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--vocab", type=int, default=128000)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--ops", default="copy,softmax,log_softmax,logsumexp,entropy,cross_entropy,kl,topk50,topp_sample")
    ap.add_argument("--serve", action="store_true", help="read op names from stdin instead of --ops")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    # The kernels PyTorch dispatches to ("AVX512", "AVX2", "NO AVX"): it
    # falls back silently on an unknown ATEN_CPU_CAPABILITY.
    isa = next((line.split(":", 1)[1].strip() for line in torch.__config__.show().splitlines()
                if "CPU capability usage" in line), "unknown")
    gen = torch.Generator().manual_seed(1)
    x = torch.randn(args.batch, args.vocab, generator=gen) * 3
    y = torch.randn(args.batch, args.vocab, generator=gen) * 3
    targets = torch.arange(args.batch) * 997 % args.vocab
    out = torch.empty_like(x)
    ops = {
        "copy": ("torch", lambda: out.copy_(x)),
        "copy2": ("torch", lambda: (out.copy_(x), out.copy_(y))),
        "softmax": ("torch", lambda: torch.softmax(x, dim=-1)),
        "log_softmax": ("torch", lambda: torch.log_softmax(x, dim=-1)),
        "logsumexp": ("torch", lambda: torch.logsumexp(x, dim=-1)),
        "entropy": ("torch", lambda: entropy(x)),
        "cross_entropy": ("torch", lambda: F.cross_entropy(x, targets)),
        "kl": ("torch", lambda: kl(x, y)),
        "topk50": ("torch", lambda: topk_mask(x)),
        "topp_sample": ("torch-source-top-p", lambda: sort_based_top_p(x)),
    }
    shape = f"[{args.batch},{args.vocab}]"
    requests = (line.split() for line in sys.stdin) if args.serve else ([n] for n in args.ops.split(","))
    for req in requests:
        if not req:
            continue
        name = req[0]
        runs = int(req[1]) if len(req) > 1 else args.runs
        # WARMUP: "0", "1" (one call), or "20ms": untimed calls for at
        # least that long, as the Go side warms up before a warm run.
        warmup = req[2] if len(req) > 2 else "1"
        warm_s = float(warmup[:-2]) / 1e3 if warmup.endswith("ms") else 0.0
        if name not in ops:
            print(json.dumps({"op": name, "error": "unknown op"}), flush=True)
            continue
        engine, fn = ops[name]
        with torch.no_grad():
            if warmup != "0":
                start = time.perf_counter()
                fn()
                while time.perf_counter() - start < warm_s:
                    fn()
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                fn()
                times.append((time.perf_counter() - t0) * 1e3)
        print(json.dumps({"op": name, "engine": engine, "shape": shape,
                          "ms": statistics.median(times) if times else 0.0,
                          "threads": torch.get_num_threads(), "isa": isa}), flush=True)


if __name__ == "__main__":
    main()
