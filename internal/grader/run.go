package grader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
)

const (
	// BuildTimeout bounds compiling one exercise (not counted in its time limit).
	BuildTimeout = 2 * time.Minute
	// keptOutput is how much of a test's output is kept for the report.
	keptOutput = 16 << 10
	// floodLimit stops a test that prints more than this many bytes.
	floodLimit = 8 << 20
	// memoryLimitKiB caps a test process's address space (ulimit -v), so a
	// submission cannot exhaust the machine's memory. The Go runtime needs
	// well under 1 GiB of it to start.
	memoryLimitKiB = 2 << 20
)

// Config says where the pristine tests are and how to grade.
type Config struct {
	Tests     string        // pristine exercises folder: info.json, go.mod, internal/, *_test.go
	TimeLimit time.Duration // overrides every exercise's own limit when > 0
	// AnyImport switches the import allow-list off. Only the grader's own
	// tests use it, to prove the run-time defences hold without it.
	AnyImport bool
	// Unsandboxed runs builds and tests directly instead of in the OS
	// sandbox; RequireSandbox makes grading fail where the sandbox is
	// unavailable. Neither: the sandbox when available, else directly.
	Unsandboxed, RequireSandbox bool

	checkers *checkerCache // built once per Run; nil: per exercise
}

// TestResult is the outcome of one graded test.
type TestResult struct {
	Name      string
	Points    float64
	MaxPoints float64
	Passed    bool
	Hidden    bool
	Output    string // why it failed, or the test's output
}

// ExerciseResult is the outcome of one exercise of one submission.
type ExerciseResult struct {
	Exercise Exercise
	Tests    []TestResult
	Problem  string // set when nothing could run: refused imports, compile error…
	Duration time.Duration
}

// Points returns the points earned.
func (r ExerciseResult) Points() float64 {
	s := 0.0
	for _, t := range r.Tests {
		s += t.Points
	}
	return s
}

// Passed counts the tests passed.
func (r ExerciseResult) Passed() int {
	n := 0
	for _, t := range r.Tests {
		if t.Passed {
			n++
		}
	}
	return n
}

// FirstFailure returns a one-line summary of the first problem, or "".
// A hidden test is never named: its failure is reported as such.
func (r ExerciseResult) FirstFailure() string {
	if r.Problem != "" {
		return firstLine(r.Problem)
	}
	hidden := false
	for _, t := range r.Tests {
		switch {
		case t.Passed:
		case t.Hidden:
			hidden = true
		default:
			return t.Name + ": " + firstLine(t.Output)
		}
	}
	if hidden {
		return "a hidden test failed (its details come with the published grades)"
	}
	return ""
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// GradeExercise grades the exercise folder submission/ex.Name. It never
// modifies the submission and always returns a result: every problem
// becomes failed tests with a message.
func GradeExercise(ctx context.Context, cfg Config, submission string, ex Exercise) ExerciseResult {
	return sanitizeResult(gradeExercise(ctx, cfg, submission, ex))
}

// sanitizeResult strips control characters from everything in res that
// came from the submission: messages, outputs.
func sanitizeResult(res ExerciseResult) ExerciseResult {
	res.Problem = Sanitize(res.Problem)
	for i := range res.Tests {
		res.Tests[i].Output = Sanitize(res.Tests[i].Output)
	}
	return res
}

func gradeExercise(ctx context.Context, cfg Config, submission string, ex Exercise) ExerciseResult {
	start := time.Now()
	res := ExerciseResult{Exercise: ex}
	fail := func(msg string) ExerciseResult {
		res.Problem = msg
		res.Tests = failedAll(ex, msg)
		res.Duration = time.Since(start)
		return res
	}
	files, err := ReadExercise(submission, ex.Name)
	if err != nil {
		return fail(err.Error())
	}
	if !cfg.AnyImport {
		if err := checkImports(files); err != nil {
			return fail(err.Error())
		}
	}
	b, err := cfg.newBox()
	if err != nil {
		return fail("grader: " + err.Error())
	}
	defer b.Close()
	limit := ex.TimeLimit()
	if cfg.TimeLimit > 0 {
		limit = cfg.TimeLimit
	}
	prepare := prepareLegacy
	if judged(cfg.Tests, ex) {
		if cfg.checkers == nil {
			c, err := newCheckerCache()
			if err != nil {
				return fail("grader: " + err.Error())
			}
			defer c.close()
			cfg.checkers = c
		}
		prepare = prepareJudged
	}
	run, err := prepare(ctx, cfg, b, ex, files)
	if err != nil {
		return fail(err.Error())
	}
	runCtx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	res.Tests = run(runCtx, ex.Tests, limit)
	res.Duration = time.Since(start)
	return res
}

// A testRunner runs the graded tests of an exercise within its time limit.
type testRunner func(ctx context.Context, tests []Test, limit time.Duration) []TestResult

// prepareJudged builds the checker (once per run) and the driver, and
// returns the function that runs one graded test.
func prepareJudged(ctx context.Context, cfg Config, b box, ex Exercise, files []SourceFile) (testRunner, error) {
	checker, msg := cfg.checkers.get(ctx, cfg, ex)
	if msg != "" {
		return nil, errors.New(msg)
	}
	if err := assembleDriver(b.Dir(), cfg.Tests, ex, files); err != nil {
		return nil, errors.New("grader: " + err.Error())
	}
	if msg := cachedBuild(ctx, b, ex.Name, driverBin); msg != "" {
		return nil, errors.New(msg)
	}
	return func(ctx context.Context, tests []Test, limit time.Duration) []TestResult {
		return runJudged(ctx, b, checker, tests, limit)
	}, nil
}

// prepareLegacy builds one test binary from the learner's files and the
// pristine tests, for exercises not yet converted to the protocol: a test
// passes when its process exits 0.
func prepareLegacy(ctx context.Context, cfg Config, b box, ex Exercise, files []SourceFile) (testRunner, error) {
	if err := assemble(b.Dir(), cfg.Tests, ex, files); err != nil {
		return nil, errors.New("grader: " + err.Error())
	}
	if msg := cachedBuild(ctx, b, ex.Name, "exercise.test"); msg != "" {
		return nil, errors.New(msg)
	}
	return func(ctx context.Context, tests []Test, limit time.Duration) []TestResult {
		results := make([]TestResult, len(tests))
		var wg sync.WaitGroup
		for i, t := range tests {
			wg.Go(func() { results[i] = runTest(ctx, b, t, limit) })
		}
		wg.Wait()
		return results
	}, nil
}

func failedAll(ex Exercise, msg string) []TestResult {
	out := make([]TestResult, len(ex.Tests))
	for i, t := range ex.Tests {
		out[i] = TestResult{Name: t.Name, MaxPoints: t.Points, Hidden: t.Hidden, Output: msg}
	}
	return out
}

// assemble lays out a module in work: the pristine go.mod and internal/
// helpers, the submission's non-test files and the pristine test files.
func assemble(work, tests string, ex Exercise, files []SourceFile) error {
	dst, err := moduleWith(work, tests, ex, files)
	if err != nil {
		return err
	}
	return copyTests(filepath.Join(tests, ex.Name), dst, ex, "*_test.go")
}

var testFunc = regexp.MustCompile(`(?m)^func (Test\w*)\(t \*testing\.T\)`)

// runTest runs one graded test of a legacy exercise in its own process.
// Only the exit status decides: printed "PASS" or "ok" lines prove nothing.
func runTest(ctx context.Context, b box, t Test, limit time.Duration) TestResult {
	res := TestResult{Name: t.Name, MaxPoints: t.Points, Hidden: t.Hidden}
	// -test.paniconexit0 turns os.Exit(0) during a test into a panic; go
	// test passes it too, but we run the binary ourselves.
	args := []string{filepath.Join(b.Inner(), "exercise.test"), "-test.run", "^" + t.Name + "$", "-test.paniconexit0", "-test.count=1", "-test.v", "-test.timeout", "0"}
	r := b.Run(ctx, args, nil)
	switch {
	case r.Reason != "" && !strings.Contains(r.Reason, "memory"):
		res.Output = "stopped: " + r.Reason
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		res.Output = fmt.Sprintf("time limit exceeded: the exercise's tests must finish within %v (an infinite loop?)", limit)
	case ctx.Err() != nil:
		res.Output = "grading was cancelled"
	case r.Err == nil:
		res.Passed, res.Points = true, t.Points
		res.Output = r.Output
	default:
		res.Output = explain(r.Output, r.Err)
	}
	return res
}

var errFlood = errors.New("output flood")

var testLine = regexp.MustCompile(`^\w+_test\.go:\d+: `)

// explain turns a failed test's output into the message shown to the
// student: the test's own messages, without the runner's framing lines.
func explain(output string, err error) string {
	var keep []string
	for _, line := range strings.Split(output, "\n") {
		trim := strings.TrimSpace(line)
		switch {
		case trim == "", strings.HasPrefix(trim, "=== RUN"), strings.HasPrefix(trim, "--- FAIL"),
			trim == "FAIL", trim == "PASS", strings.HasPrefix(trim, "exit status"):
			continue
		}
		// go test indents a test's messages; re-indent them so that each
		// "file_test.go:NN:" line starts at the margin and its details
		// sit one level in.
		if testLine.MatchString(trim) {
			keep = append(keep, trim)
		} else {
			keep = append(keep, "    "+trim)
		}
	}
	msg := strings.Join(keep, "\n")
	if i := strings.Index(msg, "panic: TODO"); i >= 0 {
		todo := firstLine(msg[i+len("panic: "):])
		if j := strings.Index(todo, " [recovered"); j >= 0 {
			todo = todo[:j]
		}
		return "not implemented yet: " + todo
	}
	if i := strings.Index(msg, "no answer from the code under test: "); i >= 0 {
		return strings.TrimSuffix(firstLine(msg[i:]), " [recovered]")
	}
	if strings.Contains(msg, "out of memory") {
		return fmt.Sprintf("the test ran out of memory (limit %d GiB of address space)\n%s", memoryLimitKiB>>20, clip(msg, 2000))
	}
	if strings.Contains(msg, "unexpected call to os.Exit(0) during test") {
		return "the code called os.Exit during the test; it was stopped and counts as failed"
	}
	if msg == "" {
		msg = "the test process failed: " + err.Error()
	}
	return msg
}

// capture keeps the first `limit` bytes written to it and counts the rest;
// past `flood` bytes it calls onFlood once.
type capture struct {
	mu      sync.Mutex
	buf     []byte
	total   int64
	limit   int
	flood   int64
	onFlood func()
	flooded bool
}

func (c *capture) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if room := c.limit - len(c.buf); room > 0 {
		c.buf = append(c.buf, p[:min(room, len(p))]...)
	}
	c.total += int64(len(p))
	if c.flood > 0 && c.total > c.flood && !c.flooded {
		c.flooded = true
		c.onFlood()
	}
	return len(p), nil
}

func (c *capture) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := string(c.buf)
	if c.total > int64(len(c.buf)) {
		s += fmt.Sprintf("\n… (%d more bytes of output cut)", c.total-int64(len(c.buf)))
	}
	return s
}

var _ io.Writer = (*capture)(nil)

func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		return copyFile(path, target)
	})
}
