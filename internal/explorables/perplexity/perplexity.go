// Package perplexity is the "perplexity across tokenizers" explorable: a
// Kneser–Ney n-gram model per tokenizer (bytes and r50k), trained on a text,
// scoring any text the reader types. It imports no tokenizer tables: the
// r50k tokenizer is passed in, natively tiktoken-go's, in the browser a
// tokenizer.RankBPE read from the ranks file the site serves.
package perplexity

import (
	"fmt"
	"strings"

	"github.com/bitsandlogits/course/pkg/lmeval"
	"github.com/bitsandlogits/course/pkg/ngram"
	"github.com/bitsandlogits/course/pkg/tokenizer"
)

// Orders is the n-gram order per tokenizer, as `course lm` trains them
// (lm.DefaultOrder, which this package does not import: it links GoMLX).
var Orders = map[string]int{"bytes": 5, "r50k": 3}

// Tokenizers are the tokenizers compared, smallest vocabulary first.
var Tokenizers = []string{"bytes", "r50k"}

// Models holds one trained n-gram model per tokenizer.
type Models struct {
	toks   []tokenizer.Tokenizer
	models []*ngram.Model
}

// Train fits a Kneser–Ney model of order Orders[name] to training under
// bytes and under r50k, which must be the r50k tokenizer.
func Train(training string, r50k tokenizer.Tokenizer) (*Models, error) {
	if r50k.Name() != "r50k" {
		return nil, fmt.Errorf("perplexity: Train: got tokenizer %q, want r50k", r50k.Name())
	}
	m := &Models{toks: []tokenizer.Tokenizer{tokenizer.Bytes{}, r50k}}
	for _, tok := range m.toks {
		m.models = append(m.models, ngram.Train(tok.Encode(training), Orders[tok.Name()], tok.VocabSize()))
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
