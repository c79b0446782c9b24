// Package explorables computes what the course's in-browser explorables show,
// by calling the course's own packages (probability, sampling): the decoding
// lab, the divergence pad, the calibration plot and the KL-estimator table.
// It has no UI and no syscall/js; the WebAssembly bridge in ./wasm/main
// turns its results into JSON for the page, and the browser test compares
// the page's numbers with these functions run natively.
package explorables

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

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

// Lab is the decoding lab for one next-token distribution. NewLab sorts the
// logits once, in descending order with ties by lower token id: temperature
// keeps that order and every filter keeps a prefix of it, so the filters
// find sorted input and each setting costs O(V). It also keeps
// softmax(logits) and its entropy, which no control changes. A Lab filters
// through one sampling.Workspace into rows it reuses, so an update allocates
// only its result (the top rows) and its random stream, about 0.5–0.7 KB;
// it is not safe for concurrent use.
type Lab struct {
	ids     []int     // ids[j] is the token at sorted position j
	sorted  []float64 // the logits in that order
	before  []float64 // softmax(sorted)
	hBefore float64   // H(before), nats
	ws      sampling.Workspace
	z       []float64 // the filtered logits, reused by each Decode
	after   []float64 // softmax of their finite prefix, reused
	cum     []float64 // the cumulative kept mass, reused
}

// NewLab returns the decoding lab for logits (copied).
func NewLab(logits []float64) *Lab {
	v := len(logits)
	l := &Lab{ids: make([]int, v), sorted: make([]float64, v), z: make([]float64, v), after: make([]float64, v), cum: make([]float64, v)}
	for i := range l.ids {
		l.ids[i] = i
	}
	desc := func(a, b float64) int { return cmp.Compare(b, a) }
	if !slices.IsSortedFunc(logits, desc) { // Zipf is sorted already
		slices.SortStableFunc(l.ids, func(a, b int) int { return desc(logits[a], logits[b]) })
	}
	for j, i := range l.ids {
		l.sorted[j] = logits[i]
	}
	l.before = probability.Softmax(l.sorted)
	l.hBefore = probability.Entropy(l.before)
	return l
}

// filter is Filter(l.sorted, cfg) written into l.z.
func (l *Lab) filter(cfg DecodeConfig) []float64 {
	sc := sampling.Config{Temperature: cfg.Temperature, TopK: cfg.TopK, TopP: cfg.TopP, MinP: cfg.MinP}
	if !cfg.TemperatureLast {
		return must(l.ws.Filter(l.z, l.sorted, sc))
	}
	sc.Temperature = 1
	z := must(l.ws.Filter(l.z, l.sorted, sc))
	return must(l.ws.Filter(z, z, sampling.Config{Temperature: cfg.Temperature}))
}

func must(z []float64, err error) []float64 {
	if err != nil {
		panic(err)
	}
	return z
}

// Decode runs the decoding lab for one setting: the filtered distribution
// (Filter, then probability.Softmax), its kept set and mass, the entropies
// before and after, and cfg.Draws seeded draws from it. Draw d returns
// sampling.Categorical(after, u_d) in the sorted order, found by binary
// search in the cumulative kept mass, with u_d the d-th Float64 of a PCG
// seeded by cfg.Seed. Top holds the top most likely tokens before filtering.
func (l *Lab) Decode(cfg DecodeConfig, top int) DecodeResult {
	z := l.filter(cfg)
	// The filters keep a prefix of the sorted order: the softmax of the
	// finite prefix is the softmax of the whole row, zeros dropped.
	n := len(z)
	for n > 1 && math.IsInf(z[n-1], -1) {
		n--
	}
	after := probability.SoftmaxTo(l.after[:n], z[:n])
	r := DecodeResult{V: len(l.sorted), EntropyBefore: l.hBefore, EntropyAfter: probability.Entropy(after)}
	total := 0.0
	for j, p := range after {
		if p > 0 {
			r.Kept = j + 1
			r.KeptMass += l.before[j]
		}
		total += p
		l.cum[j] = total
	}
	top = min(top, len(l.sorted))
	r.Top = make([]Token, top)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0))
	for range cfg.Draws {
		if j := l.draw(rng.Float64(), r.Kept); j < top {
			r.Top[j].Count++
		} else {
			r.Other++
		}
	}
	for j := range r.Top {
		t := &r.Top[j]
		t.ID, t.Before = l.ids[j], l.before[j]
		if j < n {
			t.After = after[j]
		}
	}
	return r
}

// draw returns the smallest j < kept with cum[j] > u, or kept−1 when
// rounding leaves the total at or below u — sampling.Categorical's token,
// since cum holds the same running sum Categorical adds up.
func (l *Lab) draw(u float64, kept int) int {
	j, _ := slices.BinarySearch(l.cum[:kept], u)
	for j < kept && l.cum[j] <= u { // BinarySearch finds the first cum ≥ u
		j++
	}
	return min(j, kept-1)
}

// Decode is NewLab(logits).Decode(cfg, top).
func Decode(logits []float64, cfg DecodeConfig, top int) DecodeResult {
	return NewLab(logits).Decode(cfg, top)
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
