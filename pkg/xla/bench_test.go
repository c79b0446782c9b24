package xla

import (
	"testing"

	"github.com/bitsandlogits/course/pkg/rows"
)

// The benchmarks run on the backend of $GOMLX_BACKEND at [8, 32000]: the Go
// backend takes seconds per op at the [64, 128000] of `course bench`, which
// shrinks the batch for it.
const benchRows, benchV = 8, 32000

func benchInput(b *testing.B) ([]float32, []float32) {
	x := batchOf(benchRows, benchV, 3, 1)
	b.SetBytes(int64(4 * len(x)))
	return x, make([]float32, len(x))
}

func BenchmarkLogSoftmax(b *testing.B) {
	x, out := benchInput(b)
	for b.Loop() {
		if err := engine.LogSoftmax(out, x, benchV, 1); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCrossEntropy(b *testing.B) {
	x, _ := benchInput(b)
	targets := make([]int, benchRows)
	for b.Loop() {
		if _, err := engine.CrossEntropyLoss(x, benchV, targets, rows.TorchDefaults); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTopK50(b *testing.B) {
	x, out := benchInput(b)
	for b.Loop() {
		if err := engine.TopK(out, x, benchV, 50); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSampleTopP(b *testing.B) {
	x, _ := benchInput(b)
	tokens := make([]int, benchRows)
	for b.Loop() {
		if err := engine.Sample(tokens, x, benchV, rows.SamplerConfig{Temperature: 1, TopP: 0.9}, 1, 0); err != nil {
			b.Fatal(err)
		}
	}
}
