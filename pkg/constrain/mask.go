package constrain

import (
	"fmt"
	"math"

	"github.com/bitsandlogits/course/pkg/probability"
)

// Mask returns a copy of logits with −Inf wherever allowed is false: after a
// softmax those tokens get probability exactly 0 and the rest are
// renormalised among themselves. It panics when the lengths differ.
func Mask(logits []float64, allowed []bool) []float64 {
	if len(allowed) != len(logits) {
		panic(fmt.Sprintf("constrain: Mask: %d logits, %d mask entries", len(logits), len(allowed)))
	}
	out := make([]float64, len(logits))
	for i, z := range logits {
		out[i] = math.Inf(-1)
		if allowed[i] {
			out[i] = z
		}
	}
	return out
}

// MaskedSoftmax returns softmax(Mask(logits, allowed)):
//
//	qᵢ = e^{zᵢ} / Σ_{j allowed} e^{zⱼ} for allowed i, 0 otherwise.
//
// The normaliser runs over the allowed tokens only, so q sums to 1. When no
// allowed token has a finite logit the masked distribution does not exist
// (0/0): MaskedSoftmax returns nil, and the caller must decide what an empty
// allowed set means (a bug in the constraint, or a prefix that cannot be
// completed), never sample from NaN.
func MaskedSoftmax(logits []float64, allowed []bool) []float64 {
	m := Mask(logits, allowed)
	for _, z := range m {
		if !math.IsInf(z, -1) {
			return probability.Softmax(m)
		}
	}
	return nil
}

// Renormalize is MaskedSoftmax for probabilities: qᵢ = pᵢ / Σ_{j allowed} pⱼ
// for allowed i, 0 otherwise; nil when the allowed tokens carry no mass.
func Renormalize(p []float64, allowed []bool) []float64 {
	if len(allowed) != len(p) {
		panic(fmt.Sprintf("constrain: Renormalize: %d probabilities, %d mask entries", len(p), len(allowed)))
	}
	kept := 0.0
	for i, x := range p {
		if allowed[i] {
			kept += x
		}
	}
	if kept <= 0 {
		return nil
	}
	out := make([]float64, len(p))
	for i, x := range p {
		if allowed[i] {
			out[i] = x / kept
		}
	}
	return out
}
