package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestRunNativeAndGoMLX(t *testing.T) {
	rep, err := Run(Config{Batch: 3, Vocab: 257, Runs: 1, GoMLX: true, GoMLXBudget: time.Second, Warm: true})
	if err != nil {
		t.Fatal(err)
	}
	results, notes := rep.Results, rep.Notes
	m := rep.Machine
	if m.CPU == "" || m.ISA != m.ISAs[0] || m.Threads < 1 || !(m.FloorMs[0] > 0) || !(m.FloorMs[1] > 0) ||
		!strings.HasPrefix(m.FloorSource[0], "Go copy") {
		t.Errorf("machine %+v: want a CPU, the widest ISA, threads and a Go floor (no torch)", m)
	}
	for _, n := range notes {
		t.Log("note:", n)
	}
	engines := map[string]int{}
	for _, r := range results {
		engines[r.Engine]++
		if !(r.Ms > 0) || !(r.GBps > 0) || r.Shape != "[3,257]" {
			t.Errorf("%s/%s: ms %v, GB/s %v, shape %s", r.Op, r.Engine, r.Ms, r.GBps, r.Shape)
		}
		if !(r.CopyMs > 0) {
			t.Errorf("%s/%s: no copy baseline", r.Op, r.Engine)
		}
	}
	if engines["native"] != len(ops) || engines["gomlx-go"] != len(ops)-1 { // no GoMLX copy
		t.Errorf("results per engine %v, want %d native and %d gomlx-go", engines, len(ops), len(ops)-1)
	}
}

func TestSpeedupAndOutput(t *testing.T) {
	results := []Result{
		{Op: "softmax", Engine: "native", Shape: "[2,3]", Ms: 5},
		{Op: "softmax", Engine: "torch", Shape: "[2,3]", Ms: 20},
		{Op: "topp_sample", Engine: "native", Shape: "[2,3]", Ms: 2},
		{Op: "topp_sample", Engine: "torch-source-top-p", Shape: "[2,3]", Ms: 100},
		{Op: "kl", Engine: "gomlx-go", Shape: "[1,3]", Ms: 1},
		{Op: "kl", Engine: "torch", Shape: "[2,3]", Ms: 1},
		{Op: "log_softmax", Engine: "native", Shape: "[2,3]", Ms: 10},
		{Op: "log_softmax", Engine: "torch", Shape: "[2,3]", Ms: 15},
	}
	if s, ok := Speedup(results[0], results); !ok || s != 4 {
		t.Errorf("softmax speedup = %v, %v; want 4", s, ok)
	}
	if s, ok := Speedup(results[2], results); !ok || s != 50 {
		t.Errorf("top-p speedup against the sort-based peer = %v, %v; want 50", s, ok)
	}
	if _, ok := Speedup(results[4], results); ok {
		t.Error("speedup across different shapes should not exist")
	}
	var buf bytes.Buffer
	rep := &Report{Machine: Machine{CPU: "test CPU", ISA: "avx2", FloorSource: [2]string{"PyTorch copy_", "Go copy, non-temporal"}},
		Results: results, Notes: []string{"a note"}}
	for i := range results {
		results[i].CopyMs = 1
	}
	if err := WriteJSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != len(results)+2 {
		t.Fatalf("%d JSON lines, want %d", len(lines), len(results)+2)
	}
	var head struct{ Machine map[string]any }
	if err := json.Unmarshal([]byte(lines[0]), &head); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"cpu", "isa", "threads", "torch_threads", "torch_isa", "floor_ms", "floor_source", "stat", "cache"} {
		if _, ok := head.Machine[k]; !ok {
			t.Errorf("JSON machine %s lacks %q", lines[0], k)
		}
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &first); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"op", "engine", "shape", "threads", "ms", "gbps", "copy_ms", "vs_torch", "vs_floor", "target"} {
		if _, ok := first[k]; !ok {
			t.Errorf("JSON object %s lacks %q", lines[1], k)
		}
	}
	buf.Reset()
	if err := WriteTable(&buf, rep); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CPU: test CPU", "native kernels: avx2", "1 batch 0.00 ms by PyTorch copy_", "< 2× torch, > 3× floor"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}
	if v := verdict(results[2], results); v != "ok" {
		t.Errorf("top-p at 50× torch and 2× floor: verdict %q, want ok", v)
	}
	if !strings.Contains(buf.String(), "4.00×") || !strings.Contains(buf.String(), "50.00×") {
		t.Errorf("table lacks the ratios:\n%s", buf.String())
	}
}

// TestPickStat: --best reports the fastest run, the default the median,
// and the report's machine line says which.
func TestPickStat(t *testing.T) {
	ms := []float64{3, 1, 2, 9}
	if got := (Config{}).pick(slices.Clone(ms)); got != 2.5 {
		t.Errorf("median of %v = %v, want 2.5", ms, got)
	}
	if got := (Config{Best: true}).pick(slices.Clone(ms)); got != 1 {
		t.Errorf("fastest of %v = %v, want 1", ms, got)
	}
	rep, err := Run(Config{Batch: 2, Vocab: 64, Runs: 3, Best: true, Ops: []string{"softmax"}, sweepBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Machine.Stat != "fastest of 3 runs" || !strings.Contains(rep.Machine.String(), "ms: fastest of 3 runs") {
		t.Errorf("machine stat %q, line %q", rep.Machine.Stat, rep.Machine)
	}
	if !strings.HasPrefix(rep.Machine.Cache, "cold caches (") || !strings.Contains(rep.Machine.String(), "MiB read before every timed run") {
		t.Errorf("cache %q, line %q: want cold runs by default", rep.Machine.Cache, rep.Machine)
	}
}

// TestTimeRunsSweeps: one warm-up, then each timed run after a sweep of
// the whole eviction buffer.
func TestTimeRunsSweeps(t *testing.T) {
	e := newEvictor(1 << 20)
	calls, sweeps := 0, 0
	c := Config{Runs: 5, cold: e}
	ms, err := c.timeRuns(true, func() error {
		calls++
		// Each sweep adds Σ buf[8j] = Σ 8j over j < len/8 to the sink.
		n := uint64(len(e.buf) / 8)
		sweeps = int(e.sink / (8 * n * (n - 1) / 2))
		return nil
	})
	if err != nil || calls != 6 || sweeps != 5 || ms < 0 {
		t.Errorf("timeRuns: %v ms, err %v, %d calls, %d sweeps; want 6 calls (1 warm-up) and a sweep before each of the 5 timed", ms, err, calls, sweeps)
	}
	if (Config{Runs: 2}).cold != nil {
		t.Error("a Config made outside Run sweeps nothing")
	}
	// A single interleaved run: a cold one is one call; a warm one calls fn
	// untimed for at least warmFor first, then once timed.
	for _, warm := range []bool{false, true} {
		calls = 0
		start := time.Now()
		_, err := (Config{Warm: warm}).timeOne(func() error { calls++; time.Sleep(5 * time.Millisecond); return nil })
		if want := map[bool]int{false: 1, true: 2}[warm]; err != nil || calls < want || !warm && calls != 1 || warm && time.Since(start) < warmFor {
			t.Errorf("timeOne, warm %v: %d calls in %v, err %v; want ≥ %d", warm, calls, time.Since(start), err, want)
		}
	}
}

// TestTorchCapability: the peer runs PyTorch's kernels of the same
// instruction set as the native ones, unless the environment says otherwise.
func TestTorchCapability(t *testing.T) {
	t.Setenv("ATEN_CPU_CAPABILITY", "")
	for _, c := range []struct {
		isa    string
		forced bool
		want   string
	}{{"avx512", false, "avx512"}, {"avx2", true, "avx2"}, {"sse2", false, "default"}, {"sse2", true, "default"},
		{"scalar", true, "default"}, {"scalar", false, ""}} {
		if got := torchCapability(c.isa, c.forced); got != c.want {
			t.Errorf("torchCapability(%q, forced %v) = %q, want %q", c.isa, c.forced, got, c.want)
		}
	}
	t.Setenv("ATEN_CPU_CAPABILITY", "avx2")
	if got := torchCapability("avx512", false); got != "avx2" {
		t.Errorf("with ATEN_CPU_CAPABILITY=avx2 set: %q", got)
	}
}

// TestEvictBytes reads a sysfs-like cache description: twice the largest
// cache, within [64 MiB, 1 GiB].
func TestEvictBytes(t *testing.T) {
	for _, c := range []struct {
		sizes   []string
		want    int
		largest int64
	}{
		{[]string{"48K", "64K", "2048K", "491520K"}, 960 << 20, 480 << 20},
		{[]string{"32K", "1M"}, minEvict, 1 << 20},
		{[]string{"2G"}, maxEvict, 2 << 30},
		{[]string{"junk"}, minEvict, 0},
		{nil, minEvict, 0},
	} {
		dir := t.TempDir()
		for i, s := range c.sizes {
			d := filepath.Join(dir, fmt.Sprintf("index%d", i))
			if err := os.Mkdir(d, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(d, "size"), []byte(s+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got, largest := evictBytes(dir); got != c.want || largest != c.largest {
			t.Errorf("sizes %v: evictBytes = %d, %d; want %d, %d", c.sizes, got, largest, c.want, c.largest)
		}
	}
	if got := cacheNote(nil, 0); got != "warm caches (runs back to back)" {
		t.Errorf("warm note %q", got)
	}
}

func TestResidentRows(t *testing.T) {
	rep, err := Run(Config{Batch: 2, Vocab: 300, Runs: 1, GoMLX: true, GoMLXBudget: time.Second, Resident: true, Ops: []string{"cross_entropy"}, Warm: true})
	if err != nil {
		t.Fatal(err)
	}
	results, notes := rep.Results, rep.Notes
	var got []string
	for _, r := range results {
		if strings.HasSuffix(r.Engine, "-resident") {
			got = append(got, r.Op)
		}
	}
	if strings.Join(got, ",") != "copy,cross_entropy" {
		t.Errorf("resident rows %v, want copy and cross_entropy; notes %v", got, notes)
	}
}

// TestCheck: every bound is checked before any work, and the message
// names the bound; nothing overflows on huge values.
func TestCheck(t *testing.T) {
	ok := Config{Batch: 64, Vocab: 128000, Runs: 5}
	if err := ok.Check(); err != nil {
		t.Fatalf("default config: %v", err)
	}
	for _, c := range []struct {
		cfg  Config
		want string
	}{
		{Config{Batch: 1, Vocab: math.MaxInt, Runs: 1}, "want 1 ≤ vocab ≤ 16777216"},
		{Config{Batch: 1, Vocab: 0, Runs: 1}, "vocab = 0"},
		{Config{Batch: 1000000, Vocab: 1000000, Runs: 1}, "want 1 ≤ batch ≤ 134 at vocab 1000000"},
		{Config{Batch: math.MaxInt, Vocab: 1 << 24, Runs: 1}, "want 1 ≤ batch ≤ 8 at vocab 16777216"},
		{Config{Batch: -1, Vocab: 10, Runs: 1}, "batch = -1"},
		{Config{Batch: 1, Vocab: 10, Runs: 0}, "runs = 0, want 1 ≤ runs ≤ 1000"},
		{Config{Batch: 1, Vocab: 10, Runs: 1001}, "runs = 1001"},
		{Config{Batch: 1, Vocab: 10, Runs: 1, GoMLX: true}, "gomlx budget = 0s"},
		{Config{Batch: 1, Vocab: 10, Runs: 1, GoMLX: true, GoMLXBudget: 2 * time.Hour}, "want 0 < budget ≤ 1h0m0s"},
	} {
		err := c.cfg.Check()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: Check() = %v, want %q", c.cfg, err, c.want)
		}
	}
	big := Config{Batch: 1024, Vocab: 1 << 17, Runs: 1, Python: "python", GoMLX: true, GoMLXBudget: time.Second}
	big.sweepBytes = 1 << 30
	if got, want := big.MemoryBytes(), int64(21)<<29+1<<30; got != want {
		t.Errorf("MemoryBytes = %d, want %d (21 batches of 512 MiB and 1 GiB to sweep the caches)", got, want)
	}
	big.Warm = true
	if got, want := big.MemoryBytes(), int64(21)<<29; got != want {
		t.Errorf("warm MemoryBytes = %d, want %d (21 batches of 512 MiB)", got, want)
	}
}
