package bench

import (
	"fmt"
	"time"

	"github.com/bitsandlogits/course/pkg/rows"
	"github.com/bitsandlogits/course/pkg/xla"
)

// gomlxOp returns the closure that runs op name on the first n rows of
// in with engine e, or nil if the op has no GoMLX version.
func gomlxOp(e *xla.Engine, name string, in *inputs, n int) func() error {
	v := in.v
	x, y, targets := in.x[:n*v], in.y[:n*v], in.targets[:n]
	full, perRow := make([]float32, n*v), make([]float32, n)
	switch name {
	case "softmax":
		return func() error { return e.Softmax(full, x, v, 1) }
	case "log_softmax":
		return func() error { return e.LogSoftmax(full, x, v, 1) }
	case "logsumexp":
		return func() error { return e.LogSumExp(perRow, x, v) }
	case "entropy":
		return func() error { return e.Entropy(perRow, x, v, 1) }
	case "cross_entropy":
		return func() error {
			_, err := e.CrossEntropyLoss(x, v, targets, rows.TorchDefaults)
			return err
		}
	case "kl":
		return func() error { return e.KL(perRow, x, y, v) }
	case "topk50":
		return func() error { return e.TopK(full, x, v, 50) }
	case "topp_sample":
		tokens := make([]int, n)
		return func() error { return e.Sample(tokens, x, v, topPConfig, 1, 0) }
	}
	return nil
}

// runGoMLX times the ops on pkg/xla's engine. An op whose full batch
// would take longer than cfg.GoMLXBudget (warm-up and runs together) is
// run on fewer rows, or skipped when even one row is too slow; the notes
// say which.
func runGoMLX(cfg Config, names []string, in *inputs, copyMs map[int]float64, progress func(Result)) ([]Result, []string) {
	e, err := xla.New()
	if err != nil {
		return nil, []string{"gomlx skipped: " + err.Error()}
	}
	defer e.Close()
	engine := "gomlx-" + e.Backend()
	budget := cfg.GoMLXBudget
	if budget <= 0 {
		budget = 10 * time.Second
	}
	var results []Result
	var notes []string
	for _, name := range names {
		// Compile for a few rows and time one run of them: the cost per
		// row, which sets how many rows fit in the budget.
		n0 := min(cfg.Batch, 8)
		probe := gomlxOp(e, name, in, n0)
		if probe == nil {
			continue
		}
		if err := probe(); err != nil {
			notes = append(notes, fmt.Sprintf("%s %s failed: %v", engine, name, err))
			continue
		}
		t0 := time.Now()
		_ = probe()
		perRow := time.Since(t0) / time.Duration(n0)
		perRun := budget / time.Duration(cfg.Runs+1)
		n := cfg.Batch
		if time.Duration(n)*perRow > perRun {
			n = int(perRun / max(perRow, time.Nanosecond))
			if n < 1 {
				notes = append(notes, fmt.Sprintf("%s %s skipped: one row takes %v, over the %v budget per run", engine, name, perRow.Round(time.Millisecond), perRun))
				continue
			}
			notes = append(notes, fmt.Sprintf("%s %s shrunk to %d rows: the full batch would take about %v per run (budget %v for all runs)",
				engine, name, n, (time.Duration(cfg.Batch)*perRow).Round(100*time.Millisecond), budget))
		}
		ms, err := cfg.timeRuns(true, gomlxOp(e, name, in, n))
		if err != nil {
			notes = append(notes, fmt.Sprintf("%s %s failed: %v", engine, name, err))
			continue
		}
		r := Result{Op: name, Engine: engine, Shape: fmt.Sprintf("[%d,%d]", n, in.v), Rows: n, Ms: ms,
			CopyMs: copyMs[opByName(name).inputs] * float64(n) / float64(cfg.Batch)}
		results = append(results, r)
		progress(r)
	}
	if e.Backend() != "go" || cfg.Resident {
		rs, ns := runResident(e, engine+"-resident", cfg, in, copyMs, progress)
		results = append(results, rs...)
		notes = append(notes, ns...)
	}
	return results, notes
}

// runResident times cross-entropy and a device copy on a batch kept on
// the accelerator, so that no host-device transfer is in the time: the
// GPU target is cross-entropy at ≥ 50% of the device copy's bandwidth.
func runResident(e *xla.Engine, engine string, cfg Config, in *inputs, copyMs map[int]float64, progress func(Result)) ([]Result, []string) {
	r, err := e.Upload(in.x, in.v)
	if err != nil {
		return nil, []string{engine + " skipped: " + err.Error()}
	}
	defer r.Free()
	shape := fmt.Sprintf("[%d,%d]", in.b, in.v)
	loss := make([]float32, in.b)
	var results []Result
	for _, m := range []struct {
		op  string
		run func() error
	}{
		{"copy", func() error { return e.DeviceCopy(r) }},
		{"cross_entropy", func() error { return e.CrossEntropyOn(loss, r, in.targets, rows.TorchDefaults) }},
	} {
		ms, err := cfg.timeRuns(true, m.run) // the host's caches do not hold device memory, but the sweep is harmless
		if err != nil {
			return results, []string{fmt.Sprintf("%s %s failed: %v", engine, m.op, err)}
		}
		res := Result{Op: m.op, Engine: engine, Shape: shape, Rows: in.b, Ms: ms, CopyMs: copyMs[1]}
		results = append(results, res)
		progress(res)
	}
	note := fmt.Sprintf("%s: cross-entropy reads the batch at %.1f GB/s; the device copy reads and writes it at %.1f GB/s",
		engine, float64(4*in.b*in.v)/(results[1].Ms*1e6), float64(8*in.b*in.v)/(results[0].Ms*1e6))
	return results, []string{note}
}
