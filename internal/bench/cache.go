package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// Every timed run starts cold: the bench reads a buffer twice the size of
// the largest cache first, so that the run finds its operands in memory,
// not in cache, whichever engine ran before it. Without this, the order of
// the runs decided the figures: on a 2-core Xeon with a 480 MiB L3 (of
// which this VM keeps far less), a Go softmax timed back to back took
// 2.7 ms and the same softmax timed after a PyTorch op took 4.0 ms, while
// the floor's copies, timed back to back, ran warm. The buffer is read,
// not written, so that the timed run evicts clean lines and pays no
// write-backs for the bench's own traffic.

// Eviction bounds: at least 64 MiB, at most 1 GiB of reading per run.
const minEvict, maxEvict = 64 << 20, 1 << 30

// cacheDir is where Linux describes cpu0's caches.
const cacheDir = "/sys/devices/system/cpu/cpu0/cache"

// evictor holds the buffer read before each timed run.
type evictor struct {
	buf  []uint64
	sink uint64 // keeps the reads from being optimised away
}

// newEvictor returns an evictor of the given size in bytes, its pages
// written once so that reading them touches real memory, not the
// kernel's shared zero page.
func newEvictor(bytes int) *evictor {
	e := &evictor{buf: make([]uint64, bytes/8)}
	for i := range e.buf {
		e.buf[i] = uint64(i)
	}
	return e
}

// evict reads the whole buffer, split over GOMAXPROCS goroutines so that
// every core's private caches are swept too. A nil evictor does nothing
// (warm runs).
func (e *evictor) evict() {
	if e == nil {
		return
	}
	sums := make([]uint64, runtime.GOMAXPROCS(0))
	inParts(len(e.buf), 8, func(k, lo, hi int) { // whole 64-byte lines per part
		var s uint64
		for i := lo; i < hi; i += 8 { // one read per line
			s += e.buf[i]
		}
		sums[k] = s
	})
	for _, s := range sums {
		e.sink += s
	}
}

// evictBytes returns twice the largest cache sysfs reports under dir
// (/sys/devices/system/cpu/cpu0/cache), within [minEvict, maxEvict], and
// the size it found (0 when none).
func evictBytes(dir string) (bytes int, largest int64) {
	files, _ := filepath.Glob(filepath.Join(dir, "index*", "size")) // the pattern is valid
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if n, ok := parseCacheSize(strings.TrimSpace(string(b))); ok {
			largest = max(largest, n)
		}
	}
	return int(min(max(2*largest, minEvict), maxEvict)), largest
}

// parseCacheSize reads sysfs sizes such as "48K", "2048K" or "480M".
func parseCacheSize(s string) (int64, bool) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1<<30, strings.TrimSuffix(s, "G")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n * mult, err == nil && n > 0
}

// settleCaches makes c's timed runs cold unless c.Warm, and describes
// the cache state for the table's header.
func (c *Config) settleCaches() string {
	if c.Warm {
		return cacheNote(nil, 0)
	}
	bytes, largest := evictBytes(cacheDir)
	if c.sweepBytes > 0 {
		bytes = c.sweepBytes
	}
	c.cold = newEvictor(bytes)
	return cacheNote(c.cold, largest)
}

// cacheNote describes the cache state of the timed runs for the table's header.
func cacheNote(e *evictor, largest int64) string {
	if e == nil {
		return "warm caches (runs back to back)"
	}
	return fmt.Sprintf("cold caches (%d MiB read before every timed run; largest cache %d MiB)", len(e.buf)*8>>20, largest>>20)
}
