package perplexity_test

import (
	"math"
	"testing"

	"github.com/bitsandlogits/course/exercises/07-perplexity"
	"github.com/bitsandlogits/course/exercises/internal/check"
)

const lesson = check.Lesson("lessons/07-perplexity.md, sections “Definition” and “The uniform model: exactly V”")

func TestPerplexityGolden(t *testing.T) {
	lp := []float64{-0.6931471805599453, -1.3862943611198906, -2.3025850929940455, -0.2231435513142097, -2.995732273553991}
	check.Close(t, "MeanNLL(ln [0.5 0.25 0.1 0.8 0.05])", perplexity.MeanNLL(lp), 1.5201804919084165, 1e-12, lesson)
	check.Close(t, "Perplexity(ln [0.5 0.25 0.1 0.8 0.05])", perplexity.Perplexity(lp), 4.573050519273264, 1e-12, lesson)
}

func TestPerplexityUniformIsV(t *testing.T) {
	const v = 50257
	lp := make([]float64, 1000)
	for i := range lp {
		lp[i] = -math.Log(v)
	}
	check.Close(t, "Perplexity of a uniform model over 50257 tokens (must be exactly V)", perplexity.Perplexity(lp), v, 1e-10, lesson)
}

func TestPerplexityEdgeCases(t *testing.T) {
	check.Close(t, "Perplexity([0 0 0]) (a model certain and right every time)", perplexity.Perplexity([]float64{0, 0, 0}), 1, 1e-15, lesson)
	check.Close(t, "Perplexity([-1 -Inf]) (a token given probability 0)", perplexity.Perplexity([]float64{-1, math.Inf(-1)}), math.Inf(1), 0, lesson)
	long := make([]float64, 1_000_000)
	for i := range long {
		long[i] = -math.Log(7)
	}
	check.Close(t, "Perplexity over 10⁶ tokens of probability 1/7 (average, do not multiply probabilities)", perplexity.Perplexity(long), 7, 1e-9, lesson)
}
