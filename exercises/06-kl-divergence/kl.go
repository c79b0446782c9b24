// Package kl is exercise 06: Kullback–Leibler and Jensen–Shannon divergence, and PyTorch's F.kl_div.
package kl

// KL returns KL(p‖q) = Σ p_i ln(p_i / q_i) in nats. Terms with p_i = 0 are 0;
// a q_i = 0 where p_i > 0 gives +Inf. KL ≥ 0, = 0 iff p = q, not symmetric.
func KL(p, q []float64) float64 { panic("TODO: implement KL (see README.md)") }

// JS returns the Jensen–Shannon divergence ½ KL(p‖m) + ½ KL(q‖m) with
// m = ½(p + q), in nats: symmetric, finite, between 0 and ln 2.
func JS(p, q []float64) float64 { panic("TODO: implement JS (see README.md)") }

// KLDivBatchMean is PyTorch's F.kl_div(input, target, reduction="batchmean")
// on a batch of rows: input holds the model's log-probabilities (one row per
// position), target the reference probabilities. See README.md for which
// divergence that is and how it is averaged.
func KLDivBatchMean(input, target [][]float64) float64 {
	panic("TODO: implement KLDivBatchMean (see README.md)")
}
