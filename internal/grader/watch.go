package grader

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Watch implements `course watch`, rustlings' loop: grade the current
// exercise (the first not done), re-grade it whenever one of its files is
// saved, move on to the next one when it passes. Typing h⏎ shows the next
// hint, q⏎ quits.
func Watch(fs *flag.FlagSet, args []string, stdin io.Reader, stdout io.Writer) error {
	limit := fs.Duration("time-limit", 0, "time limit per exercise, overriding the metadata")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	root, info, state, err := course()
	if err != nil {
		return err
	}
	keys := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdin)
		for sc.Scan() {
			keys <- strings.TrimSpace(sc.Text())
		}
		close(keys)
	}()
	cfg := Config{Tests: filepath.Join(root, "exercises"), TimeLimit: *limit}
	for {
		cur, ok := state.Current(info)
		if !ok {
			fmt.Fprintln(stdout, "Every exercise passes. Well done!")
			return nil
		}
		dir := filepath.Join(root, "exercises", cur.Name)
		fmt.Fprintf(stdout, "\n== %s: %s\n   edit %s/ — grading on every save (h⏎ hint, q⏎ quit)\n", cur.Name, cur.Title, dir)
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
