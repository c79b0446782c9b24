package grader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
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
func (r ExerciseResult) FirstFailure() string {
	if r.Problem != "" {
		return firstLine(r.Problem)
	}
	for _, t := range r.Tests {
		if !t.Passed {
			return t.Name + ": " + firstLine(t.Output)
		}
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
	start := time.Now()
	res := ExerciseResult{Exercise: ex}
	fail := func(msg string) ExerciseResult {
		res.Problem = msg
		res.Tests = failedAll(ex, msg)
		res.Duration = time.Since(start)
		return res
	}
	files, err := submissionFiles(filepath.Join(submission, ex.Name))
	if err != nil {
		return fail(err.Error())
	}
	if !cfg.AnyImport {
		if err := checkImports(files); err != nil {
			return fail(err.Error())
		}
	}
	work, err := os.MkdirTemp("", "course-grade-")
	if err != nil {
		return fail("grader: " + err.Error())
	}
	defer os.RemoveAll(work)
	limit := ex.TimeLimit()
	if cfg.TimeLimit > 0 {
		limit = cfg.TimeLimit
	}
	var run func(ctx context.Context, t Test) TestResult
	if judged(cfg.Tests, ex) {
		if cfg.checkers == nil {
			c, err := newCheckerCache()
			if err != nil {
				return fail("grader: " + err.Error())
			}
			defer c.close()
			cfg.checkers = c
		}
		run, err = prepareJudged(ctx, cfg, work, ex, files, limit)
	} else {
		run, err = prepareLegacy(ctx, cfg, work, ex, files, limit)
	}
	if err != nil {
		return fail(err.Error())
	}
	runCtx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	res.Tests = make([]TestResult, len(ex.Tests))
	var wg sync.WaitGroup
	for i, t := range ex.Tests {
		wg.Go(func() { res.Tests[i] = run(runCtx, t) })
	}
	wg.Wait()
	res.Duration = time.Since(start)
	return res
}

// prepareJudged builds the checker (once per run) and the driver, and
// returns the function that runs one graded test.
func prepareJudged(ctx context.Context, cfg Config, work string, ex Exercise, files []string, limit time.Duration) (func(context.Context, Test) TestResult, error) {
	checker, msg := cfg.checkers.get(ctx, cfg, ex)
	if msg != "" {
		return nil, errors.New(msg)
	}
	if err := assembleDriver(work, cfg.Tests, ex, files); err != nil {
		return nil, errors.New("grader: " + err.Error())
	}
	driver := filepath.Join(work, "driver.test")
	if msg := build(ctx, cfg, work, ex.Name, driver); msg != "" {
		return nil, errors.New(msg)
	}
	scratch := filepath.Join(work, ex.Name)
	return func(ctx context.Context, t Test) TestResult {
		return runJudged(ctx, cfg, checker, driver, scratch, t, limit)
	}, nil
}

// prepareLegacy builds one test binary from the learner's files and the
// pristine tests, for exercises not yet converted to the protocol: a test
// passes when its process exits 0.
func prepareLegacy(ctx context.Context, cfg Config, work string, ex Exercise, files []string, limit time.Duration) (func(context.Context, Test) TestResult, error) {
	if err := assemble(work, cfg.Tests, ex, files); err != nil {
		return nil, errors.New("grader: " + err.Error())
	}
	bin := filepath.Join(work, "exercise.test")
	if msg := build(ctx, cfg, work, ex.Name, bin); msg != "" {
		return nil, errors.New(msg)
	}
	return func(ctx context.Context, t Test) TestResult {
		return runTest(ctx, bin, filepath.Join(work, ex.Name), t, limit)
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
func assemble(work, tests string, ex Exercise, files []string) error {
	if err := module(work, tests); err != nil {
		return err
	}
	dst := filepath.Join(work, ex.Name)
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := copyFile(f, filepath.Join(dst, filepath.Base(f))); err != nil {
			return err
		}
	}
	return copyTests(filepath.Join(tests, ex.Name), dst, ex, "*_test.go")
}

var testFunc = regexp.MustCompile(`(?m)^func (Test\w*)\(t \*testing\.T\)`)

// build compiles the exercise's test binary; it returns a message for the
// student when the code does not compile.
func build(ctx context.Context, cfg Config, work, pkg, bin string) string {
	ctx, cancel := context.WithTimeout(ctx, BuildTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "test", "-c", "-vet=off", "-trimpath", "-ldflags=-s -w", "-o", bin, "./"+pkg)
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local", "CGO_ENABLED=0")
	out := &capture{limit: keptOutput}
	cmd.Stdout, cmd.Stderr = out, out
	killGroup(cmd)
	if err := cmd.Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return "grader: the go command is not installed or not on PATH"
		}
		if ctx.Err() != nil {
			return fmt.Sprintf("does not compile within %v", BuildTimeout)
		}
		msg := strings.ReplaceAll(out.String(), work+string(filepath.Separator), "")
		return "does not compile:\n" + strings.TrimSpace(msg)
	}
	return ""
}

// runTest runs one graded test in its own process. Only the exit status
// decides: printed "PASS" or "ok" lines prove nothing.
func runTest(ctx context.Context, bin, dir string, t Test, limit time.Duration) TestResult {
	res := TestResult{Name: t.Name, MaxPoints: t.Points, Hidden: t.Hidden}
	ctx, flood := context.WithCancelCause(ctx)
	defer flood(nil)
	// -test.paniconexit0 turns os.Exit(0) during a test into a panic; go
	// test passes it too, but we run the binary ourselves.
	args := []string{"-test.run", "^" + t.Name + "$", "-test.paniconexit0", "-test.count=1", "-test.v", "-test.timeout", "0"}
	cmd := exec.CommandContext(ctx, bin, args...)
	if sh, err := exec.LookPath("sh"); err == nil {
		limit := fmt.Sprintf(`ulimit -v %d 2>/dev/null; exec "$0" "$@"`, memoryLimitKiB)
		cmd = exec.CommandContext(ctx, sh, append([]string{"-c", limit, bin}, args...)...)
	}
	cmd.Dir = dir
	cmd.Env = []string{"HOME=" + dir, "TMPDIR=" + dir, "GOTRACEBACK=single"}
	out := &capture{limit: keptOutput, flood: floodLimit, onFlood: func() { flood(errFlood) }}
	cmd.Stdout, cmd.Stderr = out, out
	killGroup(cmd)
	err := cmd.Run()
	switch {
	case errors.Is(context.Cause(ctx), errFlood):
		res.Output = fmt.Sprintf("stopped: the test printed more than %d MiB (output flood)", floodLimit>>20)
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		res.Output = fmt.Sprintf("time limit exceeded: the exercise's tests must finish within %v (an infinite loop?)", limit)
	case ctx.Err() != nil:
		res.Output = "grading was cancelled"
	case err == nil:
		res.Passed, res.Points = true, t.Points
		res.Output = out.String()
	default:
		res.Output = explain(out.String(), err)
	}
	return res
}

var errFlood = errors.New("output flood")

// driverCmd returns the command that runs a driver binary in dir, under
// the memory limit.
func driverCmd(ctx context.Context, cfg Config, bin, dir string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, bin)
	if sh, err := exec.LookPath("sh"); err == nil {
		limit := fmt.Sprintf(`ulimit -v %d 2>/dev/null; exec "$0" "$@"`, memoryLimitKiB)
		cmd = exec.CommandContext(ctx, sh, "-c", limit, bin)
	}
	cmd.Dir = dir
	cmd.Env = []string{"HOME=" + dir, "TMPDIR=" + dir, "GOTRACEBACK=single", judgeEnv + "=driver"}
	return cmd
}

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

// killGroup makes cmd run in its own process group and kills the whole
// group when the context ends, so children cannot outlive the time limit.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 2 * time.Second
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
