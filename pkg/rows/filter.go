package rows

import (
	"fmt"
	"math"

	"github.com/bitsandlogits/course/internal/vecmath"
)

var negInf = float32(math.Inf(-1))

// key maps a float32 to a uint32 whose unsigned order is the float order
// (−Inf lowest, −0 = +0), so that selection can work on integer bits.
func key(x float32) uint32 {
	b := math.Float32bits(x)
	if x == 0 {
		b = 0
	}
	if b>>31 != 0 {
		return ^b
	}
	return b | 1<<31
}

// radix levels: 11 + 11 + 10 bits of the key.
var radixShifts = [3]uint{21, 10, 0}

// selectDesc walks the elements in decreasing key order, adding the weight
// of each (w[i], or 1 when w is nil), and finds the key τ at which the
// running weight first reaches target. It returns τ, the total weight of
// the keys strictly greater than τ, and ok = false if the total weight
// never reaches target.
//
// It is a three-level radix selection: a 2048-bucket histogram of the top
// 11 bits over the row, then histograms of the next bits over only the
// elements of the crossing bucket. Time O(V), with no sort.
func (s *scratch) selectDesc(keys []uint32, w []float32, target float64) (tau uint32, above float64, ok bool) {
	s.cand = s.cand[:0]
	for level, shift := range radixShifts {
		nb := 2048
		if shift == 0 {
			nb = 1024
		}
		hist := s.hist[:nb]
		clear(hist)
		if level == 0 {
			histAll(hist, s.spare[:nb], keys, w, shift)
		} else {
			histCand(hist, keys, w, s.cand, shift)
		}
		b := nb - 1
		for ; b >= 0; b-- {
			if above+hist[b] >= target {
				break
			}
			above += hist[b]
		}
		if b < 0 {
			return 0, above, false
		}
		tau |= uint32(b) << shift
		if shift == 0 {
			break
		}
		// Keep the elements whose key agrees with τ on the bits fixed so far.
		if level == 0 {
			for i, k := range keys {
				if k>>shift == tau>>shift {
					s.cand = append(s.cand, int32(i))
				}
			}
		} else {
			n := 0
			for _, i := range s.cand {
				if keys[i]>>shift == tau>>shift {
					s.cand[n] = i
					n++
				}
			}
			s.cand = s.cand[:n]
		}
	}
	return tau, above, true
}

// histAll adds the weight of every element (1 when w is nil) to the
// bucket of its key's bits above shift. Even and odd elements go to two
// separate histograms, summed at the end, so that runs of equal buckets do
// not serialise on one memory location.
func histAll(hist, spare []float64, keys []uint32, w []float32, shift uint) {
	clear(spare)
	n := len(keys) &^ 1
	if w == nil {
		for i := 0; i < n; i += 2 {
			hist[keys[i]>>shift]++
			spare[keys[i+1]>>shift]++
		}
	} else {
		w = w[:len(keys)]
		for i := 0; i < n; i += 2 {
			hist[keys[i]>>shift] += float64(w[i])
			spare[keys[i+1]>>shift] += float64(w[i+1])
		}
	}
	if n < len(keys) {
		wt := 1.0
		if w != nil {
			wt = float64(w[n])
		}
		hist[keys[n]>>shift] += wt
	}
	for b, c := range spare {
		hist[b] += c
	}
}

// histCand is histAll over the candidates only, bucketing by the bits of
// the key from shift up to the bits already fixed.
func histCand(hist []float64, keys []uint32, w []float32, cand []int32, shift uint) {
	mask := uint32(len(hist) - 1)
	for _, i := range cand {
		if w == nil {
			hist[(keys[i]>>shift)&mask]++
		} else {
			hist[(keys[i]>>shift)&mask] += float64(w[i])
		}
	}
}

func (s *scratch) keysOf(x []float32) []uint32 {
	if cap(s.keys) < len(x) {
		s.keys = make([]uint32, len(x))
	}
	keys := s.keys[:len(x)]
	for i, v := range x {
		keys[i] = key(v)
	}
	return keys
}

// topKRow masks, in place, every value of z strictly below its k-th
// largest.
func (s *scratch) topKRow(z []float32, k int) {
	if k >= len(z) {
		return
	}
	keys := s.keysOf(z)
	tau, _, _ := s.selectDesc(keys, nil, float64(k))
	for i, kk := range keys {
		if kk < tau {
			z[i] = negInf
		}
	}
}

// topPRow masks, in place, every token of z outside the nucleus of mass p.
func (s *scratch) topPRow(z []float32, p float32) {
	m, _ := vecmath.MaxSum(z)
	if math.IsInf(float64(m), -1) {
		return // nothing to keep or drop
	}
	e := s.rowB(len(z))
	total := vecmath.ExpStore(e, z, 1, -m)
	target := float64(p) * total
	keys := s.keysOf(z)
	tau, above, ok := s.selectDesc(keys, e, target)
	if !ok {
		return // rounding left the mass just short of p: keep everything
	}
	for i, kk := range keys {
		switch {
		case kk > tau:
		case kk == tau && above < target: // ties at the cut, lowest index first
			above += float64(e[i])
		default:
			z[i] = negInf
		}
	}
}

// minPRow masks, in place, every token whose probability is below minP
// times the largest: zᵢ − max z < ln minP.
func minPRow(z []float32, minP float32) {
	m, _ := vecmath.MaxSum(z)
	cut := float64(m) + math.Log(float64(minP))
	for i, v := range z {
		if float64(v) < cut {
			z[i] = negInf
		}
	}
}

// TopK writes x with every logit strictly below its row's k-th largest
// set to −Inf: the k most likely tokens survive, and all tokens tied with
// the k-th survive too (as pkg/sampling.TopK and Hugging Face do). k ≥ V
// keeps everything. dst may be x.
//
// It panics on a bad shape or k < 1. Time O(rows·V): a radix selection
// of the threshold, no sort.
func TopK(dst, x []float32, v, k int) {
	n := numRows("TopK", x, v)
	checkLen("TopK", "dst", len(dst), len(x))
	if k < 1 {
		panic(fmt.Sprintf("rows: TopK: k = %d, want k ≥ 1", k))
	}
	copy(dst, x)
	forRows(n, func(r int, s *scratch) { s.topKRow(dst[r*v:(r+1)*v], k) })
}

// TopP writes x with every token outside its row's nucleus set to −Inf.
// The nucleus is the smallest set of tokens, taken by decreasing
// probability, whose total probability is at least p; the token that
// carries the running sum across p is kept, so at least one survives, and
// among equal probabilities lower indices come first (the rule of
// pkg/sampling.TopP). p = 1 keeps everything. dst may be x.
//
// It panics on a bad shape or p outside (0, 1]. Time O(rows·V): the
// threshold comes from a radix selection weighted by probability, not
// from sorting the vocabulary.
func TopP(dst, x []float32, v int, p float32) {
	n := numRows("TopP", x, v)
	checkLen("TopP", "dst", len(dst), len(x))
	if !(p > 0 && p <= 1) {
		panic(fmt.Sprintf("rows: TopP: p = %v, want 0 < p ≤ 1", p))
	}
	copy(dst, x)
	if p == 1 {
		return
	}
	forRows(n, func(r int, s *scratch) { s.topPRow(dst[r*v:(r+1)*v], p) })
}

// MinP writes x with every token whose probability is below minP times
// its row's largest probability set to −Inf: pᵢ ≥ minP·max p survives,
// which in logits is xᵢ ≥ max x + ln minP. minP = 0 keeps everything;
// minP = 1 keeps the tokens tied for the maximum. dst may be x.
//
// It panics on a bad shape or minP outside [0, 1]. Time O(rows·V).
func MinP(dst, x []float32, v int, minP float32) {
	n := numRows("MinP", x, v)
	checkLen("MinP", "dst", len(dst), len(x))
	if !(minP >= 0 && minP <= 1) {
		panic(fmt.Sprintf("rows: MinP: minP = %v, want 0 ≤ minP ≤ 1", minP))
	}
	copy(dst, x)
	forRows(n, func(r int, _ *scratch) { minPRow(dst[r*v:(r+1)*v], minP) })
}
