package grader

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Watch implements `course watch`, rustlings' loop: grade the current
// exercise (the first not done), re-grade it whenever one of its files is
// saved, move on to the next one when it passes. The key h shows the next
// hint, q quits (followed by Enter when stdin is not a terminal).
func Watch(fs *flag.FlagSet, args []string, stdin io.Reader, stdout io.Writer) error {
	limit := fs.Duration("time-limit", 0, "time limit per exercise, overriding the metadata")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: watch takes no exercise (it follows your progress), got %q", ErrUsage, pos[0])
	}
	if *limit < 0 {
		return fmt.Errorf("%w: --time-limit must not be negative", ErrUsage)
	}
	root, info, state, err := course()
	if err != nil {
		return err
	}
	keys := make(chan string)
	restore := singleKeys(stdin)
	defer restore()
	interrupt := make(chan os.Signal, 1)
	signal.Notify(interrupt, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(interrupt)
	go func() {
		<-interrupt
		restore()
		os.Exit(130)
	}()
	go func() {
		r := bufio.NewReader(stdin)
		for {
			b, err := r.ReadByte()
			if err != nil {
				close(keys)
				return
			}
			if k := strings.TrimSpace(string(b)); k != "" {
				keys <- k
			}
		}
	}()
	cfg := Config{Tests: filepath.Join(root, "exercises"), TimeLimit: *limit}
	for {
		cur, ok := state.Current(info)
		if !ok {
			fmt.Fprintln(stdout, "Every exercise passes. Well done!")
			return nil
		}
		dir := filepath.Join(root, "exercises", cur.Name)
		fmt.Fprintf(stdout, "\n== %s: %s\n   edit %s/ — grading on every save (h: hint, q: quit)\n", cur.Name, cur.Title, dir)
		for {
			report := Run(context.Background(), cfg, Jobs(filepath.Join(root, "exercises"), []Exercise{cur}), 1, nil)
			report.WriteTable(stdout)
			report.WriteDetails(stdout)
			if err := RecordProgress(root, report); err != nil {
				return err
			}
			if state, err = LoadState(root); err != nil {
				return err
			}
			if state.Exercises[cur.Name].Done() {
				fmt.Fprintf(stdout, "\n%s passes every test.\n", cur.Name)
				break
			}
			stamp := modTime(dir)
		wait:
			for {
				select {
				case k, open := <-keys:
					switch {
					case !open || k == "q":
						return nil
					case k == "h":
						n := min(state.Hints[cur.Name]+1, len(cur.Hints))
						writeHint(stdout, cur, n)
						state.Hints[cur.Name] = max(state.Hints[cur.Name], n)
						if err := state.Save(root); err != nil {
							return err
						}
					}
				case <-time.After(300 * time.Millisecond):
					if modTime(dir) != stamp {
						break wait
					}
				}
			}
		}
	}
}

// modTime returns a fingerprint of the .go files of dir: their names,
// sizes and modification times.
func modTime(dir string) string {
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
	if !ok {
		return func() {}
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
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
