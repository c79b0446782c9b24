package rows

import (
	"encoding/binary"
	"math"
	"testing"
)

// FuzzRowInvariants checks, for arbitrary finite logits, that softmax sums
// to 1, log-softmax is ≤ 0, every filter keeps the most likely token, and
// the sampled token survives the filter.
func FuzzRowInvariants(f *testing.F) {
	f.Add([]byte{0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64}, uint8(90), uint8(3))
	f.Add(make([]byte, 64), uint8(50), uint8(1))
	f.Fuzz(func(t *testing.T, raw []byte, pPct, k uint8) {
		var x []float32
		for i := 0; i+4 <= len(raw); i += 4 {
			v := math.Float32frombits(binary.LittleEndian.Uint32(raw[i:]))
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) || math.Abs(float64(v)) > 1e4 {
				continue
			}
			x = append(x, v)
		}
		if len(x) == 0 {
			return
		}
		v := len(x)
		p := make([]float32, v)
		Softmax(p, x, v, 1)
		var sum float64
		for _, q := range p {
			sum += float64(q)
		}
		if math.Abs(sum-1) > 1e-5 {
			t.Fatalf("softmax sums to %v for %v", sum, x)
		}
		LogSoftmax(p, x, v, 1)
		for i, lp := range p {
			if lp > 1e-6 {
				t.Fatalf("log_softmax[%d] = %v > 0 for %v", i, lp, x)
			}
		}
		best := argmax(x)
		cfg := SamplerConfig{Temperature: 1, TopK: int(k%8) + 1, TopP: float32(pPct%100+1) / 100, MinP: 0.05}
		out := make([]float32, v)
		Filter(out, x, v, cfg)
		if math.IsInf(float64(out[best]), -1) {
			t.Fatalf("Filter(%+v) removed the most likely token %d of %v", cfg, best, x)
		}
		tok := make([]int, 1)
		Sample(tok, x, v, cfg, 1, 0)
		if tok[0] < 0 || math.IsInf(float64(out[tok[0]]), -1) {
			t.Fatalf("Sample drew %d, removed by the filter %v", tok[0], out)
		}
	})
}
