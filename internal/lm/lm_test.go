package lm

import (
	"math"
	"testing"

	"github.com/bitsandlogits/course/pkg/lmeval"
)

// The sliding window scores every validation byte once with (at least) the
// n-gram's full history, so its total equals scoring the text in one pass;
// a small context that cuts histories must give a worse (higher) total.
func TestSlidingWindowMatchesOnePass(t *testing.T) {
	d, err := LoadData()
	if err != nil {
		t.Fatal(err)
	}
	tok, _ := d.Tokenizer("bytes")
	m, _ := d.TrainNgram(tok, 4)
	text := d.Validation[:5000]
	ids := tok.Encode(text)
	onePass := 0.0
	for _, s := range m.Score(ids, 0, false) {
		onePass -= s.LogProb
	}
	r := Evaluate("ngram", m, tok, text, lmeval.Options{})
	if r.Tokens != len(ids) || math.Abs(r.TotalNats-onePass) > 1e-9*onePass {
		t.Fatalf("window total %.6f over %d tokens, one pass %.6f over %d", r.TotalNats, r.Tokens, onePass, len(ids))
	}
	cut := Evaluate("ngram", m, tok, text, lmeval.Options{Context: 2, Stride: 3})
	if cut.TotalNats <= onePass {
		t.Fatalf("cutting history to 0–2 tokens did not hurt: %.3f ≤ %.3f", cut.TotalNats, onePass)
	}
}

// Bits per byte does not depend on the tokenizer's unit the way perplexity
// does: the uniform model's perplexity is V for each tokenizer.
func TestUniformRowPerTokenizer(t *testing.T) {
	d, err := LoadData()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"bytes", "r50k"} {
		tok, _ := d.Tokenizer(name)
		r := Evaluate("uniform", lmeval.Uniform{V: tok.VocabSize()}, tok, d.Validation, lmeval.Options{})
		if math.Abs(r.Perplexity/float64(tok.VocabSize())-1) > 1e-9 {
			t.Errorf("%s: uniform perplexity %v, want %d", name, r.Perplexity, tok.VocabSize())
		}
	}
}

func TestRows(t *testing.T) {
	rows := Rows(Models, []string{"bytes", "r50k"})
	if len(rows) != 8 { // 5 models on bytes, 3 on r50k (neural and transformer are byte-level)
		t.Fatalf("%d rows: %v", len(rows), rows)
	}
	if err := Check([]string{"ngram"}, []string{"gpt2"}); err == nil {
		t.Fatal("unknown tokenizer accepted")
	}
}
