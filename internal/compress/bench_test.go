package compress

import (
	"testing"

	"github.com/bitsandlogits/course/pkg/corpus"
)

// BenchmarkAdaptive codes the Go specification with an empty order-5
// adaptive model; b.SetBytes makes `go test -bench` print MB/s.
func BenchmarkAdaptive(b *testing.B) {
	spec, err := corpus.GoSpec()
	if err != nil {
		b.Skip(err)
	}
	data := []byte(spec)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Encode(Header{Order: 5, Adaptive: true}, NewAdaptive(5), data)
	}
}
