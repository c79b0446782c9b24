package perplexity

import (
	"math"
	"strings"
	"testing"
)

func TestScore(t *testing.T) {
	training := strings.Repeat("the rays of light are refracted by the prism. ", 50)
	m, err := Train(training)
	if err != nil {
		t.Fatal(err)
	}
	text := "the rays of light are refracted."
	rs := m.Score(text)
	if len(rs) != 2 || rs[0].Tokenizer != "bytes" || rs[1].Tokenizer != "r50k" {
		t.Fatalf("results %+v", rs)
	}
	if rs[0].Tokens != len(text) || !(rs[1].Tokens < rs[0].Tokens) {
		t.Errorf("tokens: bytes %d (want %d), r50k %d (want fewer)", rs[0].Tokens, len(text), rs[1].Tokens)
	}
	for _, r := range rs {
		// In-domain text scores far below the uniform model: under 2 bits per byte.
		if !(r.BitsPerByte > 0 && r.BitsPerByte < 2) || math.Abs(r.Perplexity-math.Exp(r.NatsPerToken)) > 1e-9*r.Perplexity {
			t.Errorf("%s: bits per byte %v, perplexity %v, nats per token %v", r.Tokenizer, r.BitsPerByte, r.Perplexity, r.NatsPerToken)
		}
	}
}
