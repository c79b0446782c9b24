package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/bitsandlogits/course/internal/cli"
	"github.com/bitsandlogits/course/internal/notebook"
)

// The notebook subcommands: the logic lives in internal/notebook.

func setupCmd() *cli.Command {
	return &cli.Command{Name: "setup", Short: "build GoNB and goimports into bin/ and register the gonb kernel", Run: runSetup}
}

func doctorCmd() *cli.Command {
	return &cli.Command{Name: "doctor", Short: "check every requirement (✓/✗) and print how to fix each", Run: runDoctor}
}

func runCmd() *cli.Command {
	return &cli.Command{Name: "run", Args: "[--timeout D] [--site=false] [NOTEBOOK…]",
		Short: "execute notebooks headless and build the HTML site in build/site", Run: runNotebooks}
}

func labCmd() *cli.Command {
	return &cli.Command{Name: "lab", Args: "[JUPYTER-ARGS…]", Short: "start Jupyter on notebooks/ with the GoNB kernel",
		Long: "Starts `jupyter notebook` on notebooks/; JUPYTER-ARGS are passed to it (e.g. --port 8890).",
		Run:  runLab, WaitsForChild: true}
}

func repo() (*notebook.Repo, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	return notebook.FindRepo(wd)
}

// repoNoArgs parses the flags of a subcommand that takes no arguments and
// finds the checkout.
func repoNoArgs(fs *flag.FlagSet, args []string) (*notebook.Repo, error) {
	if err := cli.ParseNone(fs, args); err != nil {
		return nil, err
	}
	return repo()
}

func runSetup(_ context.Context, fs *flag.FlagSet, args []string) error {
	r, err := repoNoArgs(fs, args)
	if err != nil {
		return err
	}
	start := time.Now()
	if err := r.Setup(os.Stdout); err != nil {
		return err
	}
	fmt.Printf("setup done in %.1f s; next: go run ./cmd/course run\n", time.Since(start).Seconds())
	return nil
}

func runDoctor(_ context.Context, fs *flag.FlagSet, args []string) error {
	r, err := repoNoArgs(fs, args)
	if err != nil {
		return err
	}
	failed := 0
	for _, c := range r.Doctor() {
		mark := "✓"
		if !c.OK {
			mark = "✗"
			if c.Required {
				failed++
			}
		}
		fmt.Printf("%s %-32s %s\n", mark, c.Name, c.Detail)
		if !c.OK {
			fmt.Printf("    fix: %s\n", c.Fix)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d required piece(s) missing", failed)
	}
	return nil
}

// Bounds of `course run --timeout`: nbclient counts whole seconds.
const minCellTimeout, maxCellTimeout = time.Second, 24 * time.Hour

func runNotebooks(ctx context.Context, fs *flag.FlagSet, args []string) error {
	timeout := fs.Duration("timeout", 10*time.Minute, "fail a cell that runs longer than `D` (1s to 24h)")
	site := fs.Bool("site", true, "render build/site (HTML) after the notebooks ran")
	names, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if *timeout < minCellTimeout || *timeout > maxCellTimeout {
		return cli.Usagef("--timeout %v: want %v to %v", *timeout, minCellTimeout, maxCellTimeout)
	}
	r, err := repo()
	if err != nil {
		return err
	}
	chapters, err := notebook.Chapters(r.Root)
	if err != nil {
		return err
	}
	for _, e := range notebook.Unpaired(chapters) {
		fmt.Fprintf(os.Stderr, "warning: %v\n", e)
	}
	selected, err := notebook.Select(chapters, names)
	if err != nil {
		return cli.Usagef("%v", err)
	}
	if len(selected) == 0 {
		return errors.New("no notebooks under notebooks/")
	}
	start := time.Now()
	runner := &notebook.Runner{Repo: r, CellTimeout: *timeout, Context: ctx}
	results, runErr := runner.RunAll(os.Stdout, selected)
	if runErr != nil {
		return runErr
	}
	fmt.Printf("ran %d notebook(s) in %.1f s; executed copies in %s\n", len(results), time.Since(start).Seconds(), r.OutDir())
	if !*site {
		return nil
	}
	siteStart := time.Now()
	pages, err := buildSite(r)
	if err != nil {
		return err
	}
	fmt.Printf("site: %d pages rendered in %.1f s: %s\ntotal: %.1f s\n", pages, time.Since(siteStart).Seconds(),
		filepath.Join(r.SiteDir(), "index.html"), time.Since(start).Seconds())
	return nil
}

// runLab passes its arguments to Jupyter untouched, so it parses no flags
// but -h.
func runLab(_ context.Context, fs *flag.FlagSet, args []string) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		fs.Usage()
		return flag.ErrHelp
	}
	r, err := repo()
	if err != nil {
		return err
	}
	fmt.Println("course lab: starting Jupyter on notebooks/ with the GoNB kernel (Ctrl-C to stop)…")
	pr, pw := io.Pipe()
	done := make(chan struct{})
	go func() {
		// Jupyter logs to stderr; repeat the URL it prints so it stands out.
		defer close(done)
		sc := bufio.NewScanner(pr)
		shown := false
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(os.Stderr, line)
			if i := strings.Index(line, "http://"); i >= 0 && !shown && strings.Contains(line, "token=") {
				fmt.Printf("\n  open: %s\n\n", strings.TrimSpace(line[i:]))
				shown = true
			}
		}
	}()
	err = r.Lab(os.Stdout, pw, args)
	pw.Close()
	<-done
	return err
}
