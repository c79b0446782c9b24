// Package explorables computes what the course's in-browser explorables show,
// by calling the course's own packages (probability, sampling): the decoding
// lab, the divergence pad, the calibration plot and the KL-estimator table.
// It has no UI and no syscall/js; the WebAssembly bridge in ./wasm/main
// turns its results into JSON for the page, and the browser test compares
// the page's numbers with these functions run natively.
package explorables

import (
	"math"
	"math/rand/v2"

	"github.com/bitsandlogits/course/pkg/probability"
	"github.com/bitsandlogits/course/pkg/sampling"
)

// DecodeConfig is one setting of the decoding lab's controls.
type DecodeConfig struct {
	Temperature float64 // ≥ 0; 0 is greedy
	TopK        int     // 0 = off
	TopP        float64 // 0 or 1 = off
	MinP        float64 // 0 = off
	// TemperatureLast applies top-k, top-p and min-p to the untempered
	// logits and the temperature after them (llama.cpp's chain); false is
	// Hugging Face's order (temperature first).
	TemperatureLast bool
	Seed            uint64 // seeds the draws
	Draws           int    // number of seeded draws for the histogram
}

// Token is one row of the decoding lab's table.
type Token struct {
	ID     int     `json:"id"`
	Before float64 `json:"before"` // softmax(logits), T = 1, no filter
	After  float64 `json:"after"`  // the distribution the sampler draws from
	Count  int     `json:"count"`  // how many of the draws chose it
}

// DecodeResult is what the decoding lab displays.
type DecodeResult struct {
	V             int     `json:"v"`
	Kept          int     `json:"kept"`           // tokens with After > 0
	KeptMass      float64 `json:"kept_mass"`      // Σ Before over the kept set
	EntropyBefore float64 `json:"entropy_before"` // H(Before), nats
	EntropyAfter  float64 `json:"entropy_after"`  // H(After), nats
	Other         int     `json:"other"`          // draws of tokens not in Top
	Top           []Token `json:"top"`            // the most likely tokens (Before), descending
}

// Filter returns the logits the sampler draws from under cfg, in
// Hugging Face's order (sampling.Sampler.Filter) or with the temperature last.
func Filter(logits []float64, cfg DecodeConfig) []float64 {
	if !cfg.TemperatureLast {
		return mustSampler(sampling.Config{Temperature: cfg.Temperature, TopK: cfg.TopK, TopP: cfg.TopP, MinP: cfg.MinP}).Filter(logits)
	}
	z := mustSampler(sampling.Config{Temperature: 1, TopK: cfg.TopK, TopP: cfg.TopP, MinP: cfg.MinP}).Filter(logits)
	return mustSampler(sampling.Config{Temperature: cfg.Temperature}).Filter(z)
}

func mustSampler(c sampling.Config) *sampling.Sampler {
	s, err := sampling.New(c)
	if err != nil {
		panic(err)
	}
	return s
}

// Decode runs the decoding lab for one distribution: the filtered
// distribution, its kept set and mass, the entropies before and after, and
// cfg.Draws seeded draws from the kept tokens (sampling.Categorical, see
// drawer, with uniforms from a PCG seeded by cfg.Seed). The top most likely
// tokens before filtering are returned as rows.
func Decode(logits []float64, cfg DecodeConfig, top int) DecodeResult {
	before := probability.Softmax(logits)
	after := probability.Softmax(Filter(logits, cfg))
	r := DecodeResult{V: len(logits), EntropyBefore: probability.Entropy(before), EntropyAfter: probability.Entropy(after)}
	var kept []int
	for i, p := range after {
		if p > 0 {
			kept = append(kept, i)
			r.KeptMass += before[i]
		}
	}
	r.Kept = len(kept)
	keptProbs := make([]float64, len(kept))
	for j, i := range kept {
		keptProbs[j] = after[i]
	}
	counts := make(map[int]int)
	draw := newDrawer(keptProbs)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0))
	for range cfg.Draws {
		counts[kept[draw.draw(rng)]]++
	}
	r.Other = cfg.Draws
	for _, i := range largest(before, top) {
		r.Top = append(r.Top, Token{ID: i, Before: before[i], After: after[i], Count: counts[i]})
		r.Other -= counts[i]
	}
	return r
}

// blockSize is the block of drawer's two-stage draw; drawer draws in one
// stage up to blockSize² tokens/16.
const blockSize = 256

// drawer draws token indices from probs with sampling.Categorical. Above
// blockSize²/16 tokens it draws in two stages — a block of blockSize tokens by
// the block's mass, then a token within the block by its share — which gives
// the same distribution at O(V/blockSize + blockSize) per draw instead of
// O(V), so 1,000 draws from 50,000 kept tokens fit in a frame.
type drawer struct {
	probs  []float64
	blocks []float64   // each block's share of the total mass
	within [][]float64 // each token's share of its block's mass
}

func newDrawer(probs []float64) *drawer {
	d := &drawer{probs: probs}
	if len(probs) <= blockSize*blockSize/16 {
		return d
	}
	total := 0.0
	for _, p := range probs {
		total += p
	}
	for lo := 0; lo < len(probs); lo += blockSize {
		block := probs[lo:min(lo+blockSize, len(probs))]
		mass := 0.0
		for _, p := range block {
			mass += p
		}
		share := make([]float64, len(block))
		for i, p := range block {
			share[i] = p / mass
		}
		d.blocks = append(d.blocks, mass/total)
		d.within = append(d.within, share)
	}
	return d
}

// draw returns one index, using one uniform (two above the threshold).
func (d *drawer) draw(rng *rand.Rand) int {
	if d.blocks == nil {
		return sampling.Categorical(d.probs, rng.Float64())
	}
	b := sampling.Categorical(d.blocks, rng.Float64())
	return b*blockSize + sampling.Categorical(d.within[b], rng.Float64())
}

// largest returns the indices of the n largest values of x, largest first,
// ties by lower index, in O(V·n) worst case and O(V) when x is mostly
// decreasing (a sorted insertion into a short list).
func largest(x []float64, n int) []int {
	var out []int
	less := func(a, b int) bool { return x[a] > x[b] || (x[a] == x[b] && a < b) }
	for i := range x {
		if len(out) == n && !less(i, out[n-1]) {
			continue
		}
		j := len(out)
		if j == n {
			j--
		} else {
			out = append(out, 0)
		}
		for j > 0 && less(i, out[j-1]) {
			out[j] = out[j-1]
			j--
		}
		out[j] = i
	}
	return out
}

// Zipf returns the logits of a Zipf distribution over v tokens, pᵢ ∝ (i+1)^−s:
// zᵢ = −s·ln(i+1). The decoding lab offers it as a large-vocabulary case.
func Zipf(v int, s float64) []float64 {
	z := make([]float64, v)
	for i := range z {
		z[i] = -s * math.Log(float64(i+1))
	}
	return z
}

// Divergences is what the divergence pad displays, in nats.
type Divergences struct {
	P, Q        []float64 // the normalised distributions
	HP, HQ, HPQ float64   // H(p), H(q), H(p, q)
	KLPQ, KLQP  float64   // KL(p‖q), KL(q‖p)
	JS          float64   // JS(p, q)
	TermPQ      []float64 // pᵢ ln(pᵢ/qᵢ), the terms of KL(p‖q)
	TermQP      []float64 // qᵢ ln(qᵢ/pᵢ), the terms of KL(q‖p)
	TermCrossPQ []float64 // −pᵢ ln qᵢ, the terms of H(p, q)
}

// Normalize returns w / Σw.
func Normalize(w []float64) []float64 {
	s := 0.0
	for _, x := range w {
		s += x
	}
	out := make([]float64, len(w))
	for i, x := range w {
		out[i] = x / s
	}
	return out
}

// Divergence compares two bar heights vectors, normalised first.
func Divergence(pw, qw []float64) Divergences {
	p, q := Normalize(pw), Normalize(qw)
	d := Divergences{P: p, Q: q,
		HP: probability.Entropy(p), HQ: probability.Entropy(q), HPQ: probability.CrossEntropy(p, q),
		KLPQ: probability.KLDivergence(p, q), KLQP: probability.KLDivergence(q, p), JS: probability.JSDivergence(p, q)}
	for i := range p {
		d.TermPQ = append(d.TermPQ, term(p[i], q[i]))
		d.TermQP = append(d.TermQP, term(q[i], p[i]))
		d.TermCrossPQ = append(d.TermCrossPQ, -xlogy(p[i], q[i]))
	}
	return d
}

// term is a·ln(a/b), 0 when a = 0.
func term(a, b float64) float64 {
	if a == 0 {
		return 0
	}
	return a * math.Log(a/b)
}

// xlogy is x·ln y, 0 when x = 0.
func xlogy(x, y float64) float64 {
	if x == 0 {
		return 0
	}
	return x * math.Log(y)
}
