package arith

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestQuantize(t *testing.T) {
	cases := [][]float64{
		{1}, {0.5, 0.5}, {1, 0, 0, 0}, {0.999999, 1e-9, 1e-9},
		{math.NaN(), -1, 0.5, 0.5}, {1, 1, 1, 1}, // not distributions: still valid frequencies
		make([]float64, 256),
	}
	uni := make([]float64, 256)
	for i := range uni {
		uni[i] = 1.0 / 256
	}
	cases = append(cases, uni)
	for _, p := range cases {
		cum := make([]uint32, len(p)+1)
		Quantize(p, cum)
		if cum[0] != 0 || cum[len(p)] != Total {
			t.Fatalf("p=%v: cum ends %d, %d", p, cum[0], cum[len(p)])
		}
		for i := range p {
			if cum[i+1] <= cum[i] {
				t.Fatalf("p=%v: freq(%d) = 0", p, i)
			}
		}
	}
	cum := make([]uint32, 257)
	Quantize(uni, cum)
	if cum[1] != 256 || cum[128] != 128*256 {
		t.Errorf("uniform: freq(0) = %d, cum[128] = %d; want 256, 32768", cum[1], cum[128])
	}
}

func TestFind(t *testing.T) {
	cum := []uint32{0, 3, 3 + 1, 10, Total}
	for v, want := range map[uint32]int{0: 0, 2: 0, 3: 1, 4: 2, 9: 2, 10: 3, Total - 1: 3} {
		if got := Find(cum, v); got != want {
			t.Errorf("Find(%d) = %d, want %d", v, got, want)
		}
	}
}

// TestCoder round-trips skewed random symbols and checks the size against
// the ideal Σ −log₂(freq/Total).
func TestCoder(t *testing.T) {
	freq := []uint32{60000, 5000, 500, 35, 1}
	cum := []uint32{0}
	for _, f := range freq {
		cum = append(cum, cum[len(cum)-1]+f)
	}
	r := rand.New(rand.NewPCG(3, 4))
	syms := make([]int, 20000)
	var ideal float64
	for i := range syms {
		syms[i] = Find(cum, r.Uint32N(Total))
		ideal -= math.Log2(float64(freq[syms[i]]) / Total)
	}
	e := NewEncoder()
	for _, s := range syms {
		e.Encode(cum[s], freq[s])
	}
	out := e.Finish()
	if bits := float64(8 * len(out)); bits > ideal*1.001+40 || bits < ideal {
		t.Errorf("coded %v bits, ideal %.0f", bits, ideal)
	}
	d := NewDecoder(out)
	for i, want := range syms {
		v, err := d.Target()
		if err != nil {
			t.Fatal(err)
		}
		s := Find(cum, v)
		if s != want {
			t.Fatalf("symbol %d: got %d, want %d", i, s, want)
		}
		d.Consume(cum[s], freq[s])
	}
	if err := d.Done(); err != nil {
		t.Fatal(err)
	}
	d = NewDecoder(out[:len(out)-1])
	for range syms {
		v, err := d.Target()
		if err != nil {
			break
		}
		s := Find(cum, v)
		d.Consume(cum[s], freq[s])
	}
	if err := d.Done(); !errors.Is(err, ErrTruncated) {
		t.Errorf("truncated: err = %v, want ErrTruncated", err)
	}
}

// TestSparse checks that the sparse frequencies tile [0, Total): every point
// v is found in the interval of the byte Find returns, and every byte has
// freq ≥ 1.
func TestSparse(t *testing.T) {
	base := 0.2 / 256
	syms := []byte{3, 10, 11, 200, 255}
	probs := []float64{0.3 + base, 0.2 + base, 0.1 + base, base, 0.2 + base}
	var s Sparse
	if !s.Set(base, syms, probs) {
		t.Fatal("Set failed on a distribution")
	}
	var next uint32
	for b := range 256 {
		c, f := s.Interval(b)
		if c != next || f < 1 {
			t.Fatalf("byte %d: interval [%d, +%d), want start %d and freq ≥ 1", b, c, f, next)
		}
		next = c + f
	}
	if next != Total {
		t.Fatalf("frequencies sum to %d, want %d", next, Total)
	}
	for v := uint32(0); v < Total; v += 7 {
		b := s.Find(v)
		if c, f := s.Interval(b); v < c || v >= c+f {
			t.Fatalf("Find(%d) = %d with interval [%d, %d)", v, b, c, c+f)
		}
	}
	if s.Set(base, nil, nil) {
		t.Error("Set with no bytes: want false (fall back to Quantize)")
	}
}
