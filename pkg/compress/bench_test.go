package compress

import (
	"bytes"
	"compress/gzip"
	"testing"
	"time"

	"github.com/bitsandlogits/course/pkg/corpus"
)

// The benchmarks report MB/s of wall time (go test's own column) and
// MB/cpu-s, bytes per second of this process's CPU time, which a machine
// shared with other jobs does not distort. BenchmarkGzip9 is the yardstick
// in the same run: compare ratios, not absolute figures, across CPUs.

// benchBytes runs setup (untimed) and then f b.N times on n bytes and
// reports MB/cpu-s of f alone.
func benchBytes(b *testing.B, n int, setup, f func()) {
	b.SetBytes(int64(n))
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		setup()
		b.StartTimer()
		start := cpuTime()
		f()
		cpu += cpuTime() - start
	}
	if cpu > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/1e6/cpu.Seconds(), "MB/cpu-s")
	}
}

func benchInputs(b *testing.B) (train, test, spec []byte) {
	sp, err := corpus.OpticksSplit()
	if err != nil {
		b.Skip(err)
	}
	s, err := corpus.GoSpec()
	if err != nil {
		b.Skip(err)
	}
	return []byte(sp.Train), []byte(sp.Test), []byte(s)
}

// BenchmarkCode encodes and decodes the Go specification with the static
// and the adaptive order-5 models and the adaptive order-8 one (the model's construction not counted).
func BenchmarkCode(b *testing.B) {
	train, _, spec := benchInputs(b)
	for _, c := range []struct {
		name string
		h    Header
	}{
		{"static", Header{Order: 5, Prior: true}},
		{"adaptive", Header{Order: 5, Adaptive: true, Prior: true}},
		{"adaptive8", Header{Order: 8, Adaptive: true, Prior: true}},
	} {
		h, m, err := Prepare(c.h, Sources{Prior: train})
		if err != nil {
			b.Fatal(err)
		}
		fresh := func() { _, m, _ = Prepare(c.h, Sources{Prior: train}) } // an adaptive model changes as it codes
		coded := Encode(h, m, spec)
		hc, _ := ParseHeader(coded)
		b.Run(c.name+"/encode", func(b *testing.B) {
			benchBytes(b, len(spec), fresh, func() { Encode(h, m, spec) })
		})
		b.Run(c.name+"/decode", func(b *testing.B) {
			benchBytes(b, len(spec), fresh, func() {
				if _, err := Decode(hc, m, coded[HeaderSize:]); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkGzip9 is the yardstick: Go's compress/gzip at level 9 on the
// same text.
func BenchmarkGzip9(b *testing.B) {
	_, _, spec := benchInputs(b)
	benchBytes(b, len(spec), func() {}, func() {
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		w.Write(spec)
		w.Close()
	})
}
