package rows

import (
	"encoding/json"
	"os"
	"testing"

	goldenfile "github.com/bitsandlogits/course/internal/golden"
)

// num reads the golden values, "inf", "-inf" and "nan" included.
type num = goldenfile.Float

// torchGolden is testdata/torch_golden.json, written by
// scripts/golden_rows_torch.py from PyTorch's own functions.
type torchGolden struct {
	V            int   `json:"v"`
	Logits       []num `json:"logits"`
	Other        []num `json:"other"`
	Targets      []int `json:"targets"`
	CrossEntropy []struct {
		LabelSmoothing float64 `json:"label_smoothing"`
		Reduction      string  `json:"reduction"`
		Loss           []num   `json:"loss"`
	} `json:"cross_entropy"`
	AllIgnoredMean []num `json:"all_ignored_mean"`
	SoftmaxT07     []num `json:"softmax_t07"`
	LogSoftmax     []num `json:"log_softmax"`
	LogSumExp      []num `json:"logsumexp"`
	Entropy        []num `json:"entropy"`
	KLOtherLogits  []num `json:"kl_other_logits"`
}

func f32(xs []num) []float32 {
	out := make([]float32, len(xs))
	for i, x := range xs {
		out[i] = float32(x)
	}
	return out
}

func TestAgainstPyTorch(t *testing.T) {
	data, err := os.ReadFile("testdata/torch_golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var g torchGolden
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	x, other, v := f32(g.Logits), f32(g.Other), g.V
	n := len(x) / v
	check := func(name string, got []float32, want []num, closeFn func(a, b float64) bool) {
		t.Helper()
		if len(want) == 0 || len(got) < len(want) {
			t.Errorf("%s: %d golden values for %d results (regenerate testdata?)", name, len(want), len(got))
			return
		}
		for i, w := range want {
			if !closeFn(float64(got[i]), float64(w)) {
				t.Errorf("%s[%d] = %v, PyTorch %v", name, i, got[i], float64(w))
			}
		}
	}
	for _, c := range g.CrossEntropy {
		opt := CrossEntropyOptions{Ignore: true, IgnoreIndex: IgnoreIndex, LabelSmoothing: c.LabelSmoothing}
		switch c.Reduction {
		case "none":
			per := make([]float32, n)
			CrossEntropy(per, x, v, g.Targets, opt)
			check("cross_entropy(ε="+fmtF(c.LabelSmoothing)+", none)", per, c.Loss, closeLog)
		case "mean", "sum":
			if c.Reduction == "sum" {
				opt.Reduction = Sum
			}
			got := CrossEntropyLoss(x, v, g.Targets, opt)
			check("cross_entropy(ε="+fmtF(c.LabelSmoothing)+", "+c.Reduction+")", []float32{float32(got)}, c.Loss, closeLog)
		}
	}
	allIgnored := make([]int, n)
	for i := range allIgnored {
		allIgnored[i] = IgnoreIndex
	}
	check("cross_entropy(all ignored, mean)", []float32{float32(CrossEntropyLoss(x, v, allIgnored, TorchDefaults))}, g.AllIgnoredMean, closeLog)

	out := make([]float32, len(x))
	Softmax(out, x, v, 0.7)
	check("softmax(x/0.7)", out, g.SoftmaxT07, closeRel)
	LogSoftmax(out, x, v, 1)
	check("log_softmax", out, g.LogSoftmax, closeLog)
	perRow := make([]float32, n)
	LogSumExp(perRow, x, v)
	check("logsumexp", perRow, g.LogSumExp, closeLog)
	Entropy(perRow, x, v, 1)
	check("entropy", perRow, g.Entropy, closeLog)
	KL(perRow, other, x, v)
	check("KL(softmax(other) ‖ softmax(logits))", perRow, g.KLOtherLogits, closeLog)
}

func fmtF(f float64) string {
	b, _ := json.Marshal(f)
	return string(b)
}
