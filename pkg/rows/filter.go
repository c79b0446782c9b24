package rows

import (
	"math"
	"math/bits"

	"github.com/bitsandlogits/course/internal/vecmath"
)

var negInf = float32(math.Inf(-1))

// key maps a float32 to a uint32 whose unsigned order is the float order
// (−Inf lowest, −0 = +0), so that selection can work on integer bits:
// the sign bit is flipped for positive numbers and every bit for negative
// ones. It is branch-free: with random signs a branch would be
// mispredicted half the time, and key runs once per token per pass.
func key(x float32) uint32 {
	b := math.Float32bits(x + 0) // x + 0 turns −0 into +0
	return b ^ (uint32(int32(b)>>31) | 1<<31)
}

// selectDesc walks the elements of z in decreasing order, adding the
// weight of each (w[i], or 1 when w is nil), and finds the key τ at which
// the running weight first reaches target. It returns τ, the total
// weight of the keys strictly greater than τ, and ok = false if the total
// weight never reaches target.
//
// It is a radix selection on [key]: a 2048-bucket histogram of the top 11
// bits over the row, then [scratch.refine] over the elements of the
// crossing bucket. Keys are recomputed rather than stored. Time O(V),
// with no sort.
func (s *scratch) selectDesc(z, w []float32, target float64) (tau uint32, above float64, ok bool) {
	const shift = 21
	hist := s.hist[:2048]
	clear(hist)
	histAll(hist, s.spare[:2048], z, w, shift)
	b, above := crossBucket(hist, 0, target)
	if b < 0 {
		return 0, above, false
	}
	s.cand = s.cand[:0]
	for i, x := range z {
		if key(x)>>shift == uint32(b) {
			s.cand = append(s.cand, int32(i))
		}
	}
	return s.refine(z, w, target, above)
}

// crossBucket walks hist from its top bucket down, adding each to above,
// and returns the first bucket b at which above + hist[b] reaches target
// with the weight above it (b = −1, and the total, if none does).
func crossBucket(hist []float64, above, target float64) (int, float64) {
	for b := len(hist) - 1; b >= 0; b-- {
		if above+hist[b] >= target {
			return b, above
		}
		above += hist[b]
	}
	return -1, above
}

// histAll adds the weight of every element (1 when w is nil) to the
// bucket of its key's bits above shift. Even and odd elements go to two
// separate histograms, summed at the end, so that runs of equal buckets do
// not serialise on one memory location.
func histAll(hist, spare []float64, z, w []float32, shift uint) {
	clear(spare)
	n := len(z) &^ 1
	if w == nil {
		for i := 0; i < n; i += 2 {
			hist[key(z[i])>>shift]++
			spare[key(z[i+1])>>shift]++
		}
	} else {
		w = w[:len(z)]
		for i := 0; i < n; i += 2 {
			hist[key(z[i])>>shift] += float64(w[i])
			spare[key(z[i+1])>>shift] += float64(w[i+1])
		}
	}
	if n < len(z) {
		wt := 1.0
		if w != nil {
			wt = float64(w[n])
		}
		hist[key(z[n])>>shift] += wt
	}
	for b, c := range spare {
		hist[b] += c
	}
}

// topKRow writes into out the row z with every value strictly below its
// k-th largest set to −Inf; out may be z.
func (s *scratch) topKRow(out, z []float32, k int) {
	if k >= len(z) {
		copy(out, z)
		return
	}
	if k <= heapTopK {
		// Every value ordered below the k-th largest by key is below it
		// as a float too (key order is float order, −0 = +0).
		vecmath.MaskBelow(out, z, s.kthLargest(z, k))
		return
	}
	tau, _, _ := s.selectDesc(z, nil, float64(k))
	for i, x := range z {
		if key(x) < tau {
			x = negInf
		}
		out[i] = x
	}
}

// heapTopK is the largest k for which top-k uses a heap rather than radix
// selection.
const heapTopK = 256

// kthLargest returns the k-th largest value of z (counting repeats), for
// 1 ≤ k < len(z), with a min-heap of the k largest seen so far: one pass
// in which a vector scan (vecmath.FirstAbove) skips, sixteen at a time,
// the elements that do not beat the heap's minimum, which after the first
// few thousand is almost all of them. NaNs are never taken.
// Time O(V + k log k · log(V/k)) for random order.
func (s *scratch) kthLargest(z []float32, k int) float32 {
	if cap(s.heap) < k {
		s.heap = make([]float32, k)
	}
	h := s.heap[:k]
	copy(h, z[:k])
	for i := k/2 - 1; i >= 0; i-- {
		siftDown(h, i)
	}
	for i := k; ; i++ {
		i += vecmath.FirstAbove(z[i:], h[0])
		if i >= len(z) {
			return h[0]
		}
		h[0] = z[i]
		siftDown(h, 0)
	}
}

// siftDown restores the min-heap property below position i.
func siftDown(h []float32, i int) {
	for {
		c := 2*i + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && h[c+1] < h[c] {
			c++
		}
		if !(h[c] < h[i]) {
			return
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
}

// massGuesses are the probability ratios e = exp(z − max z), powers of
// two, above which selectMass looks for the nucleus's cut, in turn: a
// token whose e is below 2⁻¹² is 8.3 nats less likely than the best. The
// steps widen slowly because a guess just too high is common (the
// benchmark rows, N(0, 3²) over 128000 tokens, hold 0.8992 of their mass
// above 2⁻¹², so p = 0.9 misses it) and a failed guess costs one vector
// scan, while a guess too low fills the histogram with most of the row.
// Every guess gives the same cut (the buckets above it are complete).
var massGuesses = []float32{0x1p-12, 0x1p-13, 0x1p-15, 0x1p-18, 0x1p-24, 0}

// selectMass is selectDesc weighted by e = exp(z − max z), with a cheaper
// first level: the exponent bits of eᵢ (256 buckets, an order that agrees
// with z's) instead of the top bits of zᵢ's key. Only the tokens whose e
// reaches a guess (massGuesses) enter the histogram, gathered by a vector
// scan that also sums their mass; a lower guess is tried when they hold
// less than target. It leaves in s.kept the tokens of the buckets above
// the crossing one, and in s.bucket those of the crossing bucket, both in
// index order.
func (s *scratch) selectMass(z, e []float32, target float64) (tau uint32, above float64, ok bool) {
	e = e[:len(z)]
	b := -1
	for _, lim := range massGuesses {
		var mass float64
		s.cand, s.val, mass = vecmath.AppendAtLeast(s.cand[:0], s.val[:0], e, lim)
		if mass < target && lim > 0 {
			continue
		}
		if b, above = crossingExponent(s.val, target); b >= 0 {
			break
		}
	}
	if b < 0 {
		return 0, above, false
	}
	s.partition(uint32(b))
	s.cand = append(s.cand[:0], s.bucket...) // refine narrows s.cand down
	return s.refine(z, e, target, above)
}

// refine finishes a radix selection over the candidates in s.cand,
// weighted by w (1 each when w is nil), every element above them weighing
// above in total. It histograms key − lo, lo the smallest candidate key,
// from the highest bit in which two candidates differ, 11 bits a level,
// so that no level is spent on bits they all share: top-p's crossing
// bucket spans a factor of 2 in probability (ln 2 in logits) and takes
// two levels, as top-k's 21 bits left after the first level do.
func (s *scratch) refine(z, w []float32, target, above float64) (tau uint32, _ float64, ok bool) {
	if len(s.cand) == 0 {
		return 0, above, false
	}
	lo, hi := uint32(math.MaxUint32), uint32(0)
	for _, i := range s.cand {
		k := key(z[i])
		lo, hi = min(lo, k), max(hi, k)
	}
	var off uint32
	for width := bits.Len32(hi - lo); ; {
		shift := uint(max(width-11, 0))
		hist := s.hist[:1<<(uint(width)-shift)]
		clear(hist)
		mask := uint32(len(hist) - 1)
		for _, i := range s.cand {
			wt := 1.0
			if w != nil {
				wt = float64(w[i])
			}
			hist[((key(z[i])-lo)>>shift)&mask] += wt
		}
		var b int
		if b, above = crossBucket(hist, above, target); b < 0 {
			return 0, above, false
		}
		off |= uint32(b) << shift
		if shift == 0 {
			return lo + off, above, true
		}
		n := 0 // keep the candidates that agree with off on the bits fixed so far
		for _, i := range s.cand {
			if (key(z[i])-lo)>>shift == off>>shift {
				s.cand[n] = i
				n++
			}
		}
		s.cand, width = s.cand[:n], int(shift)
	}
}

// partition sorts the candidates by the exponent x of their weight:
// above b (certainly in the nucleus: s.kept), equal to b (s.bucket),
// below (out). For weights ≥ 0, x > b is w ≥ 2^(b+1−127) and x = b is
// 2^(b−127) ≤ w < 2^(b+1−127) (b = 0 takes zero and the subnormals).
func (s *scratch) partition(b uint32) {
	hi := math.Float32frombits((b + 1) << 23) // +Inf for b = 254
	if b >= 255 {
		hi = float32(math.NaN()) // cannot happen: topPRow's weights are finite
	}
	s.kept, s.bucket = vecmath.AppendSplit(s.kept[:0], s.bucket[:0], s.cand, s.val, hi, math.Float32frombits(b<<23))
}

// crossingExponent histograms the weights w by their float32 exponent
// and returns the exponent b at which the running sum, from the top,
// first reaches target, with the weight of the exponents above b; b = −1
// if it never does. Four histograms take every fourth weight, so that
// runs of one exponent do not serialise on one memory location.
func crossingExponent(w []float32, target float64) (b int, above float64) {
	var h [4][256]float64
	n := len(w) &^ 3
	for j := 0; j < n; j += 4 {
		w0, w1, w2, w3 := w[j], w[j+1], w[j+2], w[j+3]
		h[0][math.Float32bits(w0)>>23] += float64(w0)
		h[1][math.Float32bits(w1)>>23] += float64(w1)
		h[2][math.Float32bits(w2)>>23] += float64(w2)
		h[3][math.Float32bits(w3)>>23] += float64(w3)
	}
	for _, x := range w[n:] {
		h[0][math.Float32bits(x)>>23] += float64(x)
	}
	for b = 255; b >= 0; b-- {
		hb := (h[0][b] + h[1][b]) + (h[2][b] + h[3][b])
		if above+hb >= target {
			return b, above
		}
		above += hb
	}
	return -1, above
}

// topPRow writes into out the row z with every token outside the nucleus
// of mass p set to −Inf; out may be z, or nil to only record the nucleus.
// It leaves exp(zᵢ − max z) in s.b and, unless it returns all = true
// (every token kept), the nucleus's indices in s.kept.
func (s *scratch) topPRow(out, z []float32, p float32) (all bool) {
	m := s.rowMax(z)
	e := s.rowB(len(z))
	total := s.expStore(e, z, m)
	if !(total > 0) {
		// No finite maximum (every logit −Inf, or a +Inf or NaN one):
		// there is no distribution to cut, and e may hold NaNs, whose
		// exponent bits selectMass cannot bucket.
		copy(out, z)
		return true
	}
	target := float64(p) * total
	tau, above, ok := s.selectMass(z, e, target)
	if !ok {
		copy(out, z) // rounding left the mass just short of p: keep everything
		return true
	}
	if out == nil {
		// Only the crossing bucket's candidates can be on either side of τ.
		for _, i := range s.bucket {
			if k := key(z[i]); k > tau || (k == tau && above < target) {
				if k == tau {
					above += float64(e[i]) // ties at the cut, lowest index first
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
		case k == tau && above < target: // ties at the cut, lowest index first
			above += float64(e[i])
			s.kept = append(s.kept, int32(i))
		default:
			x = negInf
		}
		out[i] = x
	}
	return false
}

// minPRow writes into out the row z with every token whose probability
// is below minP times the largest set to −Inf: zᵢ − max z < ln minP. out
// may be z.
func minPRow(out, z []float32, minP float32) {
	m := vecmath.Max(z)
	cut := float64(m) + math.Log(float64(minP))
	for i, v := range z {
		if float64(v) < cut {
			v = negInf
		}
		out[i] = v
	}
}

// TopK writes x with every logit strictly below its row's k-th largest
// set to −Inf: the k most likely tokens survive, and all tokens tied with
// the k-th survive too (as pkg/sampling.TopK and Hugging Face do). k ≥ V
// keeps everything. dst may be x.
//
// It panics on a bad shape or k < 1. Time O(rows·V), no sort: the
// threshold comes from a min-heap of the k largest for k ≤ 256 (one pass,
// almost every element one comparison) and from a radix selection on the
// float bits for larger k.
func TopK(dst, x []float32, v, k int) {
	n := numRows("TopK", x, v)
	checkLen("TopK", "dst", len(dst), len(x))
	check.TopK("TopK", k)
	forRows(n, func(r int, s *scratch) { s.topKRow(dst[r*v:(r+1)*v], x[r*v:(r+1)*v], k) })
}

// TopP writes x with every token outside its row's nucleus set to −Inf.
// The nucleus is the smallest set of tokens, taken by decreasing
// probability, whose total probability is at least p; the token that
// carries the running sum across p is kept, so at least one survives, and
// among equal probabilities lower indices come first (the rule of
// pkg/sampling.TopP). p = 1 keeps everything, and so does a row with no
// finite maximum (all −Inf, or a +Inf or NaN logit). dst may be x.
//
// It panics on a bad shape or p outside (0, 1]. Time O(rows·V): the
// threshold comes from a radix selection weighted by probability, not
// from sorting the vocabulary.
func TopP(dst, x []float32, v int, p float32) {
	n := numRows("TopP", x, v)
	checkLen("TopP", "dst", len(dst), len(x))
	check.TopP("TopP", p)
	if p == 1 {
		copy(dst, x)
		return
	}
	forRowsAhead(n, rowsOf(x, v), func(r int, s *scratch) {
		s.topPRow(dst[r*v:(r+1)*v], x[r*v:(r+1)*v], p)
	})
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
	check.MinP("MinP", minP)
	forRows(n, func(r int, _ *scratch) { minPRow(dst[r*v:(r+1)*v], x[r*v:(r+1)*v], minP) })
}
