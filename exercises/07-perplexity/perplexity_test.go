package perplexity_test

import (
	"math"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const lesson = check.Lesson("lessons/07-perplexity.md, sections “Definition” and “The uniform model: exactly V”")

func TestPerplexityGolden(t *testing.T) {
	lp := []float64{-0.6931471805599453, -1.3862943611198906, -2.3025850929940455, -0.2231435513142097, -2.995732273553991}
	check.Close(t, "MeanNLL(ln [0.5 0.25 0.1 0.8 0.05])", MeanNLL(lp), 1.5201804919084165, 1e-12, lesson)
	check.Close(t, "Perplexity(ln [0.5 0.25 0.1 0.8 0.05])", Perplexity(lp), 4.573050519273264, 1e-12, lesson)
	// The lesson's five tokens, probabilities 0.40, 0.05, 0.70, 0.20, 0.90: 1.1967 nats, PPL 3.3092.
	five := []float64{-0.916290731874155, -2.995732273553991, -0.35667494393873245, -1.6094379124341003, -0.10536051565782628}
	check.Close(t, "MeanNLL(ln [0.40 0.05 0.70 0.20 0.90]) (the lesson's 1.1967 nats)", MeanNLL(five), 1.196699275491761, 1e-12, lesson)
	check.Close(t, "Perplexity(ln [0.40 0.05 0.70 0.20 0.90]) (the lesson's 3.3092)", Perplexity(five), 3.3091761975324276, 1e-12, lesson)
}

func TestPerplexityUniformIsV(t *testing.T) {
	const v = 50257
	lp := make([]float64, 1000)
	for i := range lp {
		lp[i] = -math.Log(v)
	}
	check.Close(t, "Perplexity of a uniform model over 50257 tokens (must be exactly V)", Perplexity(lp), v, 1e-10, lesson)
}

func TestPerplexityEdgeCases(t *testing.T) {
	check.Close(t, "Perplexity([0 0 0]) (a model certain and right every time)", Perplexity([]float64{0, 0, 0}), 1, 1e-15, lesson)
	check.Close(t, "Perplexity([-1 -Inf]) (a token given probability 0)", Perplexity([]float64{-1, math.Inf(-1)}), math.Inf(1), 0, lesson)
	long := make([]float64, 1_000_000)
	for i := range long {
		long[i] = -math.Log(7)
	}
	check.Close(t, "Perplexity over 10⁶ tokens of probability 1/7 (average, do not multiply probabilities)", Perplexity(long), 7, 1e-9, lesson)
}

// TestCorpusPerplexity grades the repaired evaluation loop on documents of
// different lengths, where averaging per document and averaging per token
// disagree.
func TestCorpusPerplexity(t *testing.T) {
	pl := check.Lesson("lessons/07-perplexity.md, section “Pitfalls” (averaging perplexities; natural log vs base 2)")
	half, eighth := math.Log(0.5), math.Log(0.125)
	five := []float64{-0.916290731874155, -2.995732273553991, -0.35667494393873245, -1.6094379124341003, -0.10536051565782628}
	// Golden values: math.exp(-np.concatenate(docs).mean()).
	for _, c := range []struct {
		what string
		docs [][]float64
		want float64
	}{
		// 6 ln 2 nats over 4 tokens: 2^1.5. The mean of the documents' perplexities (2 and 8) is 5.
		{"[ln [0.5 0.5 0.5], ln [0.125]]", [][]float64{{half, half, half}, {eighth}}, 2.82842712474619},
		// Per-document perplexities 3.3092, 4 and 100; per token, 5.3130.
		{"[the lesson's five tokens, ln [0.25 0.25], ln [0.01]]", [][]float64{five, {math.Log(0.25), math.Log(0.25)}, {math.Log(0.01)}}, 5.313001398605082},
	} {
		check.Close(t, "CorpusPerplexity("+c.what+") (every token counts once)", CorpusPerplexity(c.docs), c.want, 1e-12, pl)
	}
}
