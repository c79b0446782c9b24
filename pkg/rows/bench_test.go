package rows

import "testing"

// The benchmarks use the shape of the course's targets: a batch of 64
// rows over a 128000-token vocabulary (32.8 MB of float32 logits).
// `course bench` runs the same operations beside PyTorch and GoMLX.
const benchRows, benchV = 64, 128000

func benchInput(b *testing.B) (x, out []float32) {
	x = batch(benchRows, benchV, 3, 1)
	b.SetBytes(int64(4 * len(x)))
	b.ResetTimer()
	return x, make([]float32, len(x))
}

func BenchmarkCopy(b *testing.B) {
	x, out := benchInput(b)
	for b.Loop() {
		copy(out, x)
	}
}

func BenchmarkSoftmax(b *testing.B) {
	x, out := benchInput(b)
	for b.Loop() {
		Softmax(out, x, benchV, 1)
	}
}

func BenchmarkLogSoftmax(b *testing.B) {
	x, out := benchInput(b)
	for b.Loop() {
		LogSoftmax(out, x, benchV, 1)
	}
}

func BenchmarkEntropy(b *testing.B) {
	x, _ := benchInput(b)
	h := make([]float32, benchRows)
	for b.Loop() {
		Entropy(h, x, benchV, 1)
	}
}

func BenchmarkCrossEntropy(b *testing.B) {
	x, _ := benchInput(b)
	targets := make([]int, benchRows)
	for r := range targets {
		targets[r] = r * 997 % benchV
	}
	for b.Loop() {
		CrossEntropyLoss(x, benchV, targets, TorchDefaults)
	}
}

func BenchmarkKL(b *testing.B) {
	x, _ := benchInput(b)
	y := batch(benchRows, benchV, 3, 2)
	kl := make([]float32, benchRows)
	for b.Loop() {
		KL(kl, x, y, benchV)
	}
}

func BenchmarkTopK50(b *testing.B) {
	x, out := benchInput(b)
	for b.Loop() {
		TopK(out, x, benchV, 50)
	}
}

func BenchmarkSampleTopP(b *testing.B) {
	x, _ := benchInput(b)
	tokens := make([]int, benchRows)
	for b.Loop() {
		Sample(tokens, x, benchV, SamplerConfig{Temperature: 1, TopP: 0.9}, 1, 0)
	}
}

// BenchmarkRowInL2 times each op on one 128000-token row, which stays in
// L2 between iterations, and reports ns per element: the kernels' compute
// cost without the trip to memory. Run it on one core, with the ISA forced
// if wanted, and read cycles as ns × the clock:
//
//	GODEBUG=asyncpreemptoff=1 [COURSE_ISA=avx2] go test -run - -bench RowInL2 -cpu 1 ./pkg/rows/
func BenchmarkRowInL2(b *testing.B) {
	x, y := batch(1, benchV, 3, 1), batch(1, benchV, 3, 2)
	out, one := make([]float32, benchV), make([]float32, 1)
	tokens := make([]int, 1)
	for _, op := range []struct {
		name string
		run  func()
	}{
		{"copy", func() { copy(out, x) }},
		{"softmax", func() { Softmax(out, x, benchV, 1) }},
		{"log_softmax", func() { LogSoftmax(out, x, benchV, 1) }},
		{"logsumexp", func() { LogSumExp(one, x, benchV) }},
		{"entropy", func() { Entropy(one, x, benchV, 1) }},
		{"cross_entropy", func() { CrossEntropyLoss(x, benchV, []int{997}, TorchDefaults) }},
		{"kl", func() { KL(one, x, y, benchV) }},
		{"topk50", func() { TopK(out, x, benchV, 50) }},
		{"topp_sample", func() { Sample(tokens, x, benchV, SamplerConfig{Temperature: 1, TopP: 0.9}, 1, 0) }},
	} {
		b.Run(op.name, func(b *testing.B) {
			for b.Loop() {
				op.run()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchV, "ns/elem")
		})
	}
}
