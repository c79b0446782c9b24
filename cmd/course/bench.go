package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/bitsandlogits/course/internal/bench"
	"github.com/bitsandlogits/course/internal/cli"
)

const benchUsage = "[--json] [--batch 64] [--vocab 128000] [--op NAME[,NAME…]] [--runs 5] [--best] [--no-gomlx] [--gomlx-budget 10s] [--no-torch] [--warm]"

func benchCmd() *cli.Command {
	return &cli.Command{Name: "bench", Args: benchUsage,
		Short: "time the batched ops in Go, GoMLX and PyTorch, with ratios", Run: runBench}
}

func runBench(_ context.Context, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "print one JSON object per (op, engine) instead of a table")
	batch := fs.Int("batch", 64, fmt.Sprintf("rows in the batch (batch·vocab ≤ %d, 512 MiB per float32 batch)", bench.MaxLogits))
	vocab := fs.Int("vocab", 128000, fmt.Sprintf("vocabulary size V, 1 to %d", bench.MaxVocab))
	opList := fs.String("op", "", "comma-separated ops to run (default all: "+strings.Join(bench.OpNames(), ",")+")")
	runs := fs.Int("runs", 5, fmt.Sprintf("timed runs per measurement after one warm-up, 1 to %d (≥ 5 for reported figures)", bench.MaxRuns))
	best := fs.Bool("best", false, "report the fastest run of each measurement instead of the median (engines and floor alike; for a machine shared with other work)")
	noGoMLX := fs.Bool("no-gomlx", false, "skip the GoMLX engine")
	noTorch := fs.Bool("no-torch", false, "skip PyTorch")
	budget := fs.Duration("gomlx-budget", 10*time.Second, "time allowed per GoMLX op; slower ops run on fewer rows")
	warm := fs.Bool("warm", false, "time runs back to back with warm caches (default: read twice the largest cache before every timed run, every engine alike)")
	if err := cli.ParseNone(fs, args); err != nil {
		return err
	}
	cfg := bench.Config{Batch: *batch, Vocab: *vocab, Runs: *runs, Best: *best, GoMLX: !*noGoMLX, GoMLXBudget: *budget, Warm: *warm,
		TorchScript: "scripts/bench_torch.py", Progress: os.Stderr}
	if !*noTorch {
		cfg.Python = "/usr/bin/python3" // for the memory estimate; cleared below if torch is missing
	}
	if err := cfg.Check(); err != nil {
		return fmt.Errorf("%w: %v", cli.ErrUsage, err)
	}
	if *opList != "" {
		cfg.Ops = strings.Split(*opList, ",")
		for _, o := range cfg.Ops {
			if !slices.Contains(bench.OpNames(), o) {
				return cli.Usagef("--op %q: want one of %s", o, strings.Join(bench.OpNames(), ", "))
			}
		}
	}
	notes := []string{"torch skipped (--no-torch)"}
	if !*noTorch {
		notes = nil
		if err := bench.TorchAvailable(cfg.Python); err != nil {
			notes = append(notes, "torch skipped: "+err.Error())
			cfg.Python = ""
		}
	}
	fmt.Fprintf(os.Stderr, "course bench: [%d,%d] float32, %d runs each, about %.2f GiB…\n",
		*batch, *vocab, *runs, float64(cfg.MemoryBytes())/(1<<30))
	rep, err := bench.Run(cfg)
	if err != nil {
		return err
	}
	rep.Notes = append(notes, rep.Notes...)
	if *asJSON {
		return bench.WriteJSON(os.Stdout, rep)
	}
	return bench.WriteTable(os.Stdout, rep)
}
