package constrained_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	constrained "github.com/bitsandlogits/course/exercises/23-constrained-decoding"
	"github.com/bitsandlogits/course/exercises/internal/check"
)

// Random bigram models under (ab|c)+: multiplying ExactNext along every
// accepted string (and its EOS) must give p(x) / Z, with p(x) and Z found
// by brute force over every string of at most MaxLen tokens. A per-step
// masked sampler fails here.
func TestExactNextIsTheConditional(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 7))
	for k := range 4 {
		p := abc()
		p.Start, p.Rows = randomRow(rng, 4), [][]float64{randomRow(rng, 4), randomRow(rng, 4), randomRow(rng, 4), {0, 0, 0, 1}}
		p.MaxLen = 4 + k%2
		strings, probs, z := bruteForce(p)
		check.Close(t, fmt.Sprintf("model %d: Satisfy at the start", k), Satisfy(p, -1, p.DFA.Start, p.MaxLen), z, 1e-12, exactLesson)
		for i, x := range strings {
			got := 1.0
			steps := append(append([]int(nil), x...), p.EOS)
			for j, tok := range steps {
				if j == p.MaxLen {
					break
				}
				q := ExactNext(p, x[:j])
				if len(q) != len(p.Start) {
					t.Fatalf("model %d: ExactNext after %v returned %v, want a distribution over 4 tokens\n    %v", k, x[:j], q, exactLesson)
				}
				got *= q[tok]
			}
			check.Close(t, fmt.Sprintf("model %d: product of ExactNext along %v (and EOS) = p(x)/Z", k, x), got, probs[i]/z, 1e-10, exactLesson)
		}
	}
}

// randomRow is a flat-Dirichlet distribution over v tokens.
func randomRow(rng *rand.Rand, v int) []float64 {
	row := make([]float64, v)
	sum := 0.0
	for i := range row {
		row[i] = rng.ExpFloat64()
		sum += row[i]
	}
	for i := range row {
		row[i] /= sum
	}
	return row
}

// bruteForce lists every accepted string of at most MaxLen tokens (EOS
// excluded) with its probability under the bigram, and their total Z.
func bruteForce(p constrained.Problem) (strings [][]int, probs []float64, z float64) {
	var walk func(x []int, s int, pr float64)
	walk = func(x []int, s int, pr float64) {
		dist := p.Start
		if len(x) > 0 {
			dist = p.Rows[x[len(x)-1]]
		}
		if len(x) == p.MaxLen || p.DFA.Accept[s] {
			end := pr
			if len(x) < p.MaxLen {
				end *= dist[p.EOS]
			}
			if p.DFA.Accept[s] && end > 0 {
				strings, probs, z = append(strings, append([]int(nil), x...)), append(probs, end), z+end
			}
			if len(x) == p.MaxLen {
				return
			}
		}
		for tok, n := range p.DFA.Next[s] {
			if tok != p.EOS && n != constrained.Dead {
				walk(append(x[:len(x):len(x)], tok), n, pr*dist[tok])
			}
		}
	}
	walk(nil, p.DFA.Start, 1)
	return strings, probs, z
}
