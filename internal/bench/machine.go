package bench

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/bitsandlogits/course/pkg/rows"
)

// Machine describes where a run took place, so that figures are never
// quoted without the CPU, the kernels and the thread count behind them.
type Machine struct {
	CPU          string   `json:"cpu"`           // /proc/cpuinfo's model name
	ISA          string   `json:"isa"`           // native kernels in use: avx512, avx2, sse2 or scalar
	ISAs         []string `json:"isas"`          // kernel sets this build and CPU can run
	Threads      int      `json:"threads"`       // GOMAXPROCS: the native engine's goroutines
	TorchThreads int      `json:"torch_threads"` // torch.get_num_threads() of the peer, 0 if none
	TorchISA     string   `json:"torch_isa"`     // PyTorch's CPU capability as it reports it ("AVX512", "AVX2", "NO AVX"), "" if none
	GoVersion    string   `json:"go"`
	Stat         string   `json:"stat"`  // what each ms is: "median of 7 runs" or "fastest of 7 runs"
	Cache        string   `json:"cache"` // cold (swept before each timed run, and by how much) or warm
	// The memory floor: the fastest copy of one (FloorMs[0]) and two
	// (FloorMs[1]) batches measured in this run, and which copy won.
	FloorMs     [2]float64 `json:"floor_ms"`
	FloorSource [2]string  `json:"floor_source"`
}

// cpuModel returns the CPU's model name, or GOARCH when unknown.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown " + runtime.GOARCH + " CPU"
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if k, v, ok := strings.Cut(s.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown " + runtime.GOARCH + " CPU"
}

func newMachine() Machine {
	return Machine{CPU: cpuModel(), ISA: rows.ISA(), ISAs: rows.ISAs(), Threads: runtime.GOMAXPROCS(0), GoVersion: runtime.Version()}
}

// String is the one-line header of a table.
func (m Machine) String() string {
	torch := "no torch"
	if m.TorchThreads > 0 {
		torch = fmt.Sprintf("torch on %d threads with its %s kernels", m.TorchThreads, m.TorchISA)
	}
	return fmt.Sprintf("CPU: %s · native kernels: %s (available: %s) · %d threads (GOMAXPROCS), %s · %s · ms: %s · %s",
		m.CPU, m.ISA, strings.Join(m.ISAs, ", "), m.Threads, torch, m.GoVersion, m.Stat, m.Cache)
}

// copyChunked copies src to dst in GOMAXPROCS contiguous parts, each as
// copy calls of at most 512 KiB: below 1 MiB Go's memmove uses ordinary
// (cached) stores.
func copyChunked(dst, src []float32) { copyParallel(dst, src, 128<<10) }

// copyStreaming copies src to dst in GOMAXPROCS parts with one copy call
// each: above 1 MiB Go's memmove on amd64 switches to non-temporal
// stores, which bypass the cache.
func copyStreaming(dst, src []float32) { copyParallel(dst, src, len(src)) }

func copyParallel(dst, src []float32, chunk int) {
	chunk = max(chunk, 1)
	inParts(len(src), 1, func(_, lo, hi int) {
		for i := lo; i < hi; i += chunk {
			j := min(i+chunk, hi)
			copy(dst[i:j], src[i:j])
		}
	})
}

// inParts calls fn(k, lo, hi) for k < GOMAXPROCS on as many goroutines,
// for contiguous parts [lo, hi) of [0, n) whose lengths are multiples of
// align (but for the last), and returns when all calls have returned.
func inParts(n, align int, fn func(k, lo, hi int)) {
	w := runtime.GOMAXPROCS(0)
	per := ((n+w-1)/w + align - 1) / align * align
	var wg sync.WaitGroup
	for k := range w {
		if lo := k * per; lo < n {
			wg.Go(func() { fn(k, lo, min(lo+per, n)) })
		}
	}
	wg.Wait()
}

// measureFloor times copying one and two batches by each Go method and,
// when the peer runs, by PyTorch, and keeps the fastest of each.
func measureFloor(m *Machine, cfg Config, in *inputs, torch *torchPeer) []string {
	scratch := make([]float32, len(in.x))
	var notes []string
	for k := 1; k <= 2; k++ {
		best, source := 0.0, ""
		try := func(name string, ms float64) {
			if ms > 0 && (source == "" || ms < best) {
				best, source = ms, name
			}
		}
		for _, c := range []struct {
			name string
			fn   func(dst, src []float32)
		}{{"Go copy, 512 KiB calls", copyChunked}, {"Go copy, non-temporal", copyStreaming}} {
			torch.quiesce()
			ms, _ := cfg.timeRuns(true, func() error {
				c.fn(scratch, in.x)
				if k == 2 {
					c.fn(scratch, in.y)
				}
				return nil
			})
			try(c.name, ms)
		}
		if torch != nil {
			op := [...]string{"", "copy", "copy2"}[k]
			if ms, threads, err := torchRuns(torch, op, cfg); err == nil {
				try("PyTorch copy_", ms)
				m.TorchThreads, m.TorchISA = threads, torch.isa
			} else {
				notes = append(notes, "torch copy for the floor: "+err.Error())
			}
		}
		m.FloorMs[k-1], m.FloorSource[k-1] = best, source
	}
	return notes
}

// torchRuns times op in the peer: a warm-up, then cfg.Runs single runs,
// summarised as cfg.Stat says; it returns the peer's thread count too.
func torchRuns(torch *torchPeer, op string, cfg Config) (ms float64, threads int, err error) {
	if _, err := torch.time(op, 0, true); err != nil {
		return 0, 0, err
	}
	times := make([]float64, cfg.Runs)
	for i := range times {
		r, err := cfg.timeTorch(torch, op)
		if err != nil {
			return 0, 0, err
		}
		times[i], threads = r.Ms, r.Threads
	}
	return cfg.pick(times), threads, nil
}
