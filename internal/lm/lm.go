// Package lm wires the course's language-model pieces together for the
// `course lm` command: the Opticks split, the tokenizers, the Kneser–Ney
// n-gram models and the rows of the evaluation table.
package lm

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/bitsandlogits/course/internal/repo"
	"github.com/bitsandlogits/course/pkg/corpus"
	"github.com/bitsandlogits/course/pkg/lmeval"
	"github.com/bitsandlogits/course/pkg/neural"
	"github.com/bitsandlogits/course/pkg/ngram"
	"github.com/bitsandlogits/course/pkg/tokenizer"
)

// Models lists the model names of the evaluation table: the uniform
// baseline, a Kneser–Ney bigram, the default-order Kneser–Ney n-gram, the
// neural byte MLP and the byte transformer.
var Models = []string{"uniform", "bigram", "ngram", "neural", "transformer"}

// byteLevel reports whether model reads bytes only (the trained networks).
func byteLevel(model string) bool { return model == "neural" || model == "transformer" }

// DefaultOrder is the n-gram order used for tokenizer tok: 5 for bytes and
// characters, 3 for the BPE tokenizers (whose tokens are longer).
func DefaultOrder(tok string) int {
	if tok == "bytes" || tok == "chars" {
		return 5
	}
	return 3
}

// Texts names the texts that Data.Text returns for `course lm eval --text`.
var Texts = []string{"validation", "test", "gospec"}

// Data is the course's text: Opticks split by paragraph, plus the Go
// specification as out-of-domain text.
type Data struct {
	corpus.Split
}

// LoadData reads Opticks from GOROOT and splits it.
func LoadData() (*Data, error) {
	sp, err := corpus.OpticksSplit()
	if err != nil {
		return nil, err
	}
	return &Data{Split: sp}, nil
}

// Text returns the text called name (one of Texts).
func (d *Data) Text(name string) (string, error) {
	switch name {
	case "train":
		return d.Train, nil
	case "validation":
		return d.Validation, nil
	case "test":
		return d.Test, nil
	case "gospec":
		return corpus.GoSpec()
	}
	return "", fmt.Errorf("unknown text %q (want one of %s)", name, strings.Join(Texts, ", "))
}

// Tokenizer returns tokenizer name; chars takes its vocabulary from the
// training text.
func (d *Data) Tokenizer(name string) (tokenizer.Tokenizer, error) {
	return tokenizer.New(name, d.Train)
}

// TrainNgram fits a Kneser–Ney model of the given order (0: DefaultOrder)
// to the training text and reports how long it took.
func (d *Data) TrainNgram(tok tokenizer.Tokenizer, order int) (*ngram.Model, time.Duration) {
	if order == 0 {
		order = DefaultOrder(tok.Name())
	}
	start := time.Now()
	m := ngram.Train(tok.Encode(d.Train), order, tok.VocabSize())
	return m, time.Since(start)
}

// Evaluate scores text with m under tokenizer tok and labels the result.
func Evaluate(name string, m lmeval.Model, tok tokenizer.Tokenizer, text string, opt lmeval.Options) lmeval.Result {
	r := lmeval.Evaluate(m, tok.Encode(text), len(text), len(strings.Fields(text)), opt)
	r.Model, r.Tokenizer = name, tok.Name()
	return r
}

// Row is one model × tokenizer entry of the evaluation table.
type Row struct {
	Model, Tokenizer string
}

// Rows lists the model × tokenizer pairs of the table: every model with
// every tokenizer, except the byte-level networks (neural, transformer).
func Rows(models, toks []string) []Row {
	var rows []Row
	for _, t := range toks {
		for _, m := range models {
			if byteLevel(m) && t != "bytes" {
				continue
			}
			rows = append(rows, Row{m, t})
		}
	}
	return rows
}

// Check returns an error naming the bad entry if a model or tokenizer name
// is unknown.
func Check(models, toks []string) error {
	for _, m := range models {
		if !slices.Contains(Models, m) {
			return fmt.Errorf("unknown model %q (want one of %s)", m, strings.Join(Models, ", "))
		}
	}
	for _, t := range toks {
		if !slices.Contains(tokenizer.Names, t) {
			return fmt.Errorf("unknown tokenizer %q (want one of %s)", t, strings.Join(tokenizer.Names, ", "))
		}
	}
	return nil
}

// DefaultCheckpoint and DefaultTransformerCheckpoint are the committed
// networks, relative to the root of the checkout.
const (
	DefaultCheckpoint            = "models/neural-bytes"
	DefaultTransformerCheckpoint = "models/transformer-bytes"
)

// CheckpointDir returns dir unchanged, except "" (model's committed
// folder: DefaultTransformerCheckpoint for "transformer", DefaultCheckpoint
// otherwise) and the two committed folders, which it resolves against the
// checkout that holds the working directory (so that train, eval and
// generate find the same model from any subfolder).
func CheckpointDir(model, dir string) string {
	if dir == "" {
		dir = DefaultCheckpoint
		if model == "transformer" {
			dir = DefaultTransformerCheckpoint
		}
	}
	if dir != DefaultCheckpoint && dir != DefaultTransformerCheckpoint {
		return dir
	}
	root, err := repo.FindWD()
	if err != nil {
		return dir
	}
	return filepath.Join(root, dir)
}

// CheckPair returns an error if model cannot use tokenizer tok: the neural
// and transformer models are byte-level.
func CheckPair(model, tok string) error {
	if byteLevel(model) && tok != "bytes" {
		return fmt.Errorf("the %s model is byte-level: use --tokenizer bytes, not %s", model, tok)
	}
	return nil
}

// Model returns the model called name (one of Models) for tokenizer tok:
// the n-grams are trained on the spot, the networks are loaded from
// checkpoint folder dir ("" for the committed one; see CheckpointDir).
func (d *Data) Model(name string, tok tokenizer.Tokenizer, dir string) (lmeval.Model, error) {
	if err := CheckPair(name, tok.Name()); err != nil {
		return nil, err
	}
	switch name {
	case "uniform":
		return lmeval.Uniform{V: tok.VocabSize()}, nil
	case "bigram":
		m, _ := d.TrainNgram(tok, 2)
		return m, nil
	case "ngram":
		m, _ := d.TrainNgram(tok, 0)
		return m, nil
	case "neural", "transformer":
		m, err := neural.Load(CheckpointDir(name, dir))
		if err == nil && (m.Info().Config.Arch == neural.Transformer) != (name == "transformer") {
			return nil, fmt.Errorf("%s holds a %s, not a %s model", CheckpointDir(name, dir), archName(m.Info().Config.Arch), name)
		}
		return m, err
	}
	return nil, fmt.Errorf("unknown model %q (want one of %s)", name, strings.Join(Models, ", "))
}

// archName names a neural.Config.Arch in the words of Models.
func archName(arch string) string {
	if arch == neural.Transformer {
		return "transformer"
	}
	return "neural (MLP)"
}
