package arith

// Sparse holds the frequencies of a 256-byte alphabet in which every byte
// outside Syms has the same probability: O(len(Syms)) per coding step
// instead of O(256), which is what makes context models fast (a context has
// seen few distinct followers). Its frequencies are
//
//	freq(b) = 1 + round(p_b · (Total − 256)),  p_b = base for b ∉ Syms,
//
// as in Quantize, with the rounding difference settled on the most probable
// of Syms (the first of equals).
type Sparse struct {
	f0   uint32   // freq of a byte outside syms
	syms []int    // ascending
	f    []uint32 // freq of syms[j]
}

// Set fills s from base and the ascending bytes syms with probabilities
// probs ≥ base. It returns false, leaving s unusable, when the rounding
// difference cannot be settled (probs far from a distribution); callers
// then fall back to Quantize.
func (s *Sparse) Set(base float64, syms []byte, probs []float64) bool {
	const scale = float64(Total - 256)
	q := func(v float64) uint32 {
		if !(v > 0) { // NaN too
			return 1
		}
		if v > 1 {
			v = 1
		}
		return 1 + uint32(float64(v*scale)+0.5)
	}
	s.f0 = q(base)
	s.syms, s.f = s.syms[:0], s.f[:0]
	sum := 256 * s.f0
	best := -1
	for j, b := range syms {
		f := q(probs[j])
		if best < 0 || f > s.f[best] {
			best = j
		}
		s.syms = append(s.syms, int(b))
		s.f = append(s.f, f)
		sum += f - s.f0
	}
	if best < 0 || s.f[best] < s.f0 || int64(s.f[best])+int64(Total)-int64(sum) < 1 {
		return false
	}
	s.f[best] += Total - sum // modular: subtracts when sum > Total
	return true
}

// Interval returns cum(b) and freq(b).
func (s *Sparse) Interval(b int) (cumLow, freq uint32) {
	cumLow = uint32(b) * s.f0
	for j, x := range s.syms {
		if x > b {
			break
		}
		if x == b {
			return cumLow, s.f[j]
		}
		cumLow += s.f[j] - s.f0
	}
	return cumLow, s.f0
}

// Find returns the byte b with cum(b) ≤ v < cum(b) + freq(b), for v < Total.
func (s *Sparse) Find(v uint32) int {
	pos, c := 0, uint32(0) // cum(pos) = c
	for j, x := range s.syms {
		end := c + uint32(x-pos)*s.f0 // cum(x)
		if v < end {
			return pos + int((v-c)/s.f0)
		}
		if v < end+s.f[j] {
			return x
		}
		pos, c = x+1, end+s.f[j]
	}
	return min(255, pos+int((v-c)/s.f0))
}
