package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/bitsandlogits/course/internal/cli"
	"github.com/bitsandlogits/course/internal/lm"
	"github.com/bitsandlogits/course/pkg/lmeval"
	"github.com/bitsandlogits/course/pkg/neural"
	"github.com/bitsandlogits/course/pkg/sampling"
	"github.com/bitsandlogits/course/pkg/tokenizer"
)

// lmCmd is `course lm train|eval|generate`.
func lmCmd() *cli.Command {
	return cli.Group("course", "lm", "train, evaluate and sample the course's language models (Opticks)",
		&cli.Command{Name: "train", Run: lmTrain,
			Args: "[--model ngram|neural|transformer] [--tokenizer NAME] [--order N] [--checkpoint DIR] [--max-time D] [--steps N] [--seed S] [--resume]"},
		&cli.Command{Name: "eval", Run: lmEval,
			Args: "[--model all|LIST] [--tokenizer all|LIST] [--text validation|test|gospec] [--json] [--checkpoint DIR] [--transformer-checkpoint DIR]"},
		&cli.Command{Name: "generate", Run: lmGenerate,
			Args: "--prompt TEXT [--model ngram|bigram|uniform|neural|transformer] [--tokenizer NAME] [--tokens N] " +
				"[--temperature T] [--top-k K] [--top-p P] [--min-p M] [--seed S] [--entropy]"})
}

// Bounds of the numeric flags of `course lm`.
const (
	maxOrder      = 10        // n-gram order: counts grow with every order
	maxTokens     = 1_000_000 // generate: a few minutes of the neural model
	maxTrainBytes = 8 << 30   // neural training memory, see neural.Config.TrainBytes
	maxTrainTime  = 24 * time.Hour
	maxSteps      = 10_000_000
)

func lmTrain(ctx context.Context, fs *flag.FlagSet, args []string) error {
	modelName := fs.String("model", "ngram", "ngram, neural (the MLP) or transformer")
	tokName := fs.String("tokenizer", "bytes", "bytes, chars, r50k, cl100k or o200k (neural, transformer: bytes only)")
	order := fs.Int("order", 0, fmt.Sprintf("n-gram order, 1 to %d (0: 5 for bytes/chars, 3 for BPE)", maxOrder))
	dir := fs.String("checkpoint", "", "neural, transformer: folder the best checkpoint is written to (default models/<model>-bytes)")
	maxTime := fs.Duration("max-time", 4*time.Minute, "neural, transformer: training time limit (at most 24h; transformer default 9m)")
	steps := fs.Int("steps", 6000, fmt.Sprintf("neural, transformer: most training steps (at most %d)", maxSteps))
	seed := fs.Uint64("seed", 1, "neural, transformer: seed for weights and batches")
	resume := fs.Bool("resume", false, "neural, transformer: continue from the weights in --checkpoint")
	cfg := neural.TrainConfig{Model: neural.DefaultConfig}
	tf := neural.DefaultTransformer
	fs.IntVar(&cfg.Model.Context, "context", cfg.Model.Context, fmt.Sprintf("neural: bytes of history (transformer default %d)", tf.Context))
	fs.IntVar(&cfg.Model.Embed, "embed", cfg.Model.Embed, fmt.Sprintf("neural: embedding width (transformer: d, default %d)", tf.Embed))
	fs.IntVar(&cfg.Model.Hidden, "hidden", cfg.Model.Hidden, fmt.Sprintf("neural: hidden units (transformer: feed-forward width, default %d)", tf.Hidden))
	fs.IntVar(&cfg.Model.Layers, "layers", tf.Layers, "transformer: blocks")
	fs.IntVar(&cfg.Model.Heads, "heads", tf.Heads, "transformer: attention heads per block (must divide --embed)")
	fs.IntVar(&cfg.Batch, "batch", 128, fmt.Sprintf("neural: examples per step (transformer: sequences, default %d)", transformerBatch))
	fs.Float64Var(&cfg.LearningRate, "lr", 0.005, fmt.Sprintf("neural: Adam learning rate, in (0, 1] (transformer default %g)", transformerLR))
	if err := cli.ParseNone(fs, args); err != nil {
		return err
	}
	if *modelName != "ngram" && *modelName != "neural" && *modelName != "transformer" {
		return cli.Usagef("unknown --model %q (want ngram, neural or transformer)", *modelName)
	}
	if err := lm.Check(nil, []string{*tokName}); err != nil {
		return cli.Usagef("%v", err)
	}
	if err := lm.CheckPair(*modelName, *tokName); err != nil {
		return cli.Usagef("%v", err)
	}
	if *order < 0 || *order > maxOrder {
		return cli.Usagef("--order %d: want 1 to %d, or 0 for the default", *order, maxOrder)
	}
	if *modelName == "transformer" {
		transformerDefaults(fs, &cfg, maxTime)
	} else {
		cfg.Model.Layers, cfg.Model.Heads = 0, 0
	}
	cfg.MaxTime, cfg.MaxSteps, cfg.Seed, cfg.Context = *maxTime, *steps, *seed, ctx
	cfg.Dir = lm.CheckpointDir(*modelName, *dir)
	if err := checkTrainFlags(fs, cfg); err != nil {
		return err
	}
	data, err := lm.LoadData()
	if err != nil {
		return err
	}
	if *modelName == "ngram" {
		return trainNgram(data, *tokName, *order)
	}
	return trainNeural(data, cfg, *resume)
}

// The transformer's training defaults where they differ from the MLP's.
const (
	transformerBatch     = 8
	transformerLR        = 0.003
	transformerMaxTime   = 9 * time.Minute
	transformerEvalEvery = 100 // steps between validations
)

// transformerDefaults gives every flag the user did not set its
// transformer default.
func transformerDefaults(fs *flag.FlagSet, cfg *neural.TrainConfig, maxTime *time.Duration) {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	tf := neural.DefaultTransformer
	cfg.Model.Arch = neural.Transformer
	for _, d := range []struct {
		name     string
		dst      *int
		fallback int
	}{
		{"context", &cfg.Model.Context, tf.Context}, {"embed", &cfg.Model.Embed, tf.Embed},
		{"hidden", &cfg.Model.Hidden, tf.Hidden}, {"batch", &cfg.Batch, transformerBatch},
	} {
		if !set[d.name] {
			*d.dst = d.fallback
		}
	}
	if !set["lr"] {
		cfg.LearningRate = transformerLR
	}
	cfg.EvalEvery = transformerEvalEvery
	if !set["max-time"] {
		*maxTime = transformerMaxTime
	}
}

// checkTrainFlags range-checks the neural flags and the memory they imply.
func checkTrainFlags(fs *flag.FlagSet, cfg neural.TrainConfig) error {
	for _, f := range []struct {
		name string
		ok   bool
	}{
		{"context", cfg.Model.Context > 0}, {"embed", cfg.Model.Embed > 0}, {"hidden", cfg.Model.Hidden > 0},
		{"layers", cfg.Model.Arch == "" || cfg.Model.Layers > 0},
		{"heads", cfg.Model.Arch == "" || cfg.Model.Heads > 0 && cfg.Model.Embed%cfg.Model.Heads == 0},
		{"batch", cfg.Batch > 0}, {"steps", cfg.MaxSteps > 0 && cfg.MaxSteps <= maxSteps},
		{"lr", cfg.LearningRate > 0 && cfg.LearningRate <= 1},
		{"max-time", cfg.MaxTime > 0 && cfg.MaxTime <= maxTrainTime},
	} {
		if !f.ok {
			return cli.Usagef("--%s %s: out of range (see course lm train -h)", f.name, fs.Lookup(f.name).Value)
		}
	}
	if b := cfg.Model.TrainBytes(cfg.Batch); b > maxTrainBytes {
		return cli.Usagef("--context %d --embed %d --hidden %d --batch %d would need about %s to train; the limit is %s",
			cfg.Model.Context, cfg.Model.Embed, cfg.Model.Hidden, cfg.Batch, bytesString(b), bytesString(maxTrainBytes))
	}
	return nil
}

// bytesString prints a byte count with a binary unit.
func bytesString(b float64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	i := 0
	for b >= 1024 && i < len(units)-1 {
		b, i = b/1024, i+1
	}
	if b >= 1024 {
		return fmt.Sprintf("%.3g %s", b, units[i])
	}
	return fmt.Sprintf("%.0f %s", b, units[i])
}

func trainNgram(data *lm.Data, tokName string, order int) error {
	tok, err := data.Tokenizer(tokName)
	if err != nil {
		return err
	}
	m, took := data.TrainNgram(tok, order)
	r := lm.Evaluate("ngram", m, tok, data.Validation, lmeval.Options{})
	fmt.Printf("trained a Kneser–Ney %d-gram on %d %s tokens in %.2f s (discounts %.3f)\n",
		m.Order(), len(tok.Encode(data.Train)), tok.Name(), took.Seconds(), m.Discounts())
	fmt.Printf("validation: %.4f nats/token, perplexity %.2f, %.4f bits/byte\n", r.NatsPerToken, r.Perplexity, r.BitsPerByte)
	fmt.Println("(n-gram models train in seconds, so `course lm eval` and `generate` retrain them rather than store them)")
	return nil
}

// trainNeural trains a byte model, drawing its progress on stderr; with
// resume it starts from the weights in cfg.Dir.
func trainNeural(data *lm.Data, cfg neural.TrainConfig, resume bool) error {
	mc := cfg.Model
	if mc.Arch == neural.Transformer {
		fmt.Fprintf(os.Stderr, "transformer: %d parameters (context %d, d %d, feed-forward %d, %d blocks × %d heads), %d training bytes, batch %d × %d bytes, about %s\n",
			mc.Params(), mc.Context, mc.Embed, mc.Hidden, mc.Layers, mc.Heads, len(data.Train), cfg.Batch, mc.Context, bytesString(mc.TrainBytes(cfg.Batch)))
	} else {
		fmt.Fprintf(os.Stderr, "neural: %d parameters (context %d, embed %d, hidden %d), %d training bytes, batch %d, about %s\n",
			mc.Params(), mc.Context, mc.Embed, mc.Hidden, len(data.Train), cfg.Batch, bytesString(mc.TrainBytes(cfg.Batch)))
	}
	if resume {
		cfg.Resume = cfg.Dir
	}
	bar := cli.NewProgress(os.Stderr, cfg.MaxSteps, "training")
	cfg.OnStep = func(s neural.Step) {
		bar.Set(s.Step, fmt.Sprintf("loss %.3f nats", s.TrainNats))
		if v := s.Validation; v != nil {
			bar.Log(fmt.Sprintf("step %5d  train %.4f  validation %.4f nats/byte (%.3f bits/byte)",
				v.Step, v.TrainNats, v.ValidationNats, v.ValidationNats/math.Ln2))
		}
		if s.EarlyStop {
			bar.Log(fmt.Sprintf("early stop at step %d: no better than %.4f for several checks", s.Step, s.BestNats))
		}
	}
	// Train into a new folder beside the checkpoint's and move it into place
	// only when training ends well: Ctrl-C or an error keeps the old model.
	dir := cfg.Dir
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), ".train-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	cfg.Dir = tmp
	m, _, err := neural.Train(data.Train, data.Validation, cfg)
	bar.Done()
	if err == nil {
		err = replaceDir(tmp, dir)
	}
	if err != nil {
		return err
	}
	info := m.Info()
	fmt.Printf("trained in %.0f s (%d steps); best checkpoint: validation %.4f nats/byte = %.3f bits/byte; written to %s\n",
		info.Seconds, info.Steps, info.ValidationNats, info.ValidationNats/math.Ln2, dir)
	return nil
}

// replaceDir moves folder src to dst, replacing what dst held.
func replaceDir(src, dst string) error {
	old := dst + ".old"
	if err := os.Rename(dst, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(src, dst); err != nil {
		os.Rename(old, dst)
		return err
	}
	return os.RemoveAll(old)
}

func splitList(s string, all []string) []string {
	if s == "all" {
		return all
	}
	return strings.Split(s, ",")
}

func lmEval(ctx context.Context, fs *flag.FlagSet, args []string) error {
	models := fs.String("model", "all", "comma-separated models: uniform, bigram, ngram, neural, transformer")
	toks := fs.String("tokenizer", "all", "comma-separated tokenizers: bytes, chars, r50k, cl100k, o200k")
	textName := fs.String("text", "validation", "text to score: validation, test (Opticks) or gospec (out of domain)")
	asJSON := fs.Bool("json", false, "print a JSON array instead of a table")
	dir := fs.String("checkpoint", lm.DefaultCheckpoint, "neural model folder")
	tdir := fs.String("transformer-checkpoint", lm.DefaultTransformerCheckpoint, "transformer model folder")
	if err := cli.ParseNone(fs, args); err != nil {
		return err
	}
	ms, ts := splitList(*models, lm.Models), splitList(*toks, tokenizer.Names)
	if err := lm.Check(ms, ts); err != nil {
		return cli.Usagef("%v", err)
	}
	rows := lm.Rows(ms, ts)
	if len(rows) == 0 { // every model asked for is neural, every tokenizer not bytes
		return cli.Usagef("%v", lm.CheckPair(ms[0], ts[0]))
	}
	if !contains(lm.Texts, *textName) {
		return cli.Usagef("--text %q: want one of %s", *textName, strings.Join(lm.Texts, ", "))
	}
	data, err := lm.LoadData()
	if err != nil {
		return err
	}
	text, err := data.Text(*textName)
	if err != nil {
		return err
	}
	var results []lmeval.Result
	for _, row := range rows {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		tok, err := data.Tokenizer(row.Tokenizer)
		if err != nil {
			return err
		}
		d := *dir
		if row.Model == "transformer" {
			d = *tdir
		}
		m, err := data.Model(row.Model, tok, d)
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
	return writeEvalTable(*textName, len(text), results)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func writeEvalTable(textName string, size int, results []lmeval.Result) error {
	fmt.Printf("Opticks %s text (%d bytes); every token scored once by a sliding window\n\n", textName, size)
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "model\ttokenizer\tvocab\ttokens\tnats/token\tperplexity\tbits/byte\tuniform PPL\t")
	for _, r := range results {
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%.4f\t%.2f\t%.4f\t%d\t\n", r.Model, r.Tokenizer, r.Vocab, r.Tokens,
			r.NatsPerToken, r.Perplexity, r.BitsPerByte, int(r.UniformPerplexity))
	}
	return w.Flush()
}

// generateFlags are the flags of `course lm generate`.
type generateFlags struct {
	prompt, model, tok, dir string
	tokens                  int
	sampler                 sampling.Config
	entropy                 bool
}

func lmGenerate(ctx context.Context, fs *flag.FlagSet, args []string) error {
	var g generateFlags
	fs.StringVar(&g.prompt, "prompt", "", "text to continue (required)")
	fs.StringVar(&g.model, "model", "ngram", "uniform, bigram, ngram, neural or transformer")
	fs.StringVar(&g.tok, "tokenizer", "bytes", "bytes, chars, r50k, cl100k or o200k")
	fs.IntVar(&g.tokens, "tokens", 200, fmt.Sprintf("tokens to generate, 1 to %d, printed as they are drawn", maxTokens))
	fs.Float64Var(&g.sampler.Temperature, "temperature", 1, "softmax temperature ≥ 0 (0 = greedy)")
	fs.IntVar(&g.sampler.TopK, "top-k", 0, "keep the k most probable tokens (0 = off)")
	fs.Float64Var(&g.sampler.TopP, "top-p", 1, "keep the smallest set with probability ≥ p, in [0, 1] (1 = off)")
	fs.Float64Var(&g.sampler.MinP, "min-p", 0, "drop tokens below min-p × the top probability, in [0, 1] (0 = off)")
	fs.Uint64Var(&g.sampler.Seed, "seed", 1, "sampling seed")
	fs.BoolVar(&g.entropy, "entropy", false, "print each token with its probability and the entropy before it")
	fs.StringVar(&g.dir, "checkpoint", "", "neural or transformer model folder (default models/<model>-bytes)")
	if err := cli.ParseNone(fs, args); err != nil {
		return err
	}
	s, err := g.check()
	if err != nil {
		return err
	}
	data, err := lm.LoadData()
	if err != nil {
		return err
	}
	tok, err := data.Tokenizer(g.tok)
	if err != nil {
		return cli.Usagef("%v", err)
	}
	m, err := data.Model(g.model, tok, g.dir)
	if err != nil {
		return err
	}
	return streamTokens(ctx, m, tok, g.prompt, g.tokens, s, g.entropy)
}

// check validates the flags in their own words and returns the sampler.
func (g *generateFlags) check() (*sampling.Sampler, error) {
	c := g.sampler
	switch {
	case g.prompt == "":
		return nil, cli.Usagef("--prompt is required")
	case g.tokens < 1 || g.tokens > maxTokens:
		return nil, cli.Usagef("--tokens %d: want 1 to %d (the history alone would take %s)",
			g.tokens, maxTokens, bytesString(8*float64(g.tokens)))
	case !(c.Temperature >= 0) || math.IsInf(c.Temperature, 1):
		return nil, cli.Usagef("--temperature %v: want a finite value ≥ 0 (0 = greedy)", c.Temperature)
	case c.TopK < 0:
		return nil, cli.Usagef("--top-k %d: want ≥ 0 (0 = off)", c.TopK)
	case !(c.TopP >= 0 && c.TopP <= 1):
		return nil, cli.Usagef("--top-p %v: want 0 to 1 (1 = off)", c.TopP)
	case !(c.MinP >= 0 && c.MinP <= 1):
		return nil, cli.Usagef("--min-p %v: want 0 to 1 (0 = off)", c.MinP)
	}
	if err := lm.Check([]string{g.model}, []string{g.tok}); err != nil {
		return nil, cli.Usagef("%v", err)
	}
	if err := lm.CheckPair(g.model, g.tok); err != nil {
		return nil, cli.Usagef("%v", err)
	}
	s, err := sampling.New(c)
	if err != nil {
		return nil, cli.Usagef("%v", err) // a check above is missing
	}
	return s, nil
}

// streamTokens prints each token as it is drawn (with --entropy, one line
// per token) until n tokens or Ctrl-C.
func streamTokens(ctx context.Context, m lmeval.Model, tok tokenizer.Tokenizer, prompt string, n int, s *sampling.Sampler, entropy bool) error {
	out := os.Stdout
	if entropy {
		fmt.Fprintf(out, "%s\n%5s  %-12s  %8s  %s\n", prompt, "step", "token", "p(token)", "entropy (bits)")
	} else {
		fmt.Fprint(out, prompt)
	}
	i := 0
	for st := range lmeval.Stream(m, tok.Encode(prompt), n, s) {
		if ctx.Err() != nil {
			break
		}
		text := tok.Decode([]int{st.Token})
		if entropy {
			fmt.Fprintf(out, "%5d  %-12q  %8.3f  %.2f\n", i, text, st.Prob, st.Entropy/math.Ln2)
		} else {
			fmt.Fprint(out, text)
		}
		i++
	}
	if !entropy {
		fmt.Fprintln(out)
	}
	return ctx.Err()
}
