package grader

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/bitsandlogits/course/internal/cli"
)

// Watch implements `course watch`, rustlings' loop: grade the current
// exercise (the first not done), re-grade it whenever one of its files is
// saved, move on to the next one when it passes. The key h shows the next
// hint, q quits (followed by Enter when stdin is not a terminal). Ctrl-C
// (ctx cancelled) returns cli.ErrInterrupted with the terminal restored and
// no grade of the interrupted run saved.
func Watch(ctx context.Context, fs *flag.FlagSet, args []string, stdin io.Reader, stdout io.Writer) error {
	limit := fs.Duration("time-limit", 0, "time limit per exercise, 1s to 1h, overriding the metadata")
	if err := cli.ParseNone(fs, args); err != nil {
		return err
	}
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == "time-limit" })
	if set && (*limit < minTimeLimit || *limit > maxTimeLimit) {
		return cli.Usagef("--time-limit %v: want %v to %v", *limit, minTimeLimit, maxTimeLimit)
	}
	root, info, state, err := course()
	if err != nil {
		return err
	}
	restore := singleKeys(stdin)
	defer restore()
	w := &watcher{ctx: ctx, root: root, keys: readKeys(stdin), out: stdout, tty: cli.IsTerminal(stdout),
		cfg: Config{Tests: filepath.Join(root, "exercises"), TimeLimit: *limit}}
	for {
		cur, ok := state.Current(info)
		if !ok {
			fmt.Fprintln(stdout, "Every exercise passes. Well done!")
			return nil
		}
		if state, err = w.exercise(cur); err != nil || state == nil {
			return err
		}
	}
}

// watcher is one `course watch` session.
type watcher struct {
	ctx  context.Context
	root string
	cfg  Config
	keys <-chan string
	out  io.Writer
	tty  bool
}

// exercise grades cur on every save until it passes; it returns the new
// state, or nil when the learner quit.
func (w *watcher) exercise(cur Exercise) (*State, error) {
	dir := filepath.Join(w.root, "exercises", cur.Name)
	for {
		if w.tty {
			fmt.Fprint(w.out, "\033[H\033[2J") // a fresh screen per run
		}
		fmt.Fprintf(w.out, "\n── %s · %s\n   %s\n   edit exercises/%s/ — graded on every save (h: hint, q: quit)\n\n",
			time.Now().Format("15:04:05"), cur.Name, clip(cur.Title, 76), cur.Name)
		stamp := fingerprint(dir)
		report := Run(w.ctx, w.cfg, Jobs(filepath.Join(w.root, "exercises"), []Exercise{cur}), 1, nil)
		if w.ctx.Err() != nil {
			return nil, cli.ErrInterrupted
		}
		report.WriteTable(w.out)
		writeDistinctFailures(w.out, report)
		if err := RecordProgress(w.root, report); err != nil {
			return nil, err
		}
		state, err := LoadState(w.root)
		if err != nil {
			return nil, err
		}
		if state.Exercises[cur.Name].Done() {
			fmt.Fprintf(w.out, "\n%s passes every test.\n", cur.Name)
			return state, nil
		}
		if quit, err := w.wait(dir, stamp, cur, state); err != nil || quit {
			return nil, err
		}
	}
}

// wait returns when a .go file of dir changes (quit false), on q or the
// end of input (quit true) or on Ctrl-C; h shows the next hint meanwhile.
func (w *watcher) wait(dir, stamp string, cur Exercise, state *State) (quit bool, err error) {
	tick := time.NewTicker(300 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-w.ctx.Done():
			return true, cli.ErrInterrupted
		case k, open := <-w.keys:
			switch {
			case !open || k == "q":
				return true, nil
			case k == "h":
				n := min(state.Hints[cur.Name]+1, len(cur.Hints))
				writeHint(w.out, cur, n)
				state.Hints[cur.Name] = max(state.Hints[cur.Name], n)
				if err := state.Save(w.root); err != nil {
					return true, err
				}
			}
		case <-tick.C:
			if fingerprint(dir) != stamp {
				return false, nil
			}
		}
	}
}

// writeDistinctFailures prints the message of every failed test once: a
// compile error that fails every test is shown once, with the tests named.
func writeDistinctFailures(w io.Writer, r Report) {
	for _, res := range r.Results {
		var order []string
		names := map[string][]string{}
		for _, t := range res.Tests {
			if t.Passed {
				continue
			}
			msg := strings.TrimSpace(t.Output)
			if names[msg] == nil {
				order = append(order, msg)
			}
			names[msg] = append(names[msg], t.Name)
		}
		for _, msg := range order {
			fmt.Fprintf(w, "\n--- %s\n%s\n", strings.Join(names[msg], ", "), indent(msg))
		}
	}
}

// readKeys returns the non-blank bytes read from stdin, one at a time; the
// channel closes at the end of input.
func readKeys(stdin io.Reader) <-chan string {
	keys := make(chan string)
	go func() {
		defer close(keys)
		r := bufio.NewReader(stdin)
		for {
			b, err := r.ReadByte()
			if err != nil {
				return
			}
			if k := strings.TrimSpace(string(b)); k != "" {
				keys <- k
			}
		}
	}()
	return keys
}

// fingerprint returns the names, sizes and modification times of the .go
// files of dir, which change when the learner saves one.
func fingerprint(dir string) string {
	entries, _ := os.ReadDir(dir)
	var b strings.Builder
	for _, e := range entries {
		if info, err := e.Info(); err == nil && strings.HasSuffix(e.Name(), ".go") {
			fmt.Fprintf(&b, "%s %d %d;", e.Name(), info.Size(), info.ModTime().UnixNano())
		}
	}
	return b.String()
}

// singleKeys puts a terminal stdin into cbreak mode, so that keys arrive
// without Enter, and returns the function that restores the terminal. It
// does nothing when stdin is not a terminal or stty is missing.
func singleKeys(stdin io.Reader) func() {
	f, ok := stdin.(*os.File)
	if !ok || !cli.IsTerminal(f) {
		return func() {}
	}
	stty := func(args ...string) ([]byte, error) {
		cmd := exec.Command("stty", args...)
		cmd.Stdin = f
		return cmd.Output()
	}
	saved, err := stty("-g")
	if err != nil {
		return func() {}
	}
	if _, err := stty("cbreak", "-echo"); err != nil {
		return func() {}
	}
	var once sync.Once
	return func() { once.Do(func() { stty(strings.TrimSpace(string(saved))) }) }
}
