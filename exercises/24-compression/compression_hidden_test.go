package compression_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// A long message over 256 symbols with Zipf probabilities, quantized by
// Quantize itself: the round trip, and the size within 0.1 % + 5 bytes
// of the ideal code length of the quantized frequencies.
func TestLongZipfRoundTrip(t *testing.T) {
	p := make([]float64, 256)
	z := 0.0
	for i := range p {
		p[i] = 1 / float64(i+1)
		z += p[i]
	}
	for i := range p {
		p[i] /= z
	}
	cum := Quantize(p)
	rng := rand.New(rand.NewPCG(24, 7))
	msg := make([]int, 20000)
	ideal := 0.0
	for i := range msg {
		msg[i] = draw(cum, rng.Uint32N(1<<16))
		ideal -= math.Log2(float64(cum[msg[i]+1]-cum[msg[i]]) / (1 << 16))
	}
	coded := Encode(cum, msg)
	if !holds(t, "20,000 Zipf symbols: coded size within 0.1 % + 5 bytes of the ideal", float64(len(coded)) <= ideal/8*1.001+5,
		fmt.Sprintf("%d bytes, ideal %.1f", len(coded), ideal/8), coderLesson) {
		return
	}
	back, ok := Decode(cum, coded, len(msg))
	holds(t, "20,000 Zipf symbols: Decode(Encode(msg)) = msg", ok && slices.Equal(back, msg), fmt.Sprintf("ok %v, first difference at %d", ok, firstDiff(back, msg)), decodeLesson)
}
