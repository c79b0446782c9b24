// Package contract holds the argument checks that pkg/rows and pkg/xla
// share, with their panic messages, and the rules both engines follow
// where the arguments are valid but unusual:
//
//   - A batch is len(x)/V rows with V ≥ 1; an empty batch (len(x) = 0) is
//     valid and does nothing (a Mean loss over it is 0/0 = NaN).
//   - Temperatures are finite and ≥ 0; β is finite and > 0; top-k's k ≥ 1;
//     top-p's p ∈ (0, 1]; min-p ∈ [0, 1]; label smoothing ε ∈ [0, 1].
//   - Targets are in [0, V) unless the options name an ignore index and
//     the target equals it; the zero options ignore nothing.
//   - An unknown Reduction, estimator or preference loss panics, before
//     any work.
//   - Sampling never draws a token whose filtered logit is more than
//     [GumbelCutoff] nats below its row's best (its probability is below
//     e^−87.3 ≈ 1.2e−38 of the best's).
//
// A panic message is "ENGINE: Func: what, want what": the engine's
// package name, the exported function and the broken rule. The
// subpackage conformance is the table both engines' tests run.
package contract

import (
	"fmt"
	"math"
	"strings"
)

// GumbelCutoff is the gap in nats below a row's best filtered logit
// beyond which a token is never sampled: float32 exp(z − max z) is 0
// there, which is where pkg/rows' sampler drops a token. The rule changes
// no draw: the engines' Gumbel noise, from uniforms in [2⁻⁵⁴, 1 − 2⁻⁵⁴],
// lies in [−3.62, 37.43], so no token more than 41.1 nats behind can win.
const GumbelCutoff = 87.3365478515625

// Checker panics with messages prefixed by the engine's name ("rows" or
// "xla").
type Checker string

func (c Checker) panicf(fn, format string, args ...any) {
	panic(fmt.Sprintf("%s: %s: ", c, fn) + fmt.Sprintf(format, args...))
}

// Rows checks that x holds whole rows of length v ≥ 1 and returns their
// number (0 for an empty x).
func (c Checker) Rows(fn string, x []float32, v int) int {
	if v < 1 {
		c.panicf(fn, "V = %d, want V ≥ 1", v)
	}
	if len(x)%v != 0 {
		c.panicf(fn, "len(x) = %d is not a multiple of V = %d", len(x), v)
	}
	return len(x) / v
}

// Len checks that the slice called name has length want.
func (c Checker) Len(fn, name string, got, want int) {
	if got != want {
		c.panicf(fn, "len(%s) = %d, want %d", name, got, want)
	}
}

// Temperature checks that t is finite and ≥ 0.
func (c Checker) Temperature(fn string, t float32) {
	if !(t >= 0) || math.IsInf(float64(t), 1) {
		c.panicf(fn, "temperature = %v, want a finite value ≥ 0", t)
	}
}

// Beta checks that a preference loss's strength β is finite and > 0.
func (c Checker) Beta(fn string, beta float32) {
	if !(beta > 0) || math.IsInf(float64(beta), 1) {
		c.panicf(fn, "beta = %v, want a finite β > 0", beta)
	}
}

// TopK checks that k ≥ 1.
func (c Checker) TopK(fn string, k int) {
	if k < 1 {
		c.panicf(fn, "k = %d, want k ≥ 1", k)
	}
}

// TopP checks that 0 < p ≤ 1.
func (c Checker) TopP(fn string, p float32) {
	if !(p > 0 && p <= 1) {
		c.panicf(fn, "p = %v, want 0 < p ≤ 1", p)
	}
}

// MinP checks that 0 ≤ minP ≤ 1.
func (c Checker) MinP(fn string, minP float32) {
	if !(minP >= 0 && minP <= 1) {
		c.panicf(fn, "minP = %v, want 0 ≤ minP ≤ 1", minP)
	}
}

// Sampler checks a sampler configuration: the temperature as
// [Checker.Temperature], TopK ≥ 0 (0 = off), TopP and MinP in [0, 1].
func (c Checker) Sampler(fn string, temperature float32, topK int, topP, minP float32) {
	c.Temperature(fn, temperature)
	if topK < 0 || !(topP >= 0 && topP <= 1) || !(minP >= 0 && minP <= 1) {
		c.panicf(fn, "bad SamplerConfig {Temperature:%v TopK:%d TopP:%v MinP:%v}: want TopK ≥ 0, TopP and MinP in [0, 1]",
			temperature, topK, topP, minP)
	}
}

// Targets checks a cross-entropy's options and targets: one target per
// row (n rows), label smoothing ε ∈ [0, 1], and every target in [0, v)
// unless ignore is set and it equals ignoreIndex.
func (c Checker) Targets(fn string, targets []int, n, v int, eps float64, ignore bool, ignoreIndex int) {
	c.Len(fn, "targets", len(targets), n)
	if !(eps >= 0 && eps <= 1) {
		c.panicf(fn, "LabelSmoothing = %v, want 0 ≤ ε ≤ 1", eps)
	}
	for r, t := range targets {
		if ignore && t == ignoreIndex || t >= 0 && t < v {
			continue
		}
		if ignore {
			c.panicf(fn, "targets[%d] = %d, want 0 ≤ t < V = %d or IgnoreIndex = %d", r, t, v, ignoreIndex)
		}
		c.panicf(fn, "targets[%d] = %d, want 0 ≤ t < V = %d (no ignore index set)", r, t, v)
	}
}

// Enum checks that value is one of the len(names) values 0, 1, … of the
// enumeration called kind, whose names are listed in order.
func (c Checker) Enum(fn, kind string, value int, names ...string) {
	if value < 0 || value >= len(names) {
		c.panicf(fn, "unknown %s %d, want %s", kind, value, strings.Join(names, ", "))
	}
}

// GumbelIndex checks that a token index is ≥ 0.
func (c Checker) GumbelIndex(fn string, i int) {
	if i < 0 {
		c.panicf(fn, "i = %d, want ≥ 0", i)
	}
}

// Estimator checks a KL estimator's number (0, 1, 2 = k1, k2, k3).
func (c Checker) Estimator(fn string, e int) { c.Enum(fn, "Estimator", e, "K1", "K2", "K3") }

// Preference checks a preference loss's arguments: the four sequence
// log-probability slices, checked in this order, of length n; β as
// [Checker.Beta]; kind 0, 1 or 2 (DPO, Hinge, IPO).
func (c Checker) Preference(fn string, n int, policyChosen, policyRejected, refChosen, refRejected []float32, beta float32, kind int) {
	c.Len(fn, "policyChosen", len(policyChosen), n)
	c.Len(fn, "policyRejected", len(policyRejected), n)
	c.Len(fn, "refChosen", len(refChosen), n)
	c.Len(fn, "refRejected", len(refRejected), n)
	c.Beta(fn, beta)
	c.Enum(fn, "Preference", kind, "DPO", "Hinge", "IPO")
}

// Reduction checks a loss reduction's number (0, 1 = Mean, Sum).
func (c Checker) Reduction(fn string, r int) { c.Enum(fn, "Reduction", r, "Mean", "Sum") }

// Speculative checks a speculative verification's draft length k ≥ 1 and
// that every drafted token is in [0, v).
func (c Checker) Speculative(fn string, k int, drafts []int, v int) {
	if k < 1 {
		c.panicf(fn, "draft length k = %d, want k ≥ 1", k)
	}
	for i, x := range drafts {
		if x < 0 || x >= v {
			c.panicf(fn, "drafts[%d] = %d, want 0 ≤ x < V = %d", i, x, v)
		}
	}
}
