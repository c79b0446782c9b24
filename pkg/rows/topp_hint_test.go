package rows

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/bitsandlogits/course/internal/vecmath"
)

// topPRowScanAll is topPRow as it was before the mass hint: ExpStore,
// then selectMass scanning for every guess in turn (an infinite hint
// never skips one). TestTopPHintChangesNothing compares the two.
func (s *scratch) topPRowScanAll(out, z []float32, p float32) (all bool) {
	m := vecmath.Max(z)
	e := s.rowB(len(z))
	total := vecmath.ExpStore(e, z, 1, m)
	if !(total > 0) {
		copy(out, z)
		return true
	}
	target := float64(p) * total
	tau, above, ok := s.selectMass(z, e, target, math.Inf(1))
	if !ok {
		copy(out, z)
		return true
	}
	if out == nil {
		for _, i := range s.bucket {
			if k := key(z[i]); k > tau || (k == tau && above < target) {
				if k == tau {
					above += float64(e[i])
				}
				s.kept = append(s.kept, i)
			}
		}
		return false
	}
	s.kept = s.kept[:0]
	for i, x := range z {
		switch k := key(x); {
		case k > tau:
			s.kept = append(s.kept, int32(i))
		case k == tau && above < target:
			above += float64(e[i])
			s.kept = append(s.kept, int32(i))
		default:
			x = negInf
		}
		out[i] = x
	}
	return false
}

// hintRow returns a row of v logits for TestTopPHintChangesNothing:
// normal at a scale from 0.01 to 100 (a temperature from 1/100 to 100
// on unit logits) or, in half the rows, from 2 to 6, with runs of ties, some −Inf, and in some rows
// logits rounded to halves (many ties at the cut) or a few far above the
// rest (a peaked distribution).
func hintRow(r *rand.Rand, v int) []float32 {
	z := make([]float32, v)
	scale := math.Pow(10, r.Float64()*4-2)
	if r.IntN(2) == 0 {
		scale = 2 + 4*r.Float64() // flat enough that 2⁻¹² often holds less than p
	}
	for i := range z {
		z[i] = float32(r.NormFloat64() * scale)
	}
	if r.IntN(3) == 0 {
		for i := range z {
			z[i] = float32(math.Round(float64(z[i])*2) / 2)
		}
	}
	for range r.IntN(4) {
		i := r.IntN(v)
		for j := i; j < min(v, i+1+r.IntN(50)); j++ {
			z[j] = z[i]
		}
	}
	for range r.IntN(5) {
		z[r.IntN(v)] = negInf
	}
	if r.IntN(3) == 0 {
		for range 1 + r.IntN(5) {
			z[r.IntN(v)] = float32(scale * (4 + 10*r.Float64()))
		}
	}
	return z
}

// TestTopPHintChangesNothing checks, on every kernel set this CPU has,
// that top-p with the mass hint of ExpStoreMass (which skips the first
// guess's scan when the hint says it holds too little) gives to the bit
// the filtered row, the nucleus and the exponentials of the path that
// scans every guess, over 3000 random rows: ties, −Inf, temperatures
// from 1/100 to 100, lengths that are not multiples of 16, and p from
// 0.01 to 0.999; and that selectMass finds the same cut when it skips
// the first guess always. It also counts the rows where the hint skipped
// a scan, so that the test cannot pass by never skipping (AVX2 and
// AVX-512; SSE2 and scalar have no hint and must never skip).
func TestTopPHintChangesNothing(t *testing.T) {
	defer vecmath.SetISA(vecmath.ISA())
	lengths := []int{1, 2, 17, 100, 511, 513, 1000, 4099, 20000}
	ps := []float32{0.01, 0.3, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999}
	for _, isa := range vecmath.ISAs() {
		vecmath.SetISA(isa)
		r := rand.New(rand.NewPCG(21, 5))
		var s, ref scratch
		skipped, bad := 0, 0
		for trial := range 3000 {
			v := lengths[trial%len(lengths)]
			z := hintRow(r, v)
			p := ps[r.IntN(len(ps))]
			got, want := make([]float32, v), make([]float32, v)
			gotAll := s.topPRow(got, z, p)
			wantAll := ref.topPRowScanAll(want, z, p)
			same := gotAll == wantAll && bitsEqual(got, want) && bitsEqual(s.b[:v], ref.b[:v]) &&
				(gotAll || slices.Equal(s.kept, ref.kept))
			// The sampling path: nucleus only, no row written.
			gotAll = s.topPRow(nil, z, p)
			wantAll = ref.topPRowScanAll(nil, z, p)
			same = same && gotAll == wantAll && (gotAll || slices.Equal(s.kept, ref.kept))
			// Skipping the first guess always must not change the cut either.
			if e, total := s.b[:v], sumExp(z); total > 0 {
				target := float64(p) * total
				tau, above, ok := s.selectMass(z, e, target, math.Inf(-1))
				kept, bucket := slices.Clone(s.kept), slices.Clone(s.bucket)
				wtau, wabove, wok := ref.selectMass(z, e, target, math.Inf(1))
				same = same && tau == wtau && math.Float64bits(above) == math.Float64bits(wabove) && ok == wok &&
					(!ok || slices.Equal(kept, ref.kept) && slices.Equal(bucket, ref.bucket))
			}
			if !same && bad < 5 {
				bad++
				t.Errorf("%s: row %d (v=%d, p=%g): the hinted top-p differs from the full scan", isa, trial, v, p)
			}
			_, hint, fused := vecmath.ExpStoreMass(make([]float32, v), z, 1, vecmath.Max(z), massGuesses[0])
			if fused && !gotAll && hint < float64(p)*sumExp(z) {
				skipped++
			}
		}
		if hasHint := isa == "avx512" || isa == "avx2"; hasHint && skipped < 100 || !hasHint && skipped > 0 {
			t.Errorf("%s: the hint skipped the first scan in %d rows of 3000, want ≥ 100 with a hint, 0 without", isa, skipped)
		}
		t.Logf("%s: first scan skipped in %d rows of 3000", isa, skipped)
	}
}

// sumExp returns Σ exp(zᵢ − max z) as topPRow computes it.
func sumExp(z []float32) float64 {
	return vecmath.ExpStore(make([]float32, len(z)), z, 1, vecmath.Max(z))
}

// bitsEqual reports whether a and b hold the same float32 bit patterns.
func bitsEqual(a, b []float32) bool {
	return slices.EqualFunc(a, b, func(x, y float32) bool { return math.Float32bits(x) == math.Float32bits(y) })
}
