// Package rows is the fast native engine for the batched operations of a
// language model's output layer: row-wise softmax, log-softmax,
// log-sum-exp, entropy, cross-entropy, KL and JS divergences, top-k /
// top-p / min-p masks and seeded Gumbel-max sampling, over float32
// logits; and speculative decoding's verification step over float32
// probability rows.
//
// A batch is one flat row-major []float32 of rows×V values: row r is
// x[r·V : (r+1)·V]. A [B, T, V] tensor is simply B·T rows. Every function
// takes V explicitly and panics (with a message starting "rows: ") when
// len(x) is not a multiple of V or an output has the wrong length; an
// empty batch does nothing. The checks, their messages and the edge-case
// rules are shared with pkg/xla (internal/contract), and one table of
// cases (internal/contract/conformance) runs on both engines.
// Logits are expected to be finite or −Inf (a masked token); a row with a
// NaN or +Inf logit has no distribution and gives NaN or an arbitrary
// but non-panicking result, which may differ between the SIMD and scalar
// builds.
//
// The formulas are those of the float64 reference packages
// pkg/probability and pkg/sampling, which the tests compare against to
// 1e-5 relative; this package only makes them fast:
//
//   - rows are split across GOMAXPROCS goroutines;
//   - exp, max and sums run in the float32 kernels of internal/vecmath,
//     which use 16-lane AVX-512 or 8-lane AVX2 (simd/archsimd) when the
//     program is built with GOEXPERIMENT=simd and the CPU has them, 4-lane
//     SSE2 on other amd64 CPUs in such a build, and a portable scalar loop
//     otherwise
//     (COURSE_ISA=avx2, sse2 or scalar forces a narrower path);
//   - each row is read the fewest times the math allows: the max and
//     Σ exp come from one "online" pass (block by block, rescaling the
//     sum when the max rises), so cross-entropy and log-sum-exp read a
//     row once and log-softmax reads it once more to write its output;
//   - top-k finds its threshold with a heap (small k) or radix selection
//     on the float bits, and top-p with a probability-weighted radix
//     selection: O(V) per row instead of sorting the vocabulary;
//   - sampling uses the Gumbel-max trick with counter-based noise, so a
//     row's token depends only on (seed, row, step).
package rows
