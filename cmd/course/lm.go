package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/bitsandlogits/course/internal/lm"
	"github.com/bitsandlogits/course/pkg/lmeval"
	"github.com/bitsandlogits/course/pkg/neural"
	"github.com/bitsandlogits/course/pkg/sampling"
	"github.com/bitsandlogits/course/pkg/tokenizer"
)

const lmUsage = `train|eval|generate [flags]

  course lm train [--model ngram|neural] [--tokenizer bytes|chars|r50k|cl100k|o200k]
  course lm eval [--model all|uniform,bigram,ngram,neural] [--tokenizer all|…] [--text validation|test|gospec] [--json]
  course lm generate --prompt TEXT [--model ngram|bigram|uniform|neural] [--tokenizer …] [--temperature T] [--top-k K] [--top-p P] [--min-p M] [--seed S]`

func init() {
	register(command{
		name:    "lm",
		usage:   lmUsage,
		summary: "train, evaluate and sample the course's language models (Opticks)",
		order:   90,
		run:     runLM,
	})
}

// defaultCheckpoint is the committed neural model, relative to the repository root.
const defaultCheckpoint = "models/neural-bytes"

func runLM(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: lm needs train, eval or generate", errUsage)
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Printf("usage: course lm %s\n", lmUsage)
		return flag.ErrHelp
	case "train":
		return lmTrain(args[1:])
	case "eval":
		return lmEval(args[1:])
	case "generate":
		return lmGenerate(args[1:])
	}
	return fmt.Errorf("%w: unknown lm subcommand %q", errUsage, args[0])
}

// parseAll parses flags wherever they appear and rejects positional arguments.
func parseAll(fsName string, fs interface {
	Parse([]string) error
	Args() []string
}, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if rest := fs.Args(); len(rest) > 0 {
		return fmt.Errorf("%w: %s: unexpected argument %q", errUsage, fsName, rest[0])
	}
	return nil
}

func lmTrain(args []string) error {
	fs := newFlagSet("lm train", "[--model ngram|neural] [--tokenizer NAME] [--order N] [--checkpoint DIR] [--max-time D] [--steps N] [--seed S]")
	modelName := fs.String("model", "ngram", "ngram or neural")
	tokName := fs.String("tokenizer", "bytes", "bytes, chars, r50k, cl100k or o200k (neural: bytes only)")
	order := fs.Int("order", 0, "n-gram order (0: 5 for bytes/chars, 3 for BPE)")
	dir := fs.String("checkpoint", defaultCheckpoint, "neural: directory the best checkpoint is written to")
	maxTime := fs.Duration("max-time", 4*time.Minute, "neural: training time limit")
	steps := fs.Int("steps", 6000, "neural: most training steps")
	seed := fs.Uint64("seed", 1, "neural: seed for weights and batches")
	ctx := fs.Int("context", neural.DefaultConfig.Context, "neural: bytes of history")
	embed := fs.Int("embed", neural.DefaultConfig.Embed, "neural: embedding width")
	hidden := fs.Int("hidden", neural.DefaultConfig.Hidden, "neural: hidden units")
	batch := fs.Int("batch", 128, "neural: examples per step")
	lr := fs.Float64("lr", 0.005, "neural: Adam learning rate")
	if err := parseAll("lm train", fs, args); err != nil {
		return err
	}
	if *modelName != "ngram" && *modelName != "neural" {
		return fmt.Errorf("%w: unknown --model %q (want ngram or neural)", errUsage, *modelName)
	}
	if err := lm.Check(nil, []string{*tokName}); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if *modelName == "neural" && *tokName != "bytes" {
		return fmt.Errorf("%w: --model neural works on bytes only, not --tokenizer %s", errUsage, *tokName)
	}
	if *order < 0 {
		return fmt.Errorf("%w: --order %d: want ≥ 1, or 0 for the default", errUsage, *order)
	}
	for _, f := range []struct {
		name string
		ok   bool
	}{
		{"context", *ctx > 0}, {"embed", *embed > 0}, {"hidden", *hidden > 0}, {"batch", *batch > 0},
		{"steps", *steps > 0}, {"lr", *lr > 0 && !math.IsInf(*lr, 1)}, {"max-time", *maxTime > 0},
	} {
		if !f.ok {
			return fmt.Errorf("%w: --%s %s: want a value > 0", errUsage, f.name, fs.Lookup(f.name).Value)
		}
	}
	if *dir == defaultCheckpoint {
		// The committed model's place, from any folder of the checkout
		// (generate and eval look for it the same way).
		if r, err := repo(); err == nil {
			*dir = filepath.Join(r.Root, defaultCheckpoint)
		}
	}
	data, err := lm.LoadData()
	if err != nil {
		return err
	}
	if *modelName == "ngram" {
		tok, err := data.Tokenizer(*tokName)
		if err != nil {
			return err
		}
		m, took := data.TrainNgram(tok, *order)
		r := lm.Evaluate("ngram", m, tok, data.Validation, lmeval.Options{})
		fmt.Printf("trained a Kneser–Ney %d-gram on %d %s tokens in %.2f s (discounts %.3f)\n",
			m.Order(), len(tok.Encode(data.Train)), tok.Name(), took.Seconds(), m.Discounts())
		fmt.Printf("validation: %.4f nats/token, perplexity %.2f, %.4f bits/byte\n", r.NatsPerToken, r.Perplexity, r.BitsPerByte)
		fmt.Println("(n-gram models train in seconds, so `course lm eval` and `generate` retrain them rather than store them)")
		return nil
	}
	_, _, err = neural.Train(data.Train, data.Validation, neural.TrainConfig{
		Model: neural.Config{Context: *ctx, Embed: *embed, Hidden: *hidden},
		Batch: *batch, LearningRate: *lr,
		MaxTime: *maxTime, MaxSteps: *steps, Seed: *seed, Dir: *dir, Progress: os.Stderr,
	})
	if err == nil {
		fmt.Printf("checkpoint written to %s\n", *dir)
	}
	return err
}

// buildModel returns the model called name for tokenizer tok.
func buildModel(data *lm.Data, name string, tok tokenizer.Tokenizer, dir string) (lmeval.Model, error) {
	switch name {
	case "uniform":
		return lmeval.Uniform{V: tok.VocabSize()}, nil
	case "bigram":
		m, _ := data.TrainNgram(tok, 2)
		return m, nil
	case "ngram":
		m, _ := data.TrainNgram(tok, 0)
		return m, nil
	case "neural":
		if tok.Name() != "bytes" {
			return nil, fmt.Errorf("the neural model is byte-level: use --tokenizer bytes")
		}
		return neural.Load(findCheckpoint(dir))
	}
	return nil, fmt.Errorf("unknown model %q (want one of %s)", name, strings.Join(lm.Models, ", "))
}

// findCheckpoint resolves the default checkpoint directory from any
// directory inside the repository: it looks in the working directory and
// its parents. Any other path is returned unchanged.
func findCheckpoint(dir string) string {
	if dir != defaultCheckpoint {
		return dir
	}
	wd, err := os.Getwd()
	if err != nil {
		return dir
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, dir, "info.json")); err == nil {
			return filepath.Join(d, dir)
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

func splitList(s string, all []string) []string {
	if s == "all" {
		return all
	}
	return strings.Split(s, ",")
}

func lmEval(args []string) error {
	fs := newFlagSet("lm eval", "[--model all|LIST] [--tokenizer all|LIST] [--text validation|test|gospec] [--json] [--checkpoint DIR]")
	models := fs.String("model", "all", "comma-separated models: uniform, bigram, ngram, neural")
	toks := fs.String("tokenizer", "all", "comma-separated tokenizers: bytes, chars, r50k, cl100k, o200k")
	textName := fs.String("text", "validation", "text to score: validation, test (Opticks) or gospec (out of domain)")
	asJSON := fs.Bool("json", false, "print a JSON array instead of a table")
	dir := fs.String("checkpoint", defaultCheckpoint, "neural model directory")
	if err := parseAll("lm eval", fs, args); err != nil {
		return err
	}
	ms, ts := splitList(*models, lm.Models), splitList(*toks, tokenizer.Names)
	if err := lm.Check(ms, ts); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	data, err := lm.LoadData()
	if err != nil {
		return err
	}
	text, err := data.Text(*textName)
	if err != nil {
		return fmt.Errorf("%w: --text: %v", errUsage, err)
	}
	var results []lmeval.Result
	for _, row := range lm.Rows(ms, ts) {
		tok, err := data.Tokenizer(row.Tokenizer)
		if err != nil {
			return err
		}
		m, err := buildModel(data, row.Model, tok, *dir)
		if err != nil {
			return err
		}
		start := time.Now()
		results = append(results, lm.Evaluate(row.Model, m, tok, text, lmeval.Options{}))
		if !*asJSON {
			fmt.Fprintf(os.Stderr, "scored %s × %s in %.1f s\n", row.Model, row.Tokenizer, time.Since(start).Seconds())
		}
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(results)
	}
	fmt.Printf("Opticks %s text (%d bytes); every token scored once by a sliding window\n\n", *textName, len(text))
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "model\ttokenizer\tvocab\ttokens\tnats/token\tperplexity\tbits/byte\tuniform PPL\t")
	for _, r := range results {
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%.4f\t%.2f\t%.4f\t%d\t\n", r.Model, r.Tokenizer, r.Vocab, r.Tokens,
			r.NatsPerToken, r.Perplexity, r.BitsPerByte, int(r.UniformPerplexity))
	}
	return w.Flush()
}

func lmGenerate(args []string) error {
	fs := newFlagSet("lm generate", "--prompt TEXT [--model ngram|neural] [--tokenizer NAME] [--tokens N] [--temperature T] [--top-k K] [--top-p P] [--min-p M] [--seed S] [--entropy]")
	prompt := fs.String("prompt", "", "text to continue (required)")
	modelName := fs.String("model", "ngram", "uniform, bigram, ngram or neural")
	tokName := fs.String("tokenizer", "bytes", "bytes, chars, r50k, cl100k or o200k")
	n := fs.Int("tokens", 200, "tokens to generate")
	temp := fs.Float64("temperature", 1, "softmax temperature (0 = greedy)")
	topK := fs.Int("top-k", 0, "keep the k most probable tokens (0 = off)")
	topP := fs.Float64("top-p", 1, "keep the smallest set with probability ≥ p (1 = off)")
	minP := fs.Float64("min-p", 0, "drop tokens below min-p × the top probability (0 = off)")
	seed := fs.Uint64("seed", 1, "sampling seed")
	showEntropy := fs.Bool("entropy", false, "print each token with its probability and the entropy before it")
	dir := fs.String("checkpoint", defaultCheckpoint, "neural model directory")
	if err := parseAll("lm generate", fs, args); err != nil {
		return err
	}
	if *prompt == "" {
		return fmt.Errorf("%w: --prompt is required", errUsage)
	}
	if *n < 1 {
		return fmt.Errorf("%w: --tokens %d: want ≥ 1", errUsage, *n)
	}
	if err := lm.Check([]string{*modelName}, []string{*tokName}); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if *modelName == "neural" && *tokName != "bytes" {
		return fmt.Errorf("%w: --model neural is byte-level: use --tokenizer bytes", errUsage)
	}
	s, err := sampling.New(sampling.Config{Temperature: *temp, TopK: *topK, TopP: *topP, MinP: *minP, Seed: *seed})
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	data, err := lm.LoadData()
	if err != nil {
		return err
	}
	tok, err := data.Tokenizer(*tokName)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	m, err := buildModel(data, *modelName, tok, *dir)
	if err != nil {
		return err
	}
	steps := lmeval.Generate(m, tok.Encode(*prompt), *n, s)
	if !*showEntropy {
		fmt.Println(*prompt + tok.Decode(lmeval.Tokens(steps)))
		return nil
	}
	fmt.Println(*prompt)
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "step\ttoken\tp(token)\tentropy (bits)")
	for i, st := range steps {
		fmt.Fprintf(w, "%d\t%q\t%.3f\t%.2f\n", i, tok.Decode([]int{st.Token}), st.Prob, st.Entropy/math.Ln2)
	}
	return w.Flush()
}
