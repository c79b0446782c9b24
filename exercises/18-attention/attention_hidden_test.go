package attention_test

import (
	"math"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

func TestOnlineExtremes(t *testing.T) {
	for _, c := range []struct {
		name           string
		scores, values []float64
		block          int
		want           float64
	}{
		{"every score −Inf: output 0", []float64{-inf, -inf, -inf}, []float64{1, 2, 3}, 2, 0},
		{"scores of 1e4 rising block by block", []float64{1e4, 1e4 + 1, 1e4 + 2}, []float64{1, 2, 3}, 1,
			(e(-2) + 2*e(-1) + 3) / (e(-2) + e(-1) + 1)},
		{"a masked block in the middle", []float64{0, -inf, -inf, 0}, []float64{1, 50, 50, 3}, 1, 2},
	} {
		got := OnlineAttention(c.scores, c.values, c.block)
		check.Close(t, "OnlineAttention, "+c.name, got, c.want, 1e-12, onlineLesson)
		if math.IsNaN(got) {
			return
		}
	}
}
