package arith

import "slices"

// Sparse holds the frequencies of a 256-byte alphabet in which every byte
// outside Syms has the same probability: O(len(Syms)) to set and
// O(log len(Syms)) per lookup instead of O(256), which is what makes context
// models fast (a context has seen few distinct followers). Its frequencies are
//
//	freq(b) = 1 + round(p_b · (Total − 256)),  p_b = base for b ∉ Syms,
//
// as in Quantize, with the rounding difference settled on the most probable
// of Syms (the first of equals).
type Sparse struct {
	f0    uint32      // freq of a byte outside syms
	syms  []byte      // ascending
	f     [256]uint32 // f[j]: freq of syms[j]
	start [256]uint32 // start[j]: cum(syms[j])
}

// Set fills s from base and the ascending bytes syms with probabilities
// probs ≥ base. It returns false, leaving s unusable, when the rounding
// difference cannot be settled (probs far from a distribution); callers
// then fall back to Quantize.
func (s *Sparse) Set(base float64, syms []byte, probs []float64) bool {
	if len(syms) == 0 || len(syms) > 256 || len(probs) < len(syms) {
		return false
	}
	s.f0 = quantizeOne(base)
	s.syms = append(s.syms[:0], syms...)
	f := s.f[:len(syms)]
	sum := 256 * s.f0
	best, bestF := 0, uint32(0)
	for j, p := range probs[:len(syms)] {
		fj := quantizeOne(p)
		if fj > bestF {
			best, bestF = j, fj
		}
		f[j] = fj
		sum += fj - s.f0
	}
	if bestF < s.f0 || int64(bestF)+int64(Total)-int64(sum) < 1 {
		return false
	}
	f[best] += Total - sum // modular: subtracts when sum > Total
	start := s.start[:len(syms)]
	var extra uint32 // Σ (freq − f0) over the syms before j
	for j, b := range s.syms {
		start[j] = uint32(b)*s.f0 + extra
		extra += f[j] - s.f0
	}
	return true
}

// quantizeOne returns 1 + round(v · (Total − 256)) for v clamped to [0, 1].
func quantizeOne(v float64) uint32 {
	if !(v > 0) { // NaN too
		return 1
	}
	if v > 1 {
		v = 1
	}
	return 1 + uint32(float64(v*(Total-256))+0.5)
}

// Interval returns cum(b) and freq(b).
func (s *Sparse) Interval(b int) (cumLow, freq uint32) {
	j, ok := slices.BinarySearch(s.syms, byte(b))
	if ok {
		return s.start[j], s.f[j]
	}
	if j == 0 {
		return uint32(b) * s.f0, s.f0
	}
	// b follows syms[j−1] by b − syms[j−1] − 1 bytes of freq f0.
	prev := j - 1
	return s.start[prev] + s.f[prev] + uint32(b-int(s.syms[prev])-1)*s.f0, s.f0
}

// Find returns the byte b with cum(b) ≤ v < cum(b) + freq(b), for v < Total.
func (s *Sparse) Find(v uint32) int {
	// j: the number of syms whose interval starts at or below v.
	j, _ := slices.BinarySearch(s.start[:len(s.syms)], v+1)
	if j == 0 {
		return min(255, int(v/s.f0))
	}
	prev := j - 1
	end := s.start[prev] + s.f[prev]
	if v < end {
		return int(s.syms[prev])
	}
	return min(255, int(s.syms[prev])+1+int((v-end)/s.f0))
}
