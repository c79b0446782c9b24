package samplers_test

import (
	"math"
	"slices"
	"testing"
)

// TestGumbelMaxSeeded checks exact draws, obtained by running the procedure
// GumbelMax's doc comment prescribes once with the same generator.
func TestGumbelMaxSeeded(t *testing.T) {
	logits := []float64{math.Log(0.4), math.Log(0.3), math.Log(0.2), math.Log(0.1)}
	want := []int{1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 3, 0, 1, 0, 1, 2, 2, 3}
	got := GumbelDraws(logits, 20, 7, 7)
	if !slices.Equal(got, want) {
		t.Errorf("20 GumbelMax draws with rand.NewPCG(7, 7):\n    expected %v\n    got      %v\n    draw u = rng.Float64() once per index, in index order, and take argmax(logit − ln(−ln u))\n    %v", want, got, gumbelLesson)
	}
}
