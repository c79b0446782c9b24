// Package bench times the batched ops of pkg/rows (the native engine),
// pkg/xla (GoMLX, on whatever backend it opens) and PyTorch (through the
// peer script scripts/bench_torch.py) on the same shape, and reports each
// time beside the time of copying the same bytes (the memory-bandwidth
// limit) and as a ratio against PyTorch measured in the same run.
package bench

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"
)

// Config says what to run.
type Config struct {
	Batch, Vocab int      // logits shape [Batch, Vocab]
	Runs         int      // timed runs per (op, engine), after one warm-up; the median is reported
	Best         bool     // report the fastest of the runs instead of the median (every engine and the floor alike)
	Ops          []string // op names; empty means all of [OpNames]
	Python       string   // interpreter that can import torch; "" skips the torch peer
	TorchScript  string   // path of scripts/bench_torch.py
	GoMLX        bool     // also time the pkg/xla engine
	GoMLXBudget  time.Duration
	Resident     bool      // also time GoMLX on a device-resident batch (always on for XLA backends)
	Warm         bool      // time runs back to back, caches warm, instead of cold (see cache.go)
	Progress     io.Writer // one line per finished measurement; may be nil

	cold       *evictor // read before every timed run unless Warm; set by Run
	sweepBytes int      // the size of cold's buffer; 0: twice the largest cache (tests set less)
}

// Result is one (op, engine) measurement.
type Result struct {
	Op      string  `json:"op"`
	Engine  string  `json:"engine"`
	Shape   string  `json:"shape"`
	Rows    int     `json:"rows"`    // rows of the batch the op ran on (GoMLX may run fewer)
	Threads int     `json:"threads"` // threads the engine ran on
	Ms      float64 `json:"ms"`      // wall time of Runs runs: their median, or with Best the fastest
	GBps    float64 `json:"gbps"`    // input bytes / time
	CopyMs  float64 `json:"copy_ms"` // the memory floor: the fastest copy of the op's input bytes (see Machine)
	Note    string  `json:"note,omitempty"`
}

// Report is a whole run: where it ran, what it measured, and notes.
type Report struct {
	Machine Machine
	Results []Result
	Notes   []string
}

// inputs are the shared operands: two logit batches and one target per row.
type inputs struct {
	b, v    int
	x, y    []float32
	targets []int
}

func newInputs(b, v int) *inputs {
	r := rand.New(rand.NewPCG(1, 2))
	in := &inputs{b: b, v: v, x: make([]float32, b*v), y: make([]float32, b*v), targets: make([]int, b)}
	for i := range in.x {
		in.x[i] = float32(r.NormFloat64() * 3)
		in.y[i] = float32(r.NormFloat64() * 3)
	}
	for i := range in.targets {
		in.targets[i] = i * 997 % v
	}
	return in
}

// Stat names the statistic each reported time is: "median" or, with
// Best, "fastest" of Runs runs.
func (c Config) Stat() string {
	if c.Best {
		return "fastest"
	}
	return "median"
}

// pick returns the statistic of c.Stat: on a machine shared with other
// work, the fastest run is the closest to the unloaded cost, for every
// engine and copy alike.
func (c Config) pick(ms []float64) float64 {
	if c.Best {
		return slices.Min(ms)
	}
	return median(ms)
}

// timeRuns warms up if warmup is set (one call, or calls for warmFor when
// c.Warm; cold runs sweep the cache before every timed run), then calls fn
// c.Runs times, and returns c.pick of the durations in
// milliseconds.
func (c Config) timeRuns(warmup bool, fn func() error) (float64, error) {
	if warmup {
		if err := c.warmUp(fn); err != nil {
			return 0, err
		}
	}
	ms := make([]float64, c.Runs)
	for i := range ms {
		t, err := c.timed(fn) // warm runs follow each other: no warm-up each
		if err != nil {
			return 0, err
		}
		ms[i] = t
	}
	return c.pick(ms), nil
}

// timeOne times one call of fn, in ms, after settling the caches: cold
// runs sweep them (see cache.go), warm runs call fn untimed for warmFor
// just before, so that no other engine's run comes between them.
func (c Config) timeOne(fn func() error) (float64, error) {
	if c.Warm {
		if err := c.warmUp(fn); err != nil {
			return 0, err
		}
	}
	return c.timed(fn)
}

// warmUp calls fn once, and for warm runs again until warmFor has passed.
func (c Config) warmUp(fn func() error) error {
	for start := time.Now(); ; {
		if err := fn(); err != nil {
			return err
		}
		if !c.Warm || time.Since(start) >= warmFor {
			return nil
		}
	}
}

// warmFor is how long a warm run's untimed warm-up lasts. One call was
// not enough: after the cores had idled 15 ms (waiting for the peer to go
// quiet), a softmax timed right after one warm-up call took 3.3 ms
// against 2.0 ms back to back — the clock takes milliseconds to come
// back up — while 10 ms of warm-up calls brought it to 2.1 ms.
const warmFor = 20 * time.Millisecond

// timed sweeps the caches for a cold run and times one call of fn, in ms.
func (c Config) timed(fn func() error) (float64, error) {
	c.cold.evict()
	t0 := time.Now()
	err := fn()
	return float64(time.Since(t0).Nanoseconds()) / 1e6, err
}

// median returns the median of xs, which it sorts.
func median(xs []float64) float64 {
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// parallelCopy is the native "copy" op: the fastest Go copy measured
// here (see copyChunked; non-temporal stores measured 2× slower than
// PyTorch's copy on one machine).
func parallelCopy(dst, src []float32) { copyChunked(dst, src) }

// Run measures every selected op on every available engine.
func Run(cfg Config) (*Report, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	names := cfg.Ops
	if len(names) == 0 {
		names = OpNames()
	}
	for _, n := range names {
		if opByName(n) == nil {
			return nil, fmt.Errorf("bench: unknown op %q (ops: %v)", n, OpNames())
		}
	}
	progress := func(r Result) {
		if cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, "  %-14s %-20s %10.2f ms\n", r.Op, r.Engine, r.Ms)
		}
	}
	in := newInputs(cfg.Batch, cfg.Vocab)
	rep := &Report{Machine: newMachine()}
	rep.Machine.Cache = cfg.settleCaches()
	rep.Machine.Stat = fmt.Sprintf("%s of %d runs", cfg.Stat(), cfg.Runs)
	var torch *torchPeer
	if cfg.Python != "" {
		var err error
		if torch, err = startTorch(cfg); err != nil {
			rep.Notes = append(rep.Notes, "torch skipped: "+err.Error())
		} else {
			defer torch.close()
		}
	}
	rep.Notes = append(rep.Notes, measureFloor(&rep.Machine, cfg, in, torch)...)
	copyMs := map[int]float64{1: rep.Machine.FloorMs[0], 2: rep.Machine.FloorMs[1]}
	results, torchResults, notes := runNativeAndTorch(cfg, names, in, copyMs, torch, progress)
	rep.Notes = append(rep.Notes, notes...)
	results = append(results, torchResults...)
	if cfg.GoMLX {
		rs, ns := runGoMLX(cfg, names, in, copyMs, progress)
		results = append(results, rs...)
		rep.Notes = append(rep.Notes, ns...)
	}
	// Group the rows by op, in table order; engines keep their run order.
	slices.SortStableFunc(results, func(a, b Result) int {
		return slices.Index(names, a.Op) - slices.Index(names, b.Op)
	})
	shape := fmt.Sprintf("[%d,%d]", cfg.Batch, cfg.Vocab)
	// The copy op's own rows measure the same bytes: keep the fastest.
	for _, r := range results {
		if r.Op == "copy" && r.Shape == shape && r.Ms < rep.Machine.FloorMs[0] && !strings.Contains(r.Engine, "gomlx") {
			rep.Machine.FloorMs[0], rep.Machine.FloorSource[0] = r.Ms, map[string]string{"native": "Go copy, 512 KiB calls", "torch": "PyTorch copy_"}[r.Engine]
		}
	}
	// One batch copies at least as fast as half of two, and two batches at
	// least as fast as one batch twice: under load the raw figures can
	// say otherwise.
	if f := rep.Machine.FloorMs[1] / 2; f < rep.Machine.FloorMs[0] {
		rep.Machine.FloorMs[0], rep.Machine.FloorSource[0] = f, rep.Machine.FloorSource[1]+", half of two batches"
	}
	if f := 2 * rep.Machine.FloorMs[0]; f < rep.Machine.FloorMs[1] {
		rep.Machine.FloorMs[1], rep.Machine.FloorSource[1] = f, "2 × "+rep.Machine.FloorSource[0]
	}
	for i := range results {
		if o := opByName(results[i].Op); results[i].CopyMs > 0 {
			results[i].CopyMs = rep.Machine.FloorMs[o.inputs-1] * results[i].CopyMs / copyMs[o.inputs]
		}
		o := opByName(results[i].Op)
		bytes := float64(o.inputs * results[i].Rows * cfg.Vocab * 4)
		results[i].GBps = bytes / (results[i].Ms * 1e6)
		if results[i].Threads == 0 {
			results[i].Threads = rep.Machine.Threads
		}
	}
	rep.Results = results
	return rep, nil
}

// runNativeAndTorch times each op by alternating single native and
// single PyTorch runs, so that both see the same machine load.
func runNativeAndTorch(cfg Config, names []string, in *inputs, copyMs map[int]float64, torch *torchPeer,
	progress func(Result)) (native, peer []Result, notes []string) {
	shape := fmt.Sprintf("[%d,%d]", cfg.Batch, cfg.Vocab)
	noisy := false
	for _, n := range names {
		o := opByName(n)
		run := o.native(in)
		run()
		var torchMs []float64
		threads := 0
		if torch != nil {
			if _, err := torch.time(n, 0, true); err != nil {
				notes = append(notes, err.Error())
				torch = nil
			}
		}
		nativeMs := make([]float64, cfg.Runs)
		for i := range nativeMs {
			if !torch.quiesce() && !noisy {
				noisy = true
				notes = append(notes, "the PyTorch peer's threads did not go quiet within 200 ms before a Go run (or /proc/PID/task/*/schedstat is unreadable): Go runs may have shared the cores with them")
			}
			nativeMs[i], _ = cfg.timeOne(func() error { run(); return nil })
			if torch != nil {
				r, err := cfg.timeTorch(torch, n)
				if err != nil {
					notes = append(notes, err.Error())
					torch = nil
					continue
				}
				torchMs = append(torchMs, r.Ms)
				threads = r.Threads
			}
		}
		r := Result{Op: n, Engine: "native", Shape: shape, Rows: cfg.Batch, Ms: cfg.pick(nativeMs), CopyMs: copyMs[o.inputs]}
		native = append(native, r)
		progress(r)
		if len(torchMs) == cfg.Runs {
			t := Result{Op: n, Engine: peerOf(n), Shape: shape, Rows: cfg.Batch, Threads: threads, Ms: cfg.pick(torchMs), CopyMs: copyMs[o.inputs]}
			peer = append(peer, t)
			progress(t)
		}
	}
	return native, peer, notes
}

// OpNames lists the ops in table order.
func OpNames() []string {
	names := make([]string, len(ops))
	for i, o := range ops {
		names[i] = o.name
	}
	return names
}

func opByName(name string) *op {
	i := slices.IndexFunc(ops, func(o op) bool { return o.name == name })
	if i < 0 {
		return nil
	}
	return &ops[i]
}
