package conformance

import (
	"math"

	"github.com/bitsandlogits/course/pkg/rows"
)

// Cases returns the table: bad arguments with their panic messages,
// empty batches, and values on small rows.
func Cases() []Case {
	return append(append(panicCases(), emptyCases()...), valueCases()...)
}

// call wraps an op that writes n values into dst.
func call(n int, f func(e Engine, dst []float32) error) func(Engine) ([]float64, error) {
	return func(e Engine) ([]float64, error) {
		dst := make([]float32, n)
		err := f(e, dst)
		return f64(dst), err
	}
}

// loss wraps CrossEntropyLoss.
func loss(x []float32, v int, targets []int, opt rows.CrossEntropyOptions) func(Engine) ([]float64, error) {
	return func(e Engine) ([]float64, error) {
		l, err := e.CrossEntropyLoss(x, v, targets, opt)
		return []float64{l}, err
	}
}

// sample wraps Sample on the given rows.
func sample(x []float32, v int, cfg rows.SamplerConfig, seed uint64) func(Engine) ([]float64, error) {
	return func(e Engine) ([]float64, error) {
		tok := make([]int, len(x)/v)
		err := e.Sample(tok, x, v, cfg, seed, 0)
		return f64(tok), err
	}
}

func panicCase(name, msg string, f func(e Engine, dst []float32) error) Case {
	return Case{Name: "panic/" + name, Call: call(1, f), Panic: msg}
}

func panicCases() []Case {
	x4 := []float32{1, 2, 3, 4}
	one := []float32{0}
	ce := func(targets []int, opt rows.CrossEntropyOptions) func(Engine, []float32) error {
		return func(e Engine, dst []float32) error { return e.CrossEntropy(dst, []float32{1, 2, 3}, 3, targets, opt) }
	}
	pref := func(n int, beta float32, kind rows.Preference) func(Engine, []float32) error {
		return func(e Engine, dst []float32) error {
			return e.PreferenceLoss(dst, one, one, make([]float32, n), make([]float32, n), beta, kind)
		}
	}
	bad := rows.CrossEntropyOptions{Reduction: 7}
	return []Case{
		panicCase("V=0", "Softmax: V = 0, want V ≥ 1", func(e Engine, d []float32) error { return e.Softmax(d, nil, 0, 1) }),
		panicCase("ragged", "LogSoftmax: len(x) = 4 is not a multiple of V = 3", func(e Engine, d []float32) error { return e.LogSoftmax(d, x4, 3, 1) }),
		panicCase("dst", "Softmax: len(dst) = 1, want 4", func(e Engine, d []float32) error { return e.Softmax(d, x4, 2, 1) }),
		panicCase("T<0", "Softmax: temperature = -1, want a finite value ≥ 0", func(e Engine, d []float32) error { return e.Softmax(make([]float32, 4), x4, 4, -1) }),
		panicCase("T=NaN", "Entropy: temperature = NaN, want a finite value ≥ 0", func(e Engine, d []float32) error { return e.Entropy(d, x4, 4, nan) }),
		panicCase("T=Inf", "LogSoftmax: temperature = +Inf, want a finite value ≥ 0", func(e Engine, d []float32) error { return e.LogSoftmax(make([]float32, 4), x4, 4, inf) }),
		panicCase("lse-dst", "LogSumExp: len(dst) = 1, want 2", func(e Engine, d []float32) error { return e.LogSumExp(d, x4, 2) }),
		panicCase("kl-q", "KL: len(q) = 2, want 4", func(e Engine, d []float32) error { return e.KL(d, x4, x4[:2], 4) }),
		panicCase("js-dst", "JS: len(dst) = 1, want 2", func(e Engine, d []float32) error { return e.JS(d, x4, x4, 2) }),
		panicCase("targets-len", "CrossEntropy: len(targets) = 2, want 1", ce([]int{0, 1}, rows.TorchDefaults)),
		panicCase("target-zero-opts", "CrossEntropy: targets[0] = -100, want 0 ≤ t < V = 3 (no ignore index set)", ce([]int{rows.IgnoreIndex}, rows.CrossEntropyOptions{})),
		panicCase("target-torch", "CrossEntropy: targets[0] = 3, want 0 ≤ t < V = 3 or IgnoreIndex = -100", ce([]int{3}, rows.TorchDefaults)),
		panicCase("smoothing", "CrossEntropy: LabelSmoothing = 1.5, want 0 ≤ ε ≤ 1", ce([]int{0}, rows.CrossEntropyOptions{LabelSmoothing: 1.5})),
		panicCase("reduction", "CrossEntropy: unknown Reduction 7, want Mean, Sum", ce([]int{0}, bad)),
		{Name: "panic/loss-reduction", Call: loss([]float32{1, 2}, 2, []int{0}, bad), Panic: "CrossEntropyLoss: unknown Reduction 7, want Mean, Sum"},
		{Name: "panic/loss-reduction-empty", Call: loss(nil, 2, nil, bad), Panic: "CrossEntropyLoss: unknown Reduction 7, want Mean, Sum"},
		panicCase("estimator", "KLEstimate: unknown Estimator 5, want K1, K2, K3", func(e Engine, d []float32) error { return e.KLEstimate(d, one, 5) }),
		panicCase("estimator-dst", "KLEstimate: len(dst) = 1, want 4", func(e Engine, d []float32) error { return e.KLEstimate(d, x4, rows.K1) }),
		panicCase("beta=0", "PreferenceLoss: beta = 0, want a finite β > 0", pref(1, 0, rows.DPO)),
		panicCase("beta=NaN", "PreferenceLoss: beta = NaN, want a finite β > 0", pref(1, nan, rows.IPO)),
		panicCase("beta=Inf", "PreferenceLoss: beta = +Inf, want a finite β > 0", pref(1, inf, rows.Hinge)),
		panicCase("beta<0-empty", "PreferenceLoss: beta = -1, want a finite β > 0", func(e Engine, _ []float32) error {
			return e.PreferenceLoss(nil, nil, nil, nil, nil, -1, rows.DPO)
		}),
		panicCase("pref-len-order", "PreferenceLoss: len(refChosen) = 2, want 1", pref(2, 0.1, rows.DPO)),
		panicCase("pref-kind", "PreferenceLoss: unknown Preference 3, want DPO, Hinge, IPO", pref(1, 0.1, 3)),
		panicCase("k=0", "TopK: k = 0, want k ≥ 1", func(e Engine, d []float32) error { return e.TopK(make([]float32, 4), x4, 4, 0) }),
		panicCase("p=0", "TopP: p = 0, want 0 < p ≤ 1", func(e Engine, d []float32) error { return e.TopP(make([]float32, 4), x4, 4, 0) }),
		panicCase("p>1", "TopP: p = 1.5, want 0 < p ≤ 1", func(e Engine, d []float32) error { return e.TopP(make([]float32, 4), x4, 4, 1.5) }),
		panicCase("minp<0", "MinP: minP = -0.1, want 0 ≤ minP ≤ 1", func(e Engine, d []float32) error { return e.MinP(make([]float32, 4), x4, 4, -0.1) }),
		panicCase("filter-config", "Filter: bad SamplerConfig {Temperature:1 TopK:-1 TopP:0 MinP:0}: want TopK ≥ 0, TopP and MinP in [0, 1]",
			func(e Engine, d []float32) error {
				return e.Filter(make([]float32, 4), x4, 4, rows.SamplerConfig{Temperature: 1, TopK: -1})
			}),
		panicCase("sample-config", "Sample: bad SamplerConfig {Temperature:1 TopK:0 TopP:2 MinP:0}: want TopK ≥ 0, TopP and MinP in [0, 1]",
			func(e Engine, d []float32) error {
				return e.Sample(make([]int, 1), x4, 4, rows.SamplerConfig{Temperature: 1, TopP: 2}, 1, 0)
			}),
		panicCase("sample-T", "Sample: temperature = -1, want a finite value ≥ 0",
			func(e Engine, d []float32) error {
				return e.Sample(make([]int, 1), x4, 4, rows.SamplerConfig{Temperature: -1}, 1, 0)
			}),
		panicCase("sample-tokens", "Sample: len(tokens) = 2, want 1",
			func(e Engine, d []float32) error {
				return e.Sample(make([]int, 2), x4, 4, rows.SamplerConfig{Temperature: 1}, 1, 0)
			}),
	}
}

// emptyCases: a batch of zero rows is valid for every op and does nothing.
func emptyCases() []Case {
	cfg := rows.SamplerConfig{Temperature: 0.7, TopK: 5, TopP: 0.9, MinP: 0.1}
	ops := map[string]func(e Engine, d []float32) error{
		"Softmax":    func(e Engine, d []float32) error { return e.Softmax(d, nil, 8, 1) },
		"LogSoftmax": func(e Engine, d []float32) error { return e.LogSoftmax(d, nil, 8, 0.5) },
		"LogSumExp":  func(e Engine, d []float32) error { return e.LogSumExp(d, nil, 8) },
		"Entropy":    func(e Engine, d []float32) error { return e.Entropy(d, nil, 8, 2) },
		"CrossEntropy": func(e Engine, d []float32) error {
			return e.CrossEntropy(d, nil, 8, nil, rows.CrossEntropyOptions{LabelSmoothing: 0.1})
		},
		"KL":             func(e Engine, d []float32) error { return e.KL(d, nil, nil, 8) },
		"JS":             func(e Engine, d []float32) error { return e.JS(d, nil, nil, 8) },
		"KLEstimate":     func(e Engine, d []float32) error { return e.KLEstimate(d, nil, rows.K3) },
		"PreferenceLoss": func(e Engine, d []float32) error { return e.PreferenceLoss(d, nil, nil, nil, nil, 0.1, rows.IPO) },
		"TopK":           func(e Engine, d []float32) error { return e.TopK(d, nil, 8, 3) },
		"TopP":           func(e Engine, d []float32) error { return e.TopP(d, nil, 8, 0.5) },
		"MinP":           func(e Engine, d []float32) error { return e.MinP(d, nil, 8, 0.5) },
		"Filter":         func(e Engine, d []float32) error { return e.Filter(d, nil, 8, cfg) },
		"Sample":         func(e Engine, _ []float32) error { return e.Sample(nil, nil, 8, cfg, 1, 0) },
	}
	var cs []Case
	for _, name := range []string{"Softmax", "LogSoftmax", "LogSumExp", "Entropy", "CrossEntropy", "KL", "JS",
		"KLEstimate", "PreferenceLoss", "TopK", "TopP", "MinP", "Filter", "Sample"} {
		cs = append(cs, Case{Name: "empty/" + name, Call: call(0, ops[name]), Want: []float64{}})
	}
	return append(cs,
		Case{Name: "empty/loss-mean", Call: loss(nil, 8, nil, rows.TorchDefaults), Want: []float64{math.NaN()}},
		Case{Name: "empty/loss-sum", Call: loss(nil, 8, nil, rows.CrossEntropyOptions{Reduction: rows.Sum}), Want: []float64{0}})
}

// softmax64 returns softmax(x) in float64.
func softmax64(x ...float64) []float64 {
	l := lse(x...)
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = math.Exp(v - l)
	}
	return out
}

func valueCases() []Case {
	x := []float32{1, 2, 3, 0.5, -1, 2} // two rows of V = 3
	tie := []float32{2, 5, 5}
	l0, l1 := lse(1, 2, 3), lse(0.5, -1, 2)
	f := float32(math.Inf(-1))
	pad := rows.CrossEntropyOptions{Ignore: true, IgnoreIndex: 0}
	return []Case{
		{Name: "softmax", Call: call(6, func(e Engine, d []float32) error { return e.Softmax(d, x, 3, 1) }),
			Want: append(softmax64(1, 2, 3), softmax64(0.5, -1, 2)...)},
		{Name: "softmax-T0-tie", Call: call(3, func(e Engine, d []float32) error { return e.Softmax(d, tie, 3, 0) }), Want: []float64{0, 1, 0}},
		{Name: "logsoftmax-T0", Call: call(3, func(e Engine, d []float32) error { return e.LogSoftmax(d, tie, 3, 0) }), Want: []float64{ninf, 0, ninf}},
		{Name: "logsoftmax-T2", Call: call(3, func(e Engine, d []float32) error { return e.LogSoftmax(d, x[:3], 3, 2) }),
			Want: []float64{0.5 - lse(0.5, 1, 1.5), 1 - lse(0.5, 1, 1.5), 1.5 - lse(0.5, 1, 1.5)}},
		{Name: "logsumexp", Call: call(2, func(e Engine, d []float32) error { return e.LogSumExp(d, x, 3) }), Want: []float64{l0, l1}},
		{Name: "logsumexp-all-inf", Call: call(1, func(e Engine, d []float32) error { return e.LogSumExp(d, []float32{f, f}, 2) }), Want: []float64{ninf}},
		{Name: "entropy-uniform-T0", Call: call(2, func(e Engine, d []float32) error {
			if err := e.Entropy(d[:1], []float32{3, 3, 3, 3}, 4, 1); err != nil {
				return err
			}
			return e.Entropy(d[1:], x[:3], 3, 0)
		}), Want: []float64{math.Log(4), 0}},
		{Name: "ce-zero-options-keep-target-0", Call: loss(x[:3], 3, []int{0}, rows.CrossEntropyOptions{}), Want: []float64{l0 - 1}},
		{Name: "ce-torch-ignore", Call: loss(x, 3, []int{2, rows.IgnoreIndex}, rows.TorchDefaults), Want: []float64{l0 - 3}},
		{Name: "ce-ignore-pad-0", Call: call(2, func(e Engine, d []float32) error { return e.CrossEntropy(d, x, 3, []int{0, 2}, pad) }),
			Want: []float64{0, l1 - 2}},
		{Name: "ce-ignore-pad-0-mean", Call: loss(x, 3, []int{0, 2}, pad), Want: []float64{l1 - 2}},
		{Name: "ce-sum", Call: loss(x, 3, []int{1, 0}, rows.CrossEntropyOptions{Reduction: rows.Sum}), Want: []float64{(l0 - 2) + (l1 - 0.5)}},
		{Name: "ce-smoothing", Call: loss(x[:3], 3, []int{2}, rows.CrossEntropyOptions{LabelSmoothing: 0.3}),
			Want: []float64{0.7*(l0-3) + 0.3*(l0-2)}},
		{Name: "ce-all-ignored", Call: loss(x, 3, []int{-100, -100}, rows.TorchDefaults), Want: []float64{math.NaN()}},
		{Name: "kl-self", Call: call(2, func(e Engine, d []float32) error { return e.KL(d, x, x, 3) }), Want: []float64{0, 0}},
		{Name: "js-disjoint", Call: call(1, func(e Engine, d []float32) error { return e.JS(d, []float32{0, f}, []float32{f, 0}, 2) }),
			Want: []float64{math.Ln2}},
		{Name: "kl-estimators", Call: call(3, func(e Engine, d []float32) error {
			for i, est := range []rows.Estimator{rows.K1, rows.K2, rows.K3} {
				if err := e.KLEstimate(d[i:i+1], []float32{0.5}, est); err != nil {
					return err
				}
			}
			return nil
		}), Want: []float64{-0.5, 0.125, math.Exp(0.5) - 1.5}},
		{Name: "dpo", Call: call(1, func(e Engine, d []float32) error {
			return e.PreferenceLoss(d, []float32{1}, []float32{0}, []float32{0}, []float32{0}, 0.5, rows.DPO)
		}), Want: []float64{math.Log1p(math.Exp(-0.5))}},
		{Name: "topk-k>=V", Call: call(3, func(e Engine, d []float32) error { return e.TopK(d, x[:3], 3, 5) }), Want: []float64{1, 2, 3}},
		{Name: "topp-1", Call: call(3, func(e Engine, d []float32) error { return e.TopP(d, x[:3], 3, 1) }), Want: []float64{1, 2, 3}},
		{Name: "filter-T0", Call: call(3, func(e Engine, d []float32) error { return e.Filter(d, tie, 3, rows.SamplerConfig{}) }),
			Want: []float64{ninf, 5, ninf}},
		{Name: "sample-T0-tie", Call: sample(tie, 3, rows.SamplerConfig{}, 1), Want: []float64{1}},
		{Name: "sample-no-finite", Call: sample([]float32{f, f, 0, 1}, 2, rows.SamplerConfig{Temperature: 1}, 1), Want: []float64{-1, 1}},
		{Name: "sample-cutoff", Call: sample(cutoffRows(32), 4, rows.SamplerConfig{Temperature: 1}, 7), Want: make([]float64, 32)},
	}
}

// cutoffRows returns n rows [0, −g, −g, −g] with g just beyond
// contract.GumbelCutoff: token 0 must be drawn every time.
func cutoffRows(n int) []float32 {
	x := make([]float32, 4*n)
	for i := range x {
		if i%4 != 0 {
			x[i] = -87.5
		}
	}
	return x
}
