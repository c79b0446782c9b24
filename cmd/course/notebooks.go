package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/bitsandlogits/course/internal/notebook"
)

func init() {
	register(command{name: "setup", usage: "", order: 10,
		summary: "build GoNB and goimports into bin/, register the gonb Jupyter kernel", run: runSetup})
	register(command{name: "doctor", usage: "", order: 11,
		summary: "check every requirement (✓/✗) and print the command that fixes each", run: runDoctor})
	register(command{name: "run", usage: "[-timeout d] [-site=false] [NOTEBOOK…]", order: 12,
		summary: "execute notebooks headless and build the HTML site in build/site", run: runNotebooks})
	register(command{name: "lab", usage: "[JUPYTER-ARGS…]", order: 13,
		summary: "start Jupyter on notebooks/ with the GoNB kernel", run: runLab})
}

func repo() (*notebook.Repo, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	return notebook.FindRepo(wd)
}

func runSetup(args []string) error {
	fs := newFlagSet("setup", "")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	r, err := repo()
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

func runDoctor(args []string) error {
	fs := newFlagSet("doctor", "")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	r, err := repo()
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

func runNotebooks(args []string) error {
	fs := newFlagSet("run", "[-timeout d] [-site=false] [NOTEBOOK…]")
	timeout := fs.Duration("timeout", 10*time.Minute, "fail a cell that runs longer than `d`")
	site := fs.Bool("site", true, "render build/site (HTML) after the notebooks ran")
	names, err := parseInterspersed(fs, args)
	if err != nil {
		return err
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
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if len(selected) == 0 {
		return errors.New("no notebooks under notebooks/")
	}
	start := time.Now()
	runner := &notebook.Runner{Repo: r, CellTimeout: *timeout}
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

// parseInterspersed parses flags that may come before, between or after
// positional arguments (Go's flag package stops at the first positional).
func parseInterspersed(fs interface {
	Parse([]string) error
	Args() []string
}, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

func runLab(args []string) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		fmt.Println("usage: course lab [JUPYTER-ARGS…]\n\nStarts `jupyter notebook` on notebooks/; JUPYTER-ARGS are passed to it (e.g. --port 8890).")
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
