package grader

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/bitsandlogits/course/internal/cli"
	"github.com/bitsandlogits/course/internal/repo"
)

// ErrUsage marks errors caused by bad command-line arguments.
var ErrUsage = cli.ErrUsage

// GradeUsage is the synopsis of `course grade`.
const GradeUsage = "[EXERCISE…] [--json FILE] [--junit FILE] [--dir DIR] [--tests DIR] [--submissions DIR --csv FILE] [--time-limit D] [-j N] [-v] [--unsafe-no-sandbox]"

// Commands returns the grader's subcommands, in help order, for the course
// command's table.
func Commands() []*cli.Command {
	return []*cli.Command{
		{Name: "grade", Args: GradeUsage, Short: "grade exercises in isolated builds (a class with --submissions)", Run: RunGrade},
		{Name: "verify", Args: "[EXERCISE…] [-j N]", Short: "check each graded test passes on the solution, fails on the stub", Run: runVerify},
		{Name: "list", Short: "show progress per exercise", Run: runList},
		{Name: "hint", Args: "EXERCISE [--level N]", Short: "show the next hint for an exercise", Run: runHint},
		{Name: "watch", Args: "[--time-limit D]", Short: "re-grade the current exercise on every save (h: hint, q: quit)", Run: runWatch},
		{Name: "release", Args: "OUT [--modified]", Short: "write the student handout (no solutions, no hidden tests) to OUT", Run: runRelease,
			Long: "OUT must be outside the checkout. exercises/ must hold the committed stubs:\n" +
				"a release refuses to hand out edited exercise files unless --modified is given."},
		{Name: "gradescope", Args: "OUT.zip", Short: "write a Gradescope autograder bundle (setup.sh, run_autograder)", Run: runGradescope},
	}
}

// RunGrade is `course grade` (and the autograde binary) on the process's
// standard streams.
func RunGrade(ctx context.Context, fs *flag.FlagSet, args []string) error {
	return withGoTempDir(func() error { return Grade(ctx, fs, args, os.Stdout, os.Stderr) })
}

func runWatch(ctx context.Context, fs *flag.FlagSet, args []string) error {
	return withGoTempDir(func() error { return Watch(ctx, fs, args, os.Stdin, os.Stdout) })
}

func runVerify(_ context.Context, fs *flag.FlagSet, args []string) error {
	return Verify(fs, args, os.Stdout)
}
func runList(_ context.Context, fs *flag.FlagSet, args []string) error {
	return List(fs, args, os.Stdout)
}
func runHint(_ context.Context, fs *flag.FlagSet, args []string) error {
	return Hint(fs, args, os.Stdout)
}
func runRelease(ctx context.Context, fs *flag.FlagSet, args []string) error {
	return Release(ctx, fs, args, os.Stdout)
}
func runGradescope(_ context.Context, fs *flag.FlagSet, args []string) error {
	return GradescopeBundle(fs, args, os.Stdout)
}

// FindRoot returns the checkout (or handout) that holds the working
// directory; it must have exercises/info.json.
func FindRoot() (string, error) {
	root, err := repo.FindWD()
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(root, "exercises", InfoFile)); err != nil {
		return "", fmt.Errorf("%s has no exercises/%s", root, InfoFile)
	}
	return root, nil
}

// Bounds of grade's numeric flags.
const (
	maxJobs      = 64 // each job is a `go test` build of ~200 MB
	minTimeLimit = time.Second
	maxTimeLimit = time.Hour
)

// gradeOptions are the flags of `course grade`.
type gradeOptions struct {
	names                        []string
	jsonPath, junitPath, csvPath string
	dir, tests, subs             string
	limit                        time.Duration
	jobs                         int
	verbose                      bool
	unsafe                       bool   // --unsafe-no-sandbox
	root                         string // the checkout, "" when --tests and --dir suffice
}

// parseGrade declares grade's flags on fs, parses args and checks every
// flag and output path before any work starts. The options come back even
// with an error, for the results.json that explains it.
func parseGrade(fs *flag.FlagSet, args []string) (*gradeOptions, error) {
	o := &gradeOptions{}
	fs.StringVar(&o.jsonPath, "json", "", "write Gradescope's results.json schema to `FILE`")
	fs.StringVar(&o.junitPath, "junit", "", "write JUnit XML to `FILE`")
	fs.StringVar(&o.dir, "dir", "", "the student's exercises `DIR` (default: exercises/ of the course)")
	fs.StringVar(&o.tests, "tests", "", "the pristine exercises `DIR` with info.json and the tests (default: exercises/ of the course)")
	fs.StringVar(&o.subs, "submissions", "", "grade every student folder under `DIR` (each a copy of exercises/)")
	fs.StringVar(&o.csvPath, "csv", "", "with --submissions: write the roster CSV to `FILE`")
	fs.DurationVar(&o.limit, "time-limit", 0, "time limit per exercise, 1s to 1h, overriding the metadata (default 60s)")
	fs.IntVar(&o.jobs, "j", 0, fmt.Sprintf("exercises graded in parallel, 1 to %d (default: number of CPUs)", maxJobs))
	fs.BoolVar(&o.verbose, "v", false, "print the full message of every failed test")
	fs.BoolVar(&o.unsafe, "unsafe-no-sandbox", false, "run submissions without the OS sandbox (only for code you trust)")
	var err error
	if o.names, err = cli.Parse(fs, args); err != nil {
		return o, err
	}
	if err := o.check(fs); err != nil {
		return o, err
	}
	if o.tests == "" || (o.dir == "" && o.subs == "") {
		if o.root, err = FindRoot(); err != nil {
			return o, err
		}
	}
	if o.tests == "" {
		o.tests = filepath.Join(o.root, "exercises")
	}
	if o.dir == "" && o.subs == "" {
		o.dir = filepath.Join(o.root, "exercises")
	}
	return o, nil
}

// check rejects conflicting flags, numbers out of range, missing input
// folders and output files that could not be written.
func (o *gradeOptions) check(fs *flag.FlagSet) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case o.csvPath != "" && o.subs == "":
		return cli.Usagef("--csv needs --submissions")
	case o.subs != "" && set["dir"]:
		return cli.Usagef("--dir and --submissions both name the work to grade: give one")
	case o.subs != "" && o.jsonPath != "":
		return cli.Usagef("--json writes one student's results.json: grade each student with --dir, or use --csv for a class")
	case set["j"] && (o.jobs < 1 || o.jobs > maxJobs):
		return cli.Usagef("-j %d: want 1 to %d (each parallel build takes ~200 MB)", o.jobs, maxJobs)
	case set["time-limit"] && (o.limit < minTimeLimit || o.limit > maxTimeLimit):
		return cli.Usagef("--time-limit %v: want %v to %v", o.limit, minTimeLimit, maxTimeLimit)
	}
	for _, f := range []struct{ flag, dir string }{{"dir", o.dir}, {"tests", o.tests}, {"submissions", o.subs}} {
		if f.dir != "" {
			if st, err := os.Stat(f.dir); err != nil || !st.IsDir() {
				return cli.Usagef("--%s %s: not a folder", f.flag, f.dir)
			}
		}
	}
	for _, f := range []struct{ flag, path string }{{"json", o.jsonPath}, {"junit", o.junitPath}, {"csv", o.csvPath}} {
		if err := checkOutput(f.path); err != nil {
			return cli.Usagef("--%s %s: %v", f.flag, f.path, err)
		}
	}
	return nil
}

// checkOutput returns an error unless path ("" for none) can be written:
// its folder exists and it is not a folder itself.
func checkOutput(path string) error {
	if path == "" {
		return nil
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return errors.New("is a folder")
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return fmt.Errorf("folder %s does not exist", filepath.Dir(path))
	}
	return nil
}

// Grade implements `course grade`. With --tests and --dir both given it
// needs no course checkout (the Gradescope autograder uses that form).
func Grade(ctx context.Context, fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	o, err := parseGrade(fs, args)
	if err != nil {
		return gradescopeOnError(o, err, stderr)
	}
	report, exercises, err := o.grade(ctx, stderr)
	if err != nil {
		return gradescopeOnError(o, err, stderr)
	}
	if ctx.Err() != nil {
		return cli.ErrInterrupted // nothing graded to the end is shown or saved
	}
	if o.root != "" && o.subs == "" && sameDir(o.dir, filepath.Join(o.root, "exercises")) {
		if err := RecordProgress(o.root, report); err != nil {
			fmt.Fprintln(stderr, "course grade: could not save progress:", err)
		}
	}
	return o.write(report, exercises, stdout)
}

// gradescopeOnError leaves a results.json that explains err when --json was
// given, since a Gradescope grader must always leave one; bad arguments
// write nothing.
func gradescopeOnError(o *gradeOptions, err error, stderr io.Writer) error {
	if o.jsonPath != "" && !errors.Is(err, ErrUsage) && !errors.Is(err, flag.ErrHelp) && checkOutput(o.jsonPath) == nil {
		if werr := WriteGradescopeError(o.jsonPath, err); werr != nil {
			fmt.Fprintln(stderr, "course grade:", werr)
		}
	}
	return err
}

// grade runs the selected exercises of one submission, or of every
// student under --submissions.
func (o *gradeOptions) grade(ctx context.Context, stderr io.Writer) (Report, []Exercise, error) {
	info, err := LoadInfo(o.tests)
	if err != nil {
		return Report{}, nil, err
	}
	exercises, err := info.Select(o.names)
	if err != nil {
		return Report{}, nil, fmt.Errorf("%w: %v", ErrUsage, err)
	}
	cfg := Config{Tests: o.tests, TimeLimit: o.limit}
	strict := o.subs != "" || o.jsonPath != "" || o.junitPath != ""
	if err := chooseSandbox(&cfg, strict, o.unsafe, stderr); err != nil {
		return Report{}, nil, err
	}
	jobs, desc := Jobs(o.dir, exercises), "grading"
	if o.subs != "" {
		students, err := studentFolders(o.subs)
		if err != nil {
			return Report{}, nil, err
		}
		jobs, desc = nil, fmt.Sprintf("grading %d students", len(students))
		for _, s := range students {
			for _, j := range Jobs(s.dir, exercises) {
				j.Student = s.name
				jobs = append(jobs, j)
			}
		}
	}
	bar := cli.NewProgress(stderr, len(jobs), desc)
	report := Run(ctx, cfg, jobs, o.workers(), func(done, _ int) { bar.Set(done, "") })
	bar.Done()
	return report, exercises, nil
}

// withGoTempDir runs f with the go command's own temporary folders
// (go-build*) in a new folder, removed when f returns: a build killed by
// Ctrl-C cannot clean up after itself. A GOTMPDIR already set is kept. It
// changes the process's environment, so only the commands' Run functions
// call it, never Grade or Watch themselves (their tests run in parallel).
func withGoTempDir(f func() error) error {
	if os.Getenv("GOTMPDIR") != "" {
		return f()
	}
	tmp, err := os.MkdirTemp("", "course-gotmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	os.Setenv("GOTMPDIR", tmp)
	defer os.Unsetenv("GOTMPDIR")
	return f()
}

func (o *gradeOptions) workers() int {
	if o.jobs > 0 {
		return o.jobs
	}
	return min(runtime.NumCPU(), maxJobs)
}

// write prints the table (one per student under --submissions) and writes
// the files the flags ask for.
func (o *gradeOptions) write(report Report, exercises []Exercise, stdout io.Writer) error {
	var table strings.Builder
	report.WriteTable(&table)
	if o.subs == "" {
		fmt.Fprint(stdout, table.String())
	} else {
		writeStudentTables(stdout, report)
	}
	if o.verbose {
		report.WriteDetails(stdout)
	}
	if o.jsonPath != "" {
		if err := report.WriteGradescope(o.jsonPath, table.String()); err != nil {
			return fmt.Errorf("--json %s: %w", o.jsonPath, err)
		}
	}
	if o.junitPath != "" {
		if err := report.WriteJUnit(o.junitPath); err != nil {
			return fmt.Errorf("--junit %s: %w", o.junitPath, err)
		}
	}
	if o.csvPath != "" {
		if err := writeRosterFile(o.csvPath, report, exercises); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "roster of %d students written to %s in %.1fs\n",
			len(report.Results)/max(1, len(exercises)), o.csvPath, report.Duration.Seconds())
	}
	if points, max := report.Score(); points < max && o.subs == "" {
		return fmt.Errorf("%s of %s points", num(points), num(max))
	}
	return nil
}

// writeStudentTables prints one table per student, in the order graded.
func writeStudentTables(w io.Writer, report Report) {
	var order []string
	per := map[string][]Result{}
	for _, res := range report.Results {
		if per[res.Student] == nil {
			order = append(order, res.Student)
		}
		res.Student, per[res.Student] = "", append(per[res.Student], res)
	}
	for i, s := range order {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "== %s\n", s)
		sub := Report{Results: per[s]}
		sub.WriteTable(w)
	}
}

func writeRosterFile(path string, report Report, exercises []Exercise) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("--csv: %w", err)
	}
	werr := report.WriteRoster(f, exercises)
	if err := errors.Join(werr, f.Close()); err != nil {
		return fmt.Errorf("--csv %s: %w", path, err)
	}
	return nil
}

type student struct{ name, dir string }

// studentFolders lists the student folders under dir; a student's folder
// may hold the exercise folders directly or inside exercises/. A symlink is
// listed too: grading refuses it, and the student still gets a roster row.
func studentFolders(dir string) ([]student, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("--submissions: %w", err)
	}
	entries = slices.DeleteFunc(entries, func(e os.DirEntry) bool {
		return strings.HasPrefix(e.Name(), ".") || !e.IsDir() && e.Type()&os.ModeSymlink == 0
	})
	if len(entries) == 0 {
		return nil, fmt.Errorf("--submissions %s: no student folders", dir)
	}
	out := make([]student, len(entries))
	for i, e := range entries {
		out[i] = student{e.Name(), filepath.Join(dir, e.Name())}
		inner := filepath.Join(out[i].dir, "exercises")
		if st, err := os.Lstat(inner); err == nil && e.IsDir() && (st.IsDir() || st.Mode()&os.ModeSymlink != 0) {
			out[i].dir = inner
		}
	}
	return out, nil
}

func sameDir(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}
