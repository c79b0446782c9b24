// Package rows is the fast native engine for the batched operations of a
// language model's output layer: row-wise softmax, log-softmax,
// log-sum-exp, entropy, cross-entropy, KL and JS divergences, top-k /
// top-p / min-p masks and seeded Gumbel-max sampling, over float32
// logits.
//
// A batch is one flat row-major []float32 of rows×V values: row r is
// x[r·V : (r+1)·V]. A [B, T, V] tensor is simply B·T rows. Every function
// takes V explicitly and panics (with a message starting "rows: ") when
// len(x) is not a multiple of V or an output has the wrong length.
//
// The formulas are those of the float64 reference packages
// pkg/probability and pkg/sampling, which the tests compare against to
// 1e-5 relative; this package only makes them fast:
//
//   - rows are split across GOMAXPROCS goroutines;
//   - exp, max and sums run in the float32 kernels of internal/vecmath,
//     which use 8-lane AVX2 (simd/archsimd) when the program is built
//     with GOEXPERIMENT=simd and a portable scalar loop otherwise;
//   - each row is read the fewest times the math allows: log-softmax is
//     one pass for the max, one for Σ exp and one to write the output;
//   - top-k and top-p find their threshold by radix selection on the
//     float bits (O(V) per row) instead of sorting the vocabulary.
package rows
