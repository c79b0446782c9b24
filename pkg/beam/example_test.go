package beam_test

import (
	"fmt"
	"math"

	"github.com/bitsandlogits/course/pkg/beam"
)

// The lesson's worked example: a bigram over four tokens, start token 0,
// end token 3. Greedy decoding (width 1) misses the more probable
// one-token answer; the length penalty α decides which answer wins.
func ExampleSearch() {
	table := [][]float64{{0, 0.55, 0, 0.45}, {0, 0, 0.8, 0.2}, {0.4, 0, 0, 0.6}, {0.25, 0.25, 0.25, 0.25}}
	model := func(ctx []int) []float64 {
		lp := make([]float64, 4)
		for i, p := range table[ctx[len(ctx)-1]] {
			lp[i] = math.Log(p) // −Inf for p = 0: never extended
		}
		return lp
	}
	greedy := beam.Search(model, []int{0}, beam.Config{Width: 1, MaxLen: 6, EOS: 3})[0]
	fmt.Printf("greedy: %v ln p %.4f\n", greedy.Tokens, greedy.LogProb)
	for _, alpha := range []float64{0, 1, 2} {
		h := beam.Search(model, []int{0}, beam.Config{Width: 4, MaxLen: 6, EOS: 3, Alpha: alpha})[0]
		fmt.Printf("α = %.0f: %v ln p %.4f score %.4f\n", alpha, h.Tokens, h.LogProb, h.Score)
	}
	// Output:
	// greedy: [1 2 3] ln p -1.3318
	// α = 0: [3] ln p -0.7985 score -0.7985
	// α = 1: [1 2 3] ln p -1.3318 score -0.4439
	// α = 2: [1 2 0 1 2 3] ln p -3.0691 score -0.0853
}
