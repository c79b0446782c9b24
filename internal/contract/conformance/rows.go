package conformance

import "github.com/bitsandlogits/course/pkg/rows"

// Rows is pkg/rows as an [Engine]: every method calls the function of
// the same name and returns a nil error.
type Rows struct{}

func (Rows) Softmax(dst, x []float32, v int, t float32) error {
	rows.Softmax(dst, x, v, t)
	return nil
}

func (Rows) LogSoftmax(dst, x []float32, v int, t float32) error {
	rows.LogSoftmax(dst, x, v, t)
	return nil
}

func (Rows) LogSumExp(dst, x []float32, v int) error {
	rows.LogSumExp(dst, x, v)
	return nil
}

func (Rows) Entropy(dst, x []float32, v int, t float32) error {
	rows.Entropy(dst, x, v, t)
	return nil
}

func (Rows) CrossEntropy(dst, logits []float32, v int, targets []int, opt rows.CrossEntropyOptions) error {
	rows.CrossEntropy(dst, logits, v, targets, opt)
	return nil
}

func (Rows) CrossEntropyLoss(logits []float32, v int, targets []int, opt rows.CrossEntropyOptions) (float64, error) {
	return rows.CrossEntropyLoss(logits, v, targets, opt), nil
}

func (Rows) KL(dst, p, q []float32, v int) error {
	rows.KL(dst, p, q, v)
	return nil
}

func (Rows) JS(dst, p, q []float32, v int) error {
	rows.JS(dst, p, q, v)
	return nil
}

func (Rows) KLEstimate(dst, logRatio []float32, e rows.Estimator) error {
	rows.KLEstimate(dst, logRatio, e)
	return nil
}

func (Rows) PreferenceLoss(dst, pc, pr, rc, rr []float32, beta float32, kind rows.Preference) error {
	rows.PreferenceLoss(dst, pc, pr, rc, rr, beta, kind)
	return nil
}

func (Rows) TopK(dst, x []float32, v, k int) error {
	rows.TopK(dst, x, v, k)
	return nil
}

func (Rows) TopP(dst, x []float32, v int, p float32) error {
	rows.TopP(dst, x, v, p)
	return nil
}

func (Rows) MinP(dst, x []float32, v int, minP float32) error {
	rows.MinP(dst, x, v, minP)
	return nil
}

func (Rows) Filter(dst, x []float32, v int, cfg rows.SamplerConfig) error {
	rows.Filter(dst, x, v, cfg)
	return nil
}

func (Rows) Sample(tokens []int, logits []float32, v int, cfg rows.SamplerConfig, seed, step uint64) error {
	rows.Sample(tokens, logits, v, cfg, seed, step)
	return nil
}
