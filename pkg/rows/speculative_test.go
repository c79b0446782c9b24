package rows

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/bitsandlogits/course/internal/panictest"
	"github.com/bitsandlogits/course/pkg/sampling"
	"gonum.org/v1/gonum/stat/distuv"
)

var (
	// specTarget and specDraft are row-stochastic bigram tables over 4
	// tokens: row c is the next-token distribution after token c.
	specTarget = [][]float64{
		{0.5, 0.2, 0.2, 0.1},
		{0.1, 0.6, 0.1, 0.2},
		{0.25, 0.25, 0.25, 0.25},
		{0.05, 0.05, 0.1, 0.8},
	}
	specDraft = [][]float64{
		{0.25, 0.25, 0.25, 0.25},
		{0.4, 0.3, 0.2, 0.1},
		{0.7, 0.1, 0.1, 0.1},
		{0, 0.2, 0.1, 0.7},
	}
)

// probRows concatenates float64 rows into one float32 batch.
func probRows(xs ...[]float64) []float32 {
	var out []float32
	for _, x := range xs {
		for _, v := range x {
			out = append(out, float32(v))
		}
	}
	return out
}

// chiSquare returns Σ (counts − n·probs)²/(n·probs) over the cells with
// probs > 0, its degrees of freedom, and the p-value. A count in a cell
// of probability 0 makes it +Inf.
func chiSquare(counts, probs []float64, n float64) (chi2, df, pValue float64) {
	for i, pr := range probs {
		if pr == 0 {
			if counts[i] > 0 {
				return math.Inf(1), df, 0
			}
			continue
		}
		e := n * pr
		chi2 += (counts[i] - e) * (counts[i] - e) / e
		df++
	}
	df--
	return chi2, df, 1 - distuv.ChiSquared{K: df}.CDF(chi2)
}

// TestSpeculativeVerifyMatchesReference verifies the same three drafts in
// 200,000 copies of one sequence and compares the counts of each outcome
// (accepted n, next token t) with their probabilities from pkg/sampling:
//
//	P(n, t) = Π_{i<n} aᵢ · (1 − a_n) · Residual(p_n, q_n)(t)  (n < k),
//	P(k, t) = Π_{i<k} aᵢ · p_k(t),                               aᵢ = min(1, pᵢ(xᵢ)/qᵢ(xᵢ)).
//
// The seed is fixed, so the χ² statistic is a golden number.
func TestSpeculativeVerifyMatchesReference(t *testing.T) {
	const b, k, v = 200000, 3, 4
	// After token 0 the drafts 3, 1, 0 are accepted with probability 0.4,
	// 0.25 and 0.25; the residuals have 1, 2 and 2 tokens, the bonus row 4.
	drafts := []int{3, 1, 0}
	ctx := []int{0, 3, 1, 0}
	var p, q []float32
	dr := make([]int, 0, b*k)
	for range b {
		p = append(p, probRows(specTarget[ctx[0]], specTarget[ctx[1]], specTarget[ctx[2]], specTarget[ctx[3]])...)
		q = append(q, probRows(specDraft[ctx[0]], specDraft[ctx[1]], specDraft[ctx[2]])...)
		dr = append(dr, drafts...)
	}
	accepted, next := make([]int, b), make([]int, b)
	SpeculativeVerify(accepted, next, p, q, dr, v, k, 19, 0)

	probs := make([]float64, (k+1)*v)
	reach := 1.0
	for n := range k + 1 {
		if n == k {
			for x := range v {
				probs[n*v+x] = reach * specTarget[ctx[k]][x]
			}
			break
		}
		pn, qn := specTarget[ctx[n]], specDraft[ctx[n]]
		a := min(1, pn[drafts[n]]/qn[drafts[n]])
		for x, r := range sampling.Residual(pn, qn) {
			probs[n*v+x] = reach * (1 - a) * r
		}
		reach *= a
	}
	counts := make([]float64, len(probs))
	for s := range b {
		counts[accepted[s]*v+next[s]]++
	}
	chi2, df, pValue := chiSquare(counts, probs, b)
	t.Logf("χ² = %.2f with %v degrees of freedom, p-value %.3f", chi2, df, pValue)
	if pValue < 0.001 {
		t.Errorf("χ² = %.2f (df %v), p-value %.2g: outcomes not distributed as the reference\ncounts %v\nprobs  %v", chi2, df, pValue, counts, probs)
	}
}

// TestSpeculativeVerifyExact grows 100,000 sequences from token 0 by
// batched rounds (k = 3, drafts drawn from the draft table) until each has
// 3 tokens, and compares the 64 cells of their joint distribution with
// p(t₁|0) p(t₂|t₁) p(t₃|t₂) by a χ² test: the draft changes only the speed.
func TestSpeculativeVerifyExact(t *testing.T) {
	const b, k, v, length = 100000, 3, 4, 3
	rng := rand.New(rand.NewPCG(19, 1))
	seqs := make([][]int, b)
	accepted, next := make([]int, b), make([]int, b)
	for step := uint64(0); step < length; step++ {
		var p, q []float32
		drafts := make([]int, 0, b*k)
		for s := range b {
			last := 0
			if n := len(seqs[s]); n > 0 {
				last = seqs[s][n-1]
			}
			for range k {
				q = append(q, probRows(specDraft[last])...)
				p = append(p, probRows(specTarget[last])...)
				last = sampling.Categorical(specDraft[last], rng.Float64())
				drafts = append(drafts, last)
			}
			p = append(p, probRows(specTarget[last])...)
		}
		SpeculativeVerify(accepted, next, p, q, drafts, v, k, 7, step)
		for s := range b {
			seqs[s] = append(append(seqs[s], drafts[s*k:s*k+accepted[s]]...), next[s])
		}
	}
	counts, probs := make([]float64, v*v*v), make([]float64, v*v*v)
	for _, seq := range seqs {
		counts[(seq[0]*v+seq[1])*v+seq[2]]++
	}
	for x := range v * v * v {
		a, c, d := x/(v*v), x/v%v, x%v
		probs[x] = specTarget[0][a] * specTarget[a][c] * specTarget[c][d]
	}
	chi2, df, pValue := chiSquare(counts, probs, b)
	t.Logf("χ² = %.2f with %v degrees of freedom, p-value %.3f", chi2, df, pValue)
	if pValue < 0.001 {
		t.Errorf("χ² = %.2f (df %v), p-value %.2g: the output is not distributed as the target", chi2, df, pValue)
	}
}

func TestSpeculativeVerifyEdges(t *testing.T) {
	const v = 3
	run := func(p, q []float32, drafts []int, k int, seed uint64) (int, int) {
		acc, nx := make([]int, 1), make([]int, 1)
		SpeculativeVerify(acc, nx, p, q, drafts, v, k, seed, 0)
		return acc[0], nx[0]
	}
	row := func(xs ...float32) []float32 { return xs }
	cat := func(rs ...[]float32) (out []float32) {
		for _, r := range rs {
			out = append(out, r...)
		}
		return out
	}
	for seed := range uint64(200) {
		// p = q: every draft is accepted and the bonus row (one-hot) decides.
		u := row(0.2, 0.3, 0.5)
		if a, n := run(cat(u, u, row(0, 0, 1)), cat(u, u), []int{2, 0}, 2, seed); a != 2 || n != 2 {
			t.Fatalf("p = q: accepted %d, next %d; want 2, 2", a, n)
		}
		// q(x) = 0 < p(x): the ratio is +Inf and x is accepted.
		if a, _ := run(cat(row(0.5, 0.5, 0), row(1, 0, 0)), row(1, 0, 0), []int{1}, 1, seed); a != 1 {
			t.Fatalf("q(x) = 0 < p(x): accepted %d, want 1", a)
		}
		// p(x) = 0: x is always rejected and the residual has one token left.
		if a, n := run(cat(row(0, 1, 0), row(1, 0, 0)), row(0.9, 0.1, 0), []int{0}, 1, seed); a != 0 || n != 1 {
			t.Fatalf("p(x) = 0: accepted %d, next %d; want 0, 1", a, n)
		}
		// The residual includes tokens the draft gives 0: p − q > 0 only at token 2.
		if a, n := run(cat(row(0.2, 0.3, 0.5), row(1, 0, 0)), row(0.6, 0.4, 0), []int{0}, 1, seed); a == 0 && n != 2 {
			t.Fatalf("rejection: next %d, want 2 (the only token with p > q)", n)
		}
	}
	// A sequence's outcome depends on its own rows, seed and step, not on the batch.
	p := probRows(specTarget[0], specTarget[1], specTarget[2], specTarget[3], specTarget[0], specTarget[3])
	q := probRows(specDraft[0], specDraft[1], specDraft[2], specDraft[3])
	drafts := []int{1, 2, 3, 3}
	acc2, nx2 := make([]int, 2), make([]int, 2)
	SpeculativeVerify(acc2, nx2, p, q, drafts, 4, 2, 3, 9)
	acc1, nx1 := make([]int, 1), make([]int, 1)
	SpeculativeVerify(acc1, nx1, p[:12], q[:8], drafts[:2], 4, 2, 3, 9)
	if acc1[0] != acc2[0] || nx1[0] != nx2[0] {
		t.Errorf("sequence 0 alone: (%d, %d); in a batch of 2: (%d, %d)", acc1[0], nx1[0], acc2[0], nx2[0])
	}
	SpeculativeVerify(nil, nil, nil, nil, nil, 4, 2, 0, 0) // an empty batch does nothing
}

func TestSpeculativeVerifyPanics(t *testing.T) {
	one := []int{0}
	p4, q2 := make([]float32, 4), make([]float32, 2)
	for _, c := range []struct {
		name, want string
		f          func()
	}{
		{"k = 0", "rows: SpeculativeVerify: draft length k = 0, want k ≥ 1", func() { SpeculativeVerify(one, one, p4[:2], nil, nil, 2, 0, 0, 0) }},
		{"draft out of range", "rows: SpeculativeVerify: drafts[0] = 2, want 0 ≤ x < V = 2", func() { SpeculativeVerify(one, one, p4, q2, []int{2}, 2, 1, 0, 0) }},
		{"next", "rows: SpeculativeVerify: len(next) = 2, want 1", func() { SpeculativeVerify(one, []int{0, 0}, p4, q2, one, 2, 1, 0, 0) }},
		{"p rows", "rows: SpeculativeVerify: len(p) = 2, want 4", func() { SpeculativeVerify(one, one, p4[:2], q2, one, 2, 1, 0, 0) }},
		{"q rows", "rows: SpeculativeVerify: len(q) = 4, want 2", func() { SpeculativeVerify(one, one, p4, p4, one, 2, 1, 0, 0) }},
		{"acceptance shapes", "rows: AcceptanceRate: len(q) = 2, want 4", func() { AcceptanceRate(make([]float32, 2), p4, q2, 2) }},
	} {
		panictest.Check(t, c.name, c.f, c.want)
	}
}

func TestAcceptanceRateRows(t *testing.T) {
	const v = 4
	p, q := probRows(specTarget...), probRows(specDraft...)
	dst := make([]float32, len(specTarget))
	AcceptanceRate(dst, p, q, v)
	for r := range specTarget {
		want := sampling.AcceptanceRate(specTarget[r], specDraft[r])
		if math.Abs(float64(dst[r])-want) > 1e-6 {
			t.Errorf("row %d: AcceptanceRate = %v, want %v", r, dst[r], want)
		}
	}
	if dst[2] != 0.55 { // Σ min over (0.25, 0.25, 0.25, 0.25) and (0.7, 0.1, 0.1, 0.1): 0.25 + 3·0.1
		t.Errorf("row 2: AcceptanceRate = %v, want 0.55", dst[2])
	}
}

// FuzzSpeculativeVerify checks, for arbitrary probability rows and drafts,
// that the outcome is one speculative decoding can produce: 0 ≤ accepted ≤
// k, every accepted draft has target probability > 0, a residual draw has
// p > q (or p > 0 when p ≤ q everywhere), and a bonus token has p > 0.
func FuzzSpeculativeVerify(f *testing.F) {
	f.Add([]byte{3, 2, 9, 1, 200, 7, 0, 5, 5, 5, 90, 1, 1, 40, 0, 0, 255, 8}, uint64(1))
	f.Fuzz(func(t *testing.T, raw []byte, seed uint64) {
		if len(raw) < 2 {
			return
		}
		v, k := int(raw[0]%5)+1, int(raw[1]%4)+1
		raw = raw[2:]
		cell := func(i int) float32 {
			if len(raw) == 0 {
				return 1
			}
			return float32(raw[i%len(raw)])
		}
		rowsOf := func(n, off int) []float32 {
			out := make([]float32, n*v)
			for r := range n {
				var z float32
				for i := range v {
					out[r*v+i] = cell(off + r*v + i)
					z += out[r*v+i]
				}
				for i := range v {
					if z == 0 {
						out[r*v+i] = 1 / float32(v)
					} else {
						out[r*v+i] /= z
					}
				}
			}
			return out
		}
		p, q := rowsOf(k+1, 0), rowsOf(k, 7*v)
		drafts := make([]int, k)
		for i := range drafts {
			drafts[i] = int(cell(3+i)) % v
		}
		acc, nx := make([]int, 1), make([]int, 1)
		SpeculativeVerify(acc, nx, p, q, drafts, v, k, seed, 0)
		n, x := acc[0], nx[0]
		if n < 0 || n > k || x < 0 || x >= v {
			t.Fatalf("accepted %d, next %d with k = %d, V = %d", n, x, k, v)
		}
		for i := range n {
			if p[i*v+drafts[i]] <= 0 {
				t.Fatalf("accepted draft %d with target probability 0", i)
			}
		}
		pn := p[n*v : (n+1)*v]
		if n == k {
			if pn[x] <= 0 {
				t.Fatalf("bonus token %d has target probability 0", x)
			}
			return
		}
		qn, residual := q[n*v:(n+1)*v], false
		for i := range v {
			residual = residual || pn[i] > qn[i]
		}
		if residual && pn[x] <= qn[x] || !residual && pn[x] <= 0 {
			t.Fatalf("residual draw %d: p = %v, q = %v", x, pn, qn)
		}
	})
}
