// Package perplexity is the "perplexity across tokenizers" explorable: a
// Kneser–Ney n-gram model per tokenizer (bytes and r50k), trained on a text,
// scoring any text the reader types. It lives apart from package explorables
// because the BPE tables make its WebAssembly module large; the page fetches
// that module only when the explorable is used.
package perplexity

import (
	"strings"

	"github.com/bitsandlogits/course/internal/lm"
	"github.com/bitsandlogits/course/pkg/lmeval"
	"github.com/bitsandlogits/course/pkg/ngram"
	"github.com/bitsandlogits/course/pkg/tokenizer"
)

// Tokenizers are the tokenizers compared, smallest vocabulary first.
var Tokenizers = []string{"bytes", "r50k"}

// Models holds one trained n-gram model per tokenizer.
type Models struct {
	toks   []tokenizer.Tokenizer
	models []*ngram.Model
}

// Train fits a Kneser–Ney model of lm.DefaultOrder to training under each
// tokenizer.
func Train(training string) (*Models, error) {
	m := &Models{}
	for _, name := range Tokenizers {
		tok, err := tokenizer.New(name, training)
		if err != nil {
			return nil, err
		}
		m.toks = append(m.toks, tok)
		m.models = append(m.models, ngram.Train(tok.Encode(training), lm.DefaultOrder(name), tok.VocabSize()))
	}
	return m, nil
}

// Score evaluates text under every tokenizer's model (lmeval.Evaluate with
// default options): token count, perplexity and bits per byte. text must
// not be empty.
func (m *Models) Score(text string) []lmeval.Result {
	var out []lmeval.Result
	for i, tok := range m.toks {
		r := lmeval.Evaluate(m.models[i], tok.Encode(text), len(text), len(strings.Fields(text)), lmeval.Options{})
		r.Model, r.Tokenizer = "ngram", tok.Name()
		r.PerToken = nil
		out = append(out, r)
	}
	return out
}
