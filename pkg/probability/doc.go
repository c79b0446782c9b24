// Package probability is the reference implementation of the probability and
// information theory behind training and decoding language models: softmax and
// temperature, log-sum-exp, entropy, cross-entropy, KL and Jensen–Shannon
// divergence, perplexity, mutual information, Bayes' rule, calibration, the KL
// estimators used as RLHF penalties and the DPO family of preference losses.
//
// Every function works in float64 on plain slices and is written to be read:
// the doc comment states the formula, the units and the edge cases. Logarithms
// are natural, so information is measured in nats; [Bits] converts.
//
// # Numerical stability
//
// Exponentials are never taken of raw logits. Softmax and its relatives subtract
// the row maximum first (the log-sum-exp trick), which leaves the result
// unchanged — softmax is shift-invariant — but keeps every exp in [0, 1], so
// logits of ±1e300 or −Inf entries are handled exactly.
//
// # Conventions for bad input
//
// Following gonum, programmer errors panic with a message that starts with
// "probability:" and names the function and the offending value: empty or
// mismatched slices, negative probabilities, distributions that do not sum to 1
// (|Σ−1| > 1e-9), out-of-range targets or parameters. −Inf logits are legal
// and mean probability 0; a row whose logits are all −Inf has no distribution
// and panics. A NaN logit propagates: every output of a softmax over that row
// is NaN. A NaN probability is rejected like a negative one.
package probability
