package ngram

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/bitsandlogits/course/internal/panictest"
)

// "abab" with a=0, b=1 and an unseen c=2, order 2: the values worked by
// hand in the comment below.
//
//	bigram counts ab:2 ba:1 → D2 = n1/(n1+2n2) = 1/3
//	continuation counts a:2 (after b, and the start) b:1 → D1 = 1/3
//	P1 = (17, 8, 2)/27;  P2(·|a) = (17, 143, 2)/162;  P2(·|c) = P1
func TestHandWorkedBigram(t *testing.T) {
	m := Train([]int{0, 1, 0, 1}, 2, 3)
	cases := []struct {
		h    []int
		want []float64
	}{
		{nil, []float64{17. / 27, 8. / 27, 2. / 27}},
		{[]int{0}, []float64{17. / 162, 143. / 162, 2. / 162}},
		{[]int{2}, []float64{17. / 27, 8. / 27, 2. / 27}},
	}
	for _, c := range cases {
		for w, want := range c.want {
			if got := m.Prob(c.h, w); math.Abs(got-want) > 1e-15 {
				t.Errorf("P(%d | %v) = %v, want %v", w, c.h, got, want)
			}
		}
	}
	if d := m.Discounts(); math.Abs(d[0]-1./3) > 1e-15 || math.Abs(d[1]-1./3) > 1e-15 {
		t.Errorf("discounts %v, want [1/3 1/3]", d)
	}
}

func randomText(n, v int, seed uint64) []int {
	r := rand.New(rand.NewPCG(seed, 1))
	ids := make([]int, n)
	for i := range ids {
		// Zipf-ish and Markov-ish: repeat structure so high orders matter.
		if i > 3 && r.Float64() < 0.5 {
			ids[i] = ids[i-3]
		} else {
			ids[i] = int(float64(v) * math.Pow(r.Float64(), 3))
		}
	}
	return ids
}

// The distribution sums to 1 over the whole vocabulary, no token gets zero,
// and Prob agrees with Dist — including a BPE-sized vocabulary.
func TestProperDistribution(t *testing.T) {
	for _, tc := range []struct{ order, vocab int }{{5, 256}, {3, 199998}, {1, 50}} {
		ids := randomText(3000, tc.vocab, 7)
		m := Train(ids, tc.order, tc.vocab)
		for _, h := range [][]int{nil, ids[10:14], ids[100:104], {tc.vocab - 1, 0, tc.vocab - 1, 0}} {
			p := m.Dist(h)
			sum := 0.0
			for w, pw := range p {
				if pw <= 0 {
					t.Fatalf("order %d V %d: P(%d | %v) = %v", tc.order, tc.vocab, w, h, pw)
				}
				sum += pw
			}
			if math.Abs(sum-1) > 1e-9 {
				t.Errorf("order %d V %d: Σ P(· | %v) = %.15f", tc.order, tc.vocab, h, sum)
			}
			for _, w := range []int{ids[0], ids[14], tc.vocab - 1} {
				if got := m.Prob(h, w); math.Abs(got-p[w]) > 1e-12 {
					t.Errorf("Prob %v ≠ Dist %v", got, p[w])
				}
			}
		}
	}
}

// Higher orders fit repetitive text better: training log-likelihood rises
// with the order.
func TestOrderHelps(t *testing.T) {
	ids := randomText(5000, 30, 3)
	prev := math.Inf(-1)
	for order := 1; order <= 4; order++ {
		m := Train(ids, order, 30)
		ll := 0.0
		for _, s := range m.Score(ids, 0, false) {
			ll += s.LogProb
		}
		if ll <= prev {
			t.Errorf("order %d: log-likelihood %v not above order %d's %v", order, ll, order-1, prev)
		}
		prev = ll
	}
}

func TestEmptyAndShortTexts(t *testing.T) {
	for _, ids := range [][]int{nil, {3}, {3, 4}} {
		m := Train(ids, 5, 10)
		sum := 0.0
		for _, p := range m.Dist(ids) {
			sum += p
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("text %v: sum %v", ids, sum)
		}
	}
}

func TestPanics(t *testing.T) {
	panictest.Check(t, "id ≥ V", func() { Train([]int{5}, 2, 5) }, "ngram: Train:", "id 5 outside [0, 5)")
	panictest.Check(t, "order 0", func() { Train(nil, 0, 5) }, "ngram: Train:", "got order 0, V 5")
	panictest.Check(t, "token ≥ V", func() { Train([]int{0}, 2, 1).Prob(nil, 1) }, "ngram: Prob:", "token 1 outside [0, 1)")
}

func ExampleTrain() {
	m := Train([]int{0, 1, 0, 1}, 2, 3) // "abab"; token 2 never seen
	fmt.Printf("P(b|a) = %.4f, P(c|a) = %.4f\n", m.Prob([]int{0}, 1), m.Prob([]int{0}, 2))
	// Output: P(b|a) = 0.8827, P(c|a) = 0.0123
}

func BenchmarkProbBytes5(b *testing.B) {
	ids := randomText(100000, 256, 1)
	m := Train(ids, 5, 256)
	b.ResetTimer()
	for i := range b.N {
		j := 4 + i%(len(ids)-4)
		m.Prob(ids[j-4:j], ids[j])
	}
}

// TestSparseDistMatchesDist checks the sparse evaluation against Dist on
// every context of a small text and on unseen ones, and that the tokens
// outside the support share base.
func TestSparseDistMatchesDist(t *testing.T) {
	text := []int{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4, 3, 3, 8, 3, 2, 7, 9, 5}
	for order := 1; order <= 4; order++ {
		m := Train(text, order, 12) // tokens 0, 10, 11 never occur
		sup := m.Support()
		if want := []int32{1, 2, 3, 4, 5, 6, 7, 8, 9}; !slices.Equal(sup, want) {
			t.Fatalf("support %v, want %v", sup, want)
		}
		probs := make([]float64, len(sup))
		histories := [][]int{{}, {11, 0}, {0, 3}, {5, 9, 2}, {8, 3}}
		for i := range text {
			histories = append(histories, text[max(0, i-3):i])
		}
		for _, h := range histories {
			want := m.Dist(h)
			base := m.SparseDist(h, probs)
			for _, w := range []int{0, 10, 11} {
				if math.Abs(want[w]-base) > 1e-15 {
					t.Fatalf("order %d, h %v: base %g, Dist[%d] = %g", order, h, base, w, want[w])
				}
			}
			for j, w := range sup {
				if math.Abs(want[w]-probs[j]) > 1e-15 {
					t.Fatalf("order %d, h %v: P(%d) sparse %g, dense %g", order, h, w, probs[j], want[w])
				}
			}
		}
	}
}

// FuzzSparseDist checks SparseDist against Dist for arbitrary training
// texts and histories over a byte vocabulary.
func FuzzSparseDist(f *testing.F) {
	f.Add([]byte("abracadabra"), []byte("ab"), uint8(3))
	f.Add([]byte{0, 255, 0, 255}, []byte{}, uint8(1))
	f.Fuzz(func(t *testing.T, text, history []byte, order uint8) {
		ids, h := make([]int, len(text)), make([]int, len(history))
		for i, b := range text {
			ids[i] = int(b)
		}
		for i, b := range history {
			h[i] = int(b)
		}
		m := Train(ids, 1+int(order)%5, 256)
		probs := make([]float64, len(m.Support()))
		base := m.SparseDist(h, probs)
		want := m.Dist(h)
		in := make([]bool, 256)
		for j, w := range m.Support() {
			in[w] = true
			if math.Abs(probs[j]-want[w]) > 1e-12 {
				t.Fatalf("P(%d): sparse %g, dense %g", w, probs[j], want[w])
			}
		}
		for w, p := range want {
			if !in[w] && math.Abs(p-base) > 1e-12 {
				t.Fatalf("P(%d) outside the support: dense %g, base %g", w, p, base)
			}
		}
	})
}
