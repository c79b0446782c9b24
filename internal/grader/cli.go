package grader

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// ErrUsage marks errors caused by bad command-line arguments.
var ErrUsage = errors.New("usage")

// ErrInterrupted is returned when Ctrl-C (SIGINT) or SIGTERM stopped a
// command: nothing was recorded, and the command exits 130 as a shell
// reports an interrupted program.
var ErrInterrupted error = interrupted{}

type interrupted struct{}

func (interrupted) Error() string     { return "interrupted" }
func (interrupted) Interrupted() bool { return true }

// GradeUsage is the synopsis of `course grade`.
const GradeUsage = "[EXERCISE…] [--json FILE] [--junit FILE] [--dir DIR] [--tests DIR] [--submissions DIR --csv FILE] [--time-limit D] [-j N] [-v] [--unsafe-no-sandbox]"

// parseInterleaved parses flags that may come before, between or after the
// positional arguments (Go's flag package stops at the first positional).
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// FindRoot returns the closest folder at or above the working directory
// that holds exercises/info.json: the course repository or a handout.
func FindRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "exercises", InfoFile)); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("not inside the course: no exercises/" + InfoFile + " in this folder or above it")
		}
		dir = parent
	}
}

// Grade implements `course grade`. With --tests and --dir both given it
// needs no course checkout (the Gradescope autograder uses that form).
func Grade(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	jsonPath := fs.String("json", "", "write Gradescope's results.json schema to `FILE`")
	junitPath := fs.String("junit", "", "write JUnit XML to `FILE`")
	dir := fs.String("dir", "", "the student's exercises `DIR` (default: exercises/ of the course)")
	tests := fs.String("tests", "", "the pristine exercises `DIR` with info.json and the tests (default: exercises/ of the course)")
	subs := fs.String("submissions", "", "grade every student folder under `DIR` (each a copy of exercises/)")
	csvPath := fs.String("csv", "", "with --submissions: write the roster CSV to `FILE`")
	limit := fs.Duration("time-limit", 0, "time limit per exercise, overriding the metadata (default 60s)")
	jobs := fs.Int("j", 0, "exercises graded in parallel (default: number of CPUs)")
	verbose := fs.Bool("v", false, "print the full message of every failed test")
	unsafe := fs.Bool("unsafe-no-sandbox", false, "run submissions without the OS sandbox (only for code you trust)")
	names, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if *csvPath != "" && *subs == "" {
		return fmt.Errorf("%w: --csv needs --submissions", ErrUsage)
	}
	if *jobs < 0 || *limit < 0 {
		return fmt.Errorf("%w: -j and --time-limit must not be negative", ErrUsage)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	report, exercises, err := func() (Report, []Exercise, error) {
		if *dir != "" {
			if st, err := os.Stat(*dir); err != nil || !st.IsDir() {
				return Report{}, nil, fmt.Errorf("--dir %s: not a folder", *dir)
			}
		}
		root := ""
		if *tests == "" || (*dir == "" && *subs == "") {
			r, err := FindRoot()
			if err != nil {
				return Report{}, nil, err
			}
			root = r
		}
		if *tests == "" {
			*tests = filepath.Join(root, "exercises")
		}
		info, err := LoadInfo(*tests)
		if err != nil {
			return Report{}, nil, err
		}
		exercises, err := info.Select(names)
		if err != nil {
			return Report{}, nil, fmt.Errorf("%w: %v", ErrUsage, err)
		}
		cfg := Config{Tests: *tests, TimeLimit: *limit}
		strict := *subs != "" || *jsonPath != "" || *junitPath != ""
		if err := chooseSandbox(&cfg, strict, *unsafe, stderr); err != nil {
			return Report{}, nil, err
		}
		if *subs != "" {
			students, err := studentFolders(*subs)
			if err != nil {
				return Report{}, nil, err
			}
			var all []Job
			for _, s := range students {
				for _, j := range Jobs(s.dir, exercises) {
					j.Student = s.name
					all = append(all, j)
				}
			}
			bar := progressBar(stderr, len(students))
			report := Run(ctx, cfg, all, *jobs, bar)
			fmt.Fprintln(stderr)
			if ctx.Err() != nil {
				return Report{}, nil, ErrInterrupted
			}
			return report, exercises, nil
		}
		if *dir == "" {
			*dir = filepath.Join(root, "exercises")
		}
		var bar func(done, total int)
		if isTerminal(stderr) && len(exercises) > 1 {
			bar = progressBar(stderr, 1)
		}
		report := Run(ctx, cfg, Jobs(*dir, exercises), *jobs, bar)
		if bar != nil {
			fmt.Fprint(stderr, "\r\033[K")
		}
		if ctx.Err() != nil {
			return Report{}, nil, ErrInterrupted
		}
		if root != "" && sameDir(*dir, filepath.Join(root, "exercises")) {
			if err := RecordProgress(root, report); err != nil {
				fmt.Fprintln(stderr, "course grade: could not save progress:", err)
			}
		}
		return report, exercises, nil
	}()
	if err != nil {
		if *jsonPath != "" && !errors.Is(err, ErrInterrupted) {
			if werr := WriteGradescopeError(*jsonPath, err); werr != nil {
				fmt.Fprintln(stderr, "course grade:", werr)
			}
		}
		return err
	}
	var table strings.Builder
	report.WriteTable(&table)
	if *subs == "" || *verbose {
		fmt.Fprint(stdout, table.String())
	}
	if *verbose {
		report.WriteDetails(stdout)
	}
	if *jsonPath != "" {
		if err := report.WriteGradescope(*jsonPath, table.String()); err != nil {
			return fmt.Errorf("--json %s: %w", *jsonPath, err)
		}
	}
	if *junitPath != "" {
		if err := report.WriteJUnit(*junitPath); err != nil {
			return fmt.Errorf("--junit %s: %w", *junitPath, err)
		}
	}
	if *csvPath != "" {
		f, err := os.Create(*csvPath)
		if err != nil {
			return fmt.Errorf("--csv: %w", err)
		}
		werr := report.WriteRoster(f, exercises)
		if err := errors.Join(werr, f.Close()); err != nil {
			return fmt.Errorf("--csv %s: %w", *csvPath, err)
		}
		fmt.Fprintf(stdout, "roster of %d students written to %s in %.1fs\n", len(report.Results)/max(1, len(exercises)), *csvPath, report.Duration.Seconds())
	}
	if points, max := report.Score(); points < max {
		return fmt.Errorf("%s of %s points", num(points), num(max))
	}
	return nil
}

type student struct{ name, dir string }

// studentFolders lists the student folders under dir; a student's folder
// may hold the exercise folders directly or inside exercises/.
func studentFolders(dir string) ([]student, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("--submissions: %w", err)
	}
	var out []student
	for _, e := range entries {
		// A symlink is listed too: grading refuses it, with a roster row.
		if !e.IsDir() && e.Type()&os.ModeSymlink == 0 || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		d := filepath.Join(dir, e.Name())
		if st, err := os.Lstat(filepath.Join(d, "exercises")); err == nil && (st.IsDir() || st.Mode()&os.ModeSymlink != 0) && e.IsDir() {
			d = filepath.Join(d, "exercises")
		}
		out = append(out, student{e.Name(), d})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--submissions %s: no student folders", dir)
	}
	return out, nil
}

// progressBar returns a progress callback drawing a bar on w.
func progressBar(w io.Writer, students int) func(done, total int) {
	start := time.Now()
	return func(done, total int) {
		const width = 30
		filled := width * done / total
		of := fmt.Sprintf(" of %d students", students)
		if students == 1 {
			of = ""
		}
		fmt.Fprintf(w, "\r[%s%s] %d/%d exercises%s, %.0fs", strings.Repeat("=", filled), strings.Repeat(" ", width-filled),
			done, total, of, time.Since(start).Seconds())
	}
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func sameDir(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}
