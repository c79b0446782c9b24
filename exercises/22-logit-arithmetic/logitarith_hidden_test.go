package logitarith_test

import (
	"math"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

// Logits of size 1e4: exp overflows unless every softmax subtracts its maximum.
func TestLogitArithmeticExtremes(t *testing.T) {
	cond, uncond := logs(0.5, 0.25, 0.25), logs(0.25, 0.25, 0.5)
	g := Guide(shift(cond, 1e4), shift(uncond, -1e4), 1)
	if check.Finite(t, "Guide, logits near ±1e4", g, guideLesson) {
		check.Slice(t, "Guide, logits near ±1e4", g, logs(8.0/11, 2.0/11, 1.0/11), 1e-9, guideLesson)
	}
	e, a := logs(0.5, 0.3, 0.15, 0.05), logs(0.6, 0.1, 0.1, 0.2)
	cd := Contrastive(shift(e, 1e4), shift(a, 1e4), 0.25)
	check.Slice(t, "Contrastive, logits near 1e4", cd, logs(5.0/32, 18.0/32, 9.0/32, 0), 1e-9, cdLesson)
	check.Slice(t, "Guide, masked tokens with logits near 1e4, γ = 3", Guide([]float64{1e4, 1e4, inf}, []float64{1e4, 1e4, inf}, 3),
		[]float64{-math.Ln2, -math.Ln2, inf}, 1e-12, guideLesson)
}
