package entropy_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const lesson = check.Lesson("lessons/04-entropy.md, sections “Surprise and its average” and “Two anchors”")

func TestEntropyGolden(t *testing.T) {
	// Golden values: scipy.stats.entropy.
	p := []float64{0.5, 0.25, 0.125, 0.125}
	check.Close(t, "Entropy([0.5 0.25 0.125 0.125]) in nats", Entropy(p), 1.2130075659799042, 1e-12, lesson)
	check.Close(t, "EntropyBits([0.5 0.25 0.125 0.125])", EntropyBits(p), 1.75, 1e-12, lesson)
	check.Close(t, "Entropy([0.7 0.2 0.1]) in nats", Entropy([]float64{0.7, 0.2, 0.1}), 0.8018185525433373, 1e-12, lesson)
}

func TestEntropyZeroLogZero(t *testing.T) {
	zl := check.Lesson("lessons/04-entropy.md, section “Surprise and its average” (the 0 log 0 = 0 convention)")
	check.Close(t, "Entropy([1 0 0]) (0·ln 0 must count as 0, not NaN)", Entropy([]float64{1, 0, 0}), 0, 1e-15, zl)
	check.Close(t, "Entropy([0.5 0.5 0 0])", Entropy([]float64{0.5, 0.5, 0, 0}), math.Ln2, 1e-15, zl)
	check.Close(t, "EntropyBits([0 0 0 1])", EntropyBits([]float64{0, 0, 0, 1}), 0, 1e-15, zl)
}

func TestEntropyBitsUniform(t *testing.T) {
	for _, v := range []int{2, 8, 50257} {
		p := make([]float64, v)
		for i := range p {
			p[i] = 1 / float64(v)
		}
		check.Close(t, fmt.Sprintf("EntropyBits(uniform over %d) = log₂ %d", v, v), EntropyBits(p), math.Log2(float64(v)), 1e-10, lesson)
	}
}

func TestBinaryEntropy(t *testing.T) {
	check.Close(t, "BinaryEntropy(0.5) (a fair coin is 1 bit)", BinaryEntropy(0.5), 1, 1e-15, lesson)
	check.Close(t, "BinaryEntropy(0)", BinaryEntropy(0), 0, 1e-15, lesson)
	check.Close(t, "BinaryEntropy(1)", BinaryEntropy(1), 0, 1e-15, lesson)
	check.Close(t, "BinaryEntropy(0.11)", BinaryEntropy(0.11), 0.499915958164528, 1e-12, lesson)
	for _, p := range []float64{0.01, 0.2, 0.37} {
		a, b := BinaryEntropy(p), BinaryEntropy(1-p)
		check.Invariant(t, "H(p) = H(1 − p)", math.Abs(a-b) < 1e-12, fmt.Sprintf("H(%v) = %v but H(%v) = %v", p, a, 1-p, b), lesson)
		check.Invariant(t, "H(p) < 1 bit for p ≠ ½", a < 1, fmt.Sprintf("H(%v) = %v", p, a), lesson)
	}
}

// TestEntropyOfLogits grades entropy where a model produces it: from logits,
// some of them −Inf after a filter, some of them huge.
func TestEntropyOfLogits(t *testing.T) {
	ll := check.Lesson("lessons/04-entropy.md, sections “In LLMs” and “Pitfalls” (0 log 0; entropy of a filtered distribution)")
	inf := math.Inf(1)
	// Golden values: scipy.stats.entropy(scipy.special.softmax(z)).
	for _, c := range []struct {
		z    []float64
		want float64
	}{
		{[]float64{2, 1, 0.5, -1}, 1.0144027755025642},
		{[]float64{800, 800, 800}, 1.0986122886681096},       // exp(800) overflows
		{[]float64{3, 3, -inf, -inf, 1}, 0.8853815523455887}, // two tokens filtered out
		{[]float64{0, 0, -inf, -inf}, math.Ln2},
		{[]float64{1e4, 0, -1e4}, 0},
		{[]float64{-inf, 5}, 0},
	} {
		check.Close(t, fmt.Sprintf("EntropyOfLogits(%v) in nats", c.z), EntropyOfLogits(c.z), c.want, 1e-12, ll)
	}
}
