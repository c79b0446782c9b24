package perplexity

import (
	"math"
	"strings"
	"testing"

	"github.com/bitsandlogits/course/internal/lm"
	"github.com/bitsandlogits/course/pkg/tokenizer"
)

func TestScore(t *testing.T) {
	r50k, err := tokenizer.NewBPE("r50k")
	if err != nil {
		t.Fatal(err)
	}
	training := strings.Repeat("the rays of light are refracted by the prism. ", 50)
	m, err := Train(training, r50k)
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
	if _, err := Train(training, tokenizer.Bytes{}); err == nil {
		t.Error("Train accepted bytes as the r50k tokenizer")
	}
}

// TestOrders: the explorable trains the orders `course lm` trains.
func TestOrders(t *testing.T) {
	for _, name := range Tokenizers {
		if Orders[name] != lm.DefaultOrder(name) {
			t.Errorf("%s: order %d, lm.DefaultOrder %d", name, Orders[name], lm.DefaultOrder(name))
		}
	}
}
