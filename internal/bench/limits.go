package bench

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// The bounds of a run, checked by [Config.Check] before any work.
const (
	// MaxVocab keeps token ids exact in float32, the dtype in which
	// pkg/xla's sampler returns them.
	MaxVocab = 1 << 24
	// MaxLogits bounds Batch·Vocab: 2²⁷ float32 logits are 512 MiB per batch.
	MaxLogits = 1 << 27
	// MaxRuns bounds the timed runs per measurement.
	MaxRuns = 1000
	// MaxBudget bounds the time allowed per GoMLX op.
	MaxBudget = time.Hour
)

// batchesHeld estimates how many [Batch, Vocab] float32 arrays a run
// holds at its peak: the Go side keeps two inputs, an output and the
// floor's scratch copy; PyTorch its own two inputs, an output and up to
// eight more for the sort-based top-p (int64 indices, sorted values,
// probabilities, cumulative sums); GoMLX its outputs, graph buffers and
// the sampler's noise.
func (c Config) batchesHeld() int {
	n := 4
	if c.Python != "" {
		n += 11
	}
	if c.GoMLX {
		n += 6
	}
	return n
}

// MemoryBytes estimates the peak memory of the run c describes: the
// batches, and for cold runs the buffer that sweeps the caches.
func (c Config) MemoryBytes() int64 {
	b := int64(c.batchesHeld()) * 4 * int64(c.Batch) * int64(c.Vocab)
	if !c.Warm {
		sweep, _ := evictBytes(cacheDir)
		if c.sweepBytes > 0 {
			sweep = c.sweepBytes
		}
		b += int64(sweep)
	}
	return b
}

// Check returns an error, naming the bound and the memory it implies,
// unless 1 ≤ Vocab ≤ MaxVocab, 1 ≤ Batch with Batch·Vocab ≤ MaxLogits,
// 1 ≤ Runs ≤ MaxRuns, the GoMLX budget is in (0, MaxBudget], and the
// estimated memory fits in the memory the kernel reports available.
func (c Config) Check() error {
	switch {
	case c.Vocab < 1 || c.Vocab > MaxVocab:
		return fmt.Errorf("vocab = %d, want 1 ≤ vocab ≤ %d (2^24: token ids must be exact in float32)", c.Vocab, MaxVocab)
	case c.Batch < 1 || c.Batch > MaxLogits/c.Vocab:
		return fmt.Errorf("batch = %d, want 1 ≤ batch ≤ %d at vocab %d: batch·vocab ≤ 2^27 logits (512 MiB per float32 batch; a run holds up to %d batches, %s)",
			c.Batch, MaxLogits/c.Vocab, c.Vocab, c.batchesHeld(), gib(int64(c.batchesHeld())*4*MaxLogits))
	case c.Runs < 1 || c.Runs > MaxRuns:
		return fmt.Errorf("runs = %d, want 1 ≤ runs ≤ %d", c.Runs, MaxRuns)
	case c.GoMLX && (c.GoMLXBudget <= 0 || c.GoMLXBudget > MaxBudget):
		return fmt.Errorf("gomlx budget = %v, want 0 < budget ≤ %v", c.GoMLXBudget, MaxBudget)
	}
	if avail, ok := memAvailable(); ok && c.MemoryBytes() > avail {
		return fmt.Errorf("[%d, %d] needs about %s (%d float32 batches of %s), but only %s is available: use a smaller --batch or --vocab",
			c.Batch, c.Vocab, gib(c.MemoryBytes()), c.batchesHeld(), gib(4*int64(c.Batch)*int64(c.Vocab)), gib(avail))
	}
	return nil
}

func gib(b int64) string { return fmt.Sprintf("%.2f GiB", float64(b)/(1<<30)) }

// memAvailable returns /proc/meminfo's MemAvailable in bytes.
func memAvailable() (int64, bool) {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "MemAvailable:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}
