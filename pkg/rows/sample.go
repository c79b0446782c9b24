package rows

import (
	"math"

	"github.com/bitsandlogits/course/internal/vecmath"
)

// SamplerConfig mirrors pkg/sampling.Config (without the seed, which
// [Sample] takes per call). Zero values switch a stage off; Temperature 0
// is greedy decoding.
type SamplerConfig struct {
	Temperature float32 // ≥ 0; 0 = greedy
	TopK        int     // ≥ 0; 0 = off
	TopP        float32 // in [0, 1]; 0 or 1 = off
	MinP        float32 // in [0, 1]; 0 = off
}

func (c SamplerConfig) check(fn string) {
	check.Sampler(fn, c.Temperature, c.TopK, c.TopP, c.MinP)
}

// filterRow writes into out the row x after temperature, top-k, top-p
// and min-p, as pkg/sampling.Sampler.Filter does; out may be x. It must not
// be called with temperature 0. It reports whether s.b holds exp(zᵢ − max
// z) of the output z (true when top-p ran: the stages after it only mask,
// which keeps the maximum and the kept values).
//
// For sampling, nucleusOnly asks that, when top-p is the last stage, out
// be left unwritten and the surviving indices be left in s.kept instead
// (kept reports it).
func (s *scratch) filterRow(out, x []float32, c SamplerConfig, nucleusOnly bool) (expValid, kept bool) {
	src := x
	if t := c.Temperature; t != 1 {
		m := s.rowMax(x)
		if math.IsInf(float64(m), 0) || m != m {
			m = 0
		}
		vecmath.ShiftScale(out, x, invTemperature(t), m, 0)
		src = out
	}
	if c.TopK > 0 {
		s.topKRow(out, src, c.TopK)
		src = out
	}
	if c.TopP > 0 && c.TopP < 1 {
		if nucleusOnly && c.MinP == 0 {
			if !s.topPRow(nil, src, c.TopP) {
				return true, true
			}
		} else {
			s.topPRow(out, src, c.TopP)
			src = out
		}
		expValid = true
	}
	if c.MinP > 0 {
		minPRow(out, src, c.MinP)
		src = out
	}
	if len(src) > 0 && &src[0] != &out[0] {
		copy(out, src)
	}
	return expValid, false
}

// Filter writes the logits each row is sampled from under cfg, in the
// order of pkg/sampling.Sampler.Filter: temperature ((x − max x)/T, or x
// unchanged at T = 1), then [TopK], [TopP] and [MinP]; removed tokens are
// −Inf. At temperature 0 only each row's greedy token survives. dst may
// be x.
//
// It panics on a bad shape or configuration. Time O(rows·V).
func Filter(dst, x []float32, v int, cfg SamplerConfig) {
	n := numRows("Filter", x, v)
	checkLen("Filter", "dst", len(dst), len(x))
	cfg.check("Filter")
	forRows(n, func(r int, s *scratch) {
		in, z := x[r*v:(r+1)*v], dst[r*v:(r+1)*v]
		if cfg.Temperature == 0 {
			k := argmax(in)
			for i := range z {
				z[i] = negInf
			}
			z[k] = in[k]
			return
		}
		s.filterRow(z, in, cfg, false)
	})
}

// Sample draws one token per row from the filtered distribution of
// [Filter] by the Gumbel-max trick,
//
//	token = argmaxᵢ (zᵢ + gᵢ),  gᵢ = [GumbelNoise](seed, row, step, i),
//
// which is an exact draw from softmax(z) without a normaliser or a
// cumulative sum. The noise of token i depends only on (seed, row id,
// step, i), so a row's token does not depend on the batch size or on the
// other rows, and removed (−Inf) tokens cost no random numbers. Row ids
// are the row indices 0, 1, …; step is the decoding step. Temperature 0
// gives the greedy token (lowest index on ties). A row with no finite
// logit gets token −1. The comparison is made on exp(zᵢ − max z) in
// float32, so tokens more than 87.34 nats (internal/contract.GumbelCutoff)
// below the best are never drawn (their probability is below e⁻⁸⁷ ≈
// 1.2e−38 times the best's); pkg/xla drops the same tokens.
//
// It panics on a bad shape or configuration, or if len(tokens) ≠ rows.
// Time O(rows·V).
func Sample(tokens []int, logits []float32, v int, cfg SamplerConfig, seed, step uint64) {
	n := numRows("Sample", logits, v)
	checkLen("Sample", "tokens", len(tokens), n)
	cfg.check("Sample")
	forRowsAhead(n, rowsOf(logits, v), func(r int, s *scratch) {
		in := logits[r*v : (r+1)*v]
		if cfg.Temperature == 0 {
			tokens[r] = argmax(in)
			return
		}
		z := s.rowA(v)
		expValid, kept := s.filterRow(z, in, cfg, true)
		e := s.rowB(v)
		stream := rowStream(seed, uint64(r), step)
		if kept {
			tokens[r] = gumbelArgmaxOf(s.kept, e, stream)
			return
		}
		if !expValid {
			s.expStore(e, z, s.rowMax(z))
		}
		tokens[r] = gumbelArgmax(z, e, stream)
	})
}

// gumbelArgmax returns argmaxᵢ zᵢ + gᵢ over the finite zᵢ (−1 if none),
// with gᵢ = −ln Eᵢ and Eᵢ = −ln uᵢ the noise of [GumbelNoise]. Given
// eᵢ = exp(zᵢ − max z), it compares eᵢ/Eᵢ instead, the same order since exp
// is increasing, which costs one log per token instead of two.
func gumbelArgmax(z, e []float32, stream uint64) int {
	best, bestScore := -1, -1.0
	e = e[:len(z)]
	for i, x := range z {
		if math.IsInf(float64(x), -1) {
			continue
		}
		if score := float64(e[i]) / exponential(stream, i); score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

// gumbelArgmaxOf is gumbelArgmax over the listed indices only. Since
// Eᵢ = −ln uᵢ ≥ 1 − uᵢ, a token with eᵢ/(1 − uᵢ) ≤ the best score so far
// cannot win, and its logarithm is skipped: the result is the same, and
// after the first few tokens almost every token is skipped.
func gumbelArgmaxOf(idx []int32, e []float32, stream uint64) int {
	best, bestScore := -1, -1.0
	for _, i := range idx {
		u := uniform(stream, int(i))
		w := float64(e[i])
		if w <= bestScore*(1-u) {
			continue
		}
		if score := w / -math.Log(u); score > bestScore {
			best, bestScore = int(i), score
		}
	}
	return best
}

// mix64 is the SplitMix64 finaliser: a bijection on uint64 whose output
// bits each depend on every input bit.
func mix64(z uint64) uint64 {
	z ^= z >> 30
	z *= 0xbf58476d1ce4e5b9
	z ^= z >> 27
	z *= 0x94d049bb133111eb
	z ^= z >> 31
	return z
}

const golden = 0x9e3779b97f4a7c15 // ⌊2⁶⁴/φ⌋, odd

// rowStream returns the key of the random stream of one (seed, row, step).
func rowStream(seed, row, step uint64) uint64 {
	return mix64(seed ^ mix64(row*golden^mix64(step+0x632be59bd9b4e019)))
}

// uniform returns the uniform u ∈ (0, 1) of element i of a stream, from
// 53 hashed bits.
func uniform(stream uint64, i int) float64 {
	return (float64(mix64(stream+uint64(i)*golden)>>11) + 0.5) / (1 << 53)
}

// exponential returns the Exponential(1) variable E = −ln u of element i
// of a stream.
func exponential(stream uint64, i int) float64 {
	return -math.Log(uniform(stream, i))
}

// GumbelNoise returns the standard Gumbel variable g = −ln(−ln u) that
// [Sample] adds to token i of row `row` at decoding step `step`. The
// uniform u ∈ (0, 1) is a counter-based hash (SplitMix64) of (seed, row,
// step, i) with 53 random bits, so any token's noise can be computed on
// its own, in any order, on any engine. It panics if i < 0.
func GumbelNoise(seed, row, step uint64, i int) float64 {
	check.GumbelIndex("GumbelNoise", i)
	return -math.Log(exponential(rowStream(seed, row, step), i))
}
