package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

// course is the binary under test, built once by TestMain.
var course string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "course-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	course = filepath.Join(dir, "course")
	if out, err := exec.Command("go", "build", "-o", course, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building course: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is one run of the binary.
type result struct {
	code           int
	stdout, stderr string
}

// run runs course with args in dir, stdin as given, and an environment
// with extra variables.
func run(t *testing.T, dir, stdin string, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, course, args...)
	cmd.Dir, cmd.Env = dir, append(os.Environ(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("course %q: %v", args, err)
	}
	return result{code, stdout.String(), stderr.String()}
}

// fakeCourse makes a minimal checkout in a temporary folder: the course's
// go.mod line, a copy of exercises/, committed to git. Commands find it as
// their root; nothing in the real checkout is touched.
func fakeCourse(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module github.com/bitsandlogits/course\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(root, "exercises"), os.DirFS("../../exercises")); err != nil {
		t.Fatal(err)
	}
	git(t, root, "init", "-q")
	git(t, root, "add", ".")
	git(t, root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "course")
	return root
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// subcommands is the command table's order, as `course help` lists it.
var subcommands = []string{"setup", "doctor", "run", "lab", "grade", "verify", "list", "hint", "watch",
	"release", "gradescope", "bench", "lm"}

// Every subcommand: -h prints its usage line (no trailing blank) and exits
// 0; an unknown flag exits 2; help lists them in table order.
func TestEverySubcommandHelpAndBadFlag(t *testing.T) {
	h := run(t, ".", "", nil, "help")
	if h.code != 0 {
		t.Fatalf("course help: exit %d", h.code)
	}
	for _, line := range strings.Split(h.stdout, "\n") {
		if n := utf8.RuneCountInString(line); n > 80 {
			t.Errorf("course help line of %d columns: %q", n, line)
		}
	}
	last := -1
	for _, name := range subcommands {
		i := strings.Index(h.stdout, "\n  "+name+" ")
		if i < last {
			t.Errorf("course help lists %s out of table order", name)
		}
		last = i
		r := run(t, ".", "", nil, name, "-h")
		first, _, _ := strings.Cut(r.stderr, "\n")
		if r.code != 0 || !strings.HasPrefix(first, "usage: course "+name) || first != strings.TrimSpace(first) {
			t.Errorf("course %s -h: exit %d, first line %q", name, r.code, first)
		}
		if name == "lab" {
			continue // lab passes its flags to Jupyter
		}
		if r := run(t, ".", "", nil, name, "--no-such-flag"); r.code != 2 {
			t.Errorf("course %s --no-such-flag: exit %d, want 2\n%s", name, r.code, r.stderr)
		}
	}
	if r := run(t, ".", "", nil, "help", "grade"); r.code != 0 || !strings.HasPrefix(r.stderr, "usage: course grade [EXERCISE…]") {
		t.Errorf("course help grade: exit %d\n%s", r.code, r.stderr)
	}
}

// The bad-argument paths: each exits 2 before any work, with a message in
// the user's words (flags, not Go field names), and writes nothing.
func TestBadArguments(t *testing.T) {
	root := fakeCourse(t)
	outside := t.TempDir()
	file := filepath.Join(outside, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	for _, tc := range []struct {
		args []string
		want string // in stderr
	}{
		{nil, "usage: course <subcommand>"},                       // row 14
		{[]string{"nosuch"}, `unknown subcommand "nosuch"`},       //
		{[]string{"help", "grade", "x"}, "name one subcommand"},   //
		{[]string{"release"}, "name one output folder"},           // row 1
		{[]string{"release", ""}, "name one output folder"},       // row 1
		{[]string{"release", " "}, "name one output folder"},      // row 1
		{[]string{"release", "a", "b"}, "name one output folder"}, //
		{[]string{"release", "handout"}, "inside the checkout"},   // row 3
		{[]string{"release", "exercises/02-softmax"}, "inside the checkout"},
		{[]string{"gradescope"}, "name one output OUT.zip"},
		{[]string{"gradescope", "out.tar"}, "must end in .zip"},
		{[]string{"setup", "extra"}, `unexpected argument "extra"`},
		{[]string{"doctor", "extra"}, `unexpected argument "extra"`},
		{[]string{"run", "--timeout", "1ms"}, "--timeout 1ms: want 1s to 24h0m0s"}, // row 8
		{[]string{"run", "--timeout", "-1s"}, "--timeout -1s: want 1s to 24h0m0s"}, // row 8
		{[]string{"run", "99"}, "99"},
		{[]string{"grade", "99"}, "99"},
		{[]string{"grade", "../etc"}, "../etc"},
		{[]string{"grade", "-j", "0"}, "-j 0: want 1 to 64"},
		{[]string{"grade", "-j", "100000"}, "-j 100000: want 1 to 64"},
		{[]string{"grade", "--time-limit", "1ms"}, "--time-limit 1ms: want 1s to 1h0m0s"},
		{[]string{"grade", "--csv", "r.csv"}, "--csv needs --submissions"},
		{[]string{"grade", "--submissions", outside, "--dir", outside}, "--dir and --submissions"},             // row 10
		{[]string{"grade", "--submissions", outside, "--json", "r.json"}, "--json writes one student's"},       // row 10
		{[]string{"grade", "--json", filepath.Join(outside, "no", "r.json")}, "does not exist"},                // row 11
		{[]string{"grade", "--junit", outside}, "is a folder"},                                                 // row 11
		{[]string{"grade", "--submissions", outside, "--csv", filepath.Join(outside, "no", "r.csv")}, "exist"}, // row 11
		{[]string{"grade", "--tests", file}, "--tests " + file + ": not a folder"},                             // row 14
		{[]string{"grade", "--dir", file}, "not a folder"},
		{[]string{"verify", "-j", "-1"}, "-j"},
		{[]string{"list", "05"}, `unexpected argument "05"`},
		{[]string{"hint"}, "name one exercise"},
		{[]string{"hint", "02", "--level", "0"}, "--level 0: want 1 to 3"}, // row 14
		{[]string{"hint", "02", "--level", "4"}, "--level 4: want 1 to 3"},
		{[]string{"hint", "99"}, `no exercise "99"`},
		{[]string{"watch", "05"}, `unexpected argument "05"`},
		{[]string{"watch", "--time-limit", "-1s"}, "--time-limit -1s"},
		{[]string{"lm"}, "name train, eval, generate"},
		{[]string{"lm", "bogus"}, `unknown lm subcommand "bogus"`},
		{[]string{"lm", "train", "--model", "x"}, `unknown --model "x"`},
		{[]string{"lm", "train", "--tokenizer", "x"}, `unknown tokenizer "x"`},
		{[]string{"lm", "train", "--order", "-1"}, "--order -1: want 1 to 10"},
		{[]string{"lm", "train", "--order", "99"}, "--order 99: want 1 to 10"}, // row 4
		{[]string{"lm", "train", "--model", "neural", "--tokenizer", "chars"}, "byte-level"},
		{[]string{"lm", "train", "--model", "neural", "--batch", "0"}, "--batch 0"},
		{[]string{"lm", "train", "--model", "neural", "--context", "-1"}, "--context -1"},
		{[]string{"lm", "train", "--model", "neural", "--max-time", "0s"}, "--max-time 0s"},
		{[]string{"lm", "train", "--model", "neural", "--lr", "2"}, "--lr 2"},
		{[]string{"lm", "train", "--model", "neural", "--batch", "1000000", "--hidden", "100000"}, "would need about"}, // row 4
		{[]string{"lm", "train", "--model", "transformer", "--heads", "3"}, "--heads 3"},
		{[]string{"lm", "train", "--model", "transformer", "--layers", "0"}, "--layers 0"},
		{[]string{"lm", "train", "--model", "transformer", "--tokenizer", "r50k"}, "transformer model is byte-level"},
		{[]string{"lm", "train", "extra"}, `unexpected argument "extra"`},
		{[]string{"lm", "generate"}, "--prompt is required"},
		{[]string{"lm", "generate", "--prompt", "a", "--tokens", "0"}, "--tokens 0: want 1 to 1000000"},
		{[]string{"lm", "generate", "--prompt", "a", "--tokens", "9223372036854775807"}, "want 1 to 1000000 (the history alone would take 64 EiB)"}, // row 4
		{[]string{"lm", "generate", "--prompt", "a", "--tokens", "100000000"}, "want 1 to 1000000"},                                                 // row 7
		{[]string{"lm", "generate", "--prompt", "a", "--model", "x"}, `unknown model "x"`},
		{[]string{"lm", "generate", "--prompt", "a", "--model", "neural", "--tokenizer", "r50k"}, "byte-level"},
		{[]string{"lm", "generate", "--prompt", "a", "--top-p", "2"}, "--top-p 2: want 0 to 1"}, // row 14
		{[]string{"lm", "generate", "--prompt", "a", "--temperature", "-1"}, "--temperature -1"},
		{[]string{"lm", "generate", "--prompt", "a", "--min-p", "NaN"}, "--min-p NaN"},
		{[]string{"lm", "generate", "--prompt", "a", "--top-k", "-3"}, "--top-k -3"},
		{[]string{"lm", "eval", "--model", "x"}, `unknown model "x"`},
		{[]string{"lm", "eval", "--tokenizer", "x"}, `unknown tokenizer "x"`},
		{[]string{"lm", "eval", "--model", "neural", "--tokenizer", "chars"}, "byte-level"}, // row 9
		{[]string{"lm", "eval", "--model", "uniform", "--tokenizer", "bytes", "--text", "x"}, `--text "x"`},
		{[]string{"bench", "--batch", "0"}, "--batch"},
	} {
		r := run(t, root, "", nil, tc.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) || strings.Contains(r.stderr, "panic") {
			t.Errorf("course %q: exit %d, want 2 and %q in stderr:\n%s", tc.args, r.code, tc.want, r.stderr)
		}
		for _, field := range []string{"TopP", "MinP", "TopK", "Temperature ="} {
			if strings.Contains(r.stderr, field) {
				t.Errorf("course %q names the Go field %s:\n%s", tc.args, field, r.stderr)
			}
		}
	}
	// No bad argument wrote anything: the checkout is as committed, with
	// no state file, and the outside folder holds only its file.
	cmd := exec.Command("git", "status", "--porcelain", "--ignored")
	cmd.Dir = root
	if out, err := cmd.Output(); err != nil || len(out) > 0 {
		t.Errorf("bad arguments changed the checkout: %v\n%s", err, out)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 1 {
		t.Errorf("bad arguments wrote into %s: %d entries", outside, len(entries))
	}
}

// Row 3: a release refuses edited exercises unless --modified, leaves out
// mutants/ and the hidden tests, and never touches the checkout.
func TestReleaseGuards(t *testing.T) {
	root := fakeCourse(t)
	stub := filepath.Join(root, "exercises", "02-softmax", "softmax.go")
	mutant := filepath.Join(root, "exercises", "02-softmax", "mutants", "m1", "softmax.go")
	os.MkdirAll(filepath.Dir(mutant), 0o755)
	os.WriteFile(mutant, []byte("package softmax\n"), 0o644)
	git(t, root, "add", ".")
	git(t, root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "mutant")
	os.WriteFile(stub, []byte("package softmax // solved\n"), 0o644)

	out := filepath.Join(t.TempDir(), "handout")
	r := run(t, root, "", nil, "release", out)
	if r.code != 1 || !strings.Contains(r.stderr, "exercises/02-softmax/softmax.go") || !strings.Contains(r.stderr, "--modified") {
		t.Errorf("release with an edited stub: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a refused release left %s", out)
	}
	r = run(t, root, "", nil, "release", out, "--modified")
	if r.code != 0 || !strings.Contains(r.stdout, "warning: --modified") {
		t.Fatalf("release --modified: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "exercises", "02-softmax", "mutants")); err == nil {
		t.Error("the handout has exercises/02-softmax/mutants/")
	}
	if hidden, _ := filepath.Glob(filepath.Join(out, "exercises", "*", "*_hidden_test.go")); len(hidden) > 0 {
		t.Errorf("the handout has hidden tests: %v", hidden)
	}
	info, _ := os.ReadFile(filepath.Join(out, "exercises", "info.json"))
	if bytes.Contains(info, []byte(`"hidden"`)) {
		t.Error("the handout's info.json lists hidden tests")
	}
	if r := run(t, root, "", nil, "release", out, "--modified"); r.code != 1 || !strings.Contains(r.stderr, "not empty") {
		t.Errorf("release into a full folder: exit %d\n%s", r.code, r.stderr)
	}
	if got, _ := os.ReadFile(stub); string(got) != "package softmax // solved\n" {
		t.Errorf("release changed the learner's file: %q", got)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".release-*")); len(leftovers) > 0 {
		t.Errorf("temporary folders left: %v", leftovers)
	}
}

// Row 12: list fits 80 columns; row 14: hint levels count from 1 and -- ends
// the flags.
func TestListAndHint(t *testing.T) {
	root := fakeCourse(t)
	r := run(t, root, "", nil, "list")
	if r.code != 0 {
		t.Fatalf("list: exit %d\n%s", r.code, r.stderr)
	}
	for _, line := range strings.Split(r.stdout, "\n") {
		if n := utf8.RuneCountInString(line); n > 80 {
			t.Errorf("list line of %d columns: %q", n, line)
		}
	}
	if !strings.Contains(r.stdout, "Next: exercises/01-") {
		t.Errorf("list names no next exercise:\n%s", r.stdout)
	}
	r = run(t, root, "", nil, "hint", "--level", "2", "--", "02")
	if r.code != 0 || !strings.Contains(r.stdout, "hint 2 of 3") {
		t.Errorf("hint --level 2 -- 02: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// Rows 2 and 12 and the general rule: Ctrl-C during a grade exits 130,
// records nothing and leaves no temporary folder; watch stamps each run and
// shows a compile error once.
func TestGradeInterruptedAndWatch(t *testing.T) {
	root := fakeCourse(t)
	tmp := t.TempDir()
	// The sandbox's boxes live under TMPDIR and must be reachable by their
	// uids: t.TempDir's folders are private.
	for _, d := range []string{filepath.Dir(tmp), tmp} {
		if err := os.Chmod(d, 0o711); err != nil {
			t.Fatal(err)
		}
	}
	env := []string{"TMPDIR=" + tmp}
	// Exercise 02's package init never returns (its driver hangs until the
	// time limit), so the grade is still running when the signal comes,
	// however fast the machine.
	softmax := filepath.Join(root, "exercises", "02-softmax", "softmax.go")
	stub, err := os.ReadFile(softmax)
	if err != nil {
		t.Fatal(err)
	}
	hang, err := os.ReadFile("../../testdata/hostile/init-hangs/02-softmax/softmax.go")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(softmax, hang, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(course, "grade", "-j", "2")
	cmd.Dir, cmd.Env = root, append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Interrupt while a build runs: a go-build folder exists in the grade's
	// GOTMPDIR (unsandboxed) or a box exists (sandboxed).
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		b, _ := filepath.Glob(filepath.Join(tmp, "course-gotmp-*", "go-build*"))
		boxes, _ := filepath.Glob(filepath.Join(tmp, "course-sandbox-*", "box-*"))
		if len(b)+len(boxes) > 0 {
			break
		}
	}
	cmd.Process.Signal(syscall.SIGINT)
	err = cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 130 || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("grade after SIGINT: %v, want exit 130 and \"interrupted\"\n%s", err, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(root, ".course-state.json")); err == nil {
		t.Error("an interrupted grade saved progress")
	}
	if left := leftBehind(tmp); len(left) > 0 {
		t.Errorf("an interrupted grade left %v", left)
	}

	if err := os.WriteFile(softmax, stub, 0o644); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(root, "exercises", "01-distributions", "broken.go")
	os.WriteFile(broken, []byte("package distributions\n\nfunc broken( {\n"), 0o644)
	r := run(t, root, "q\n", env, "watch")
	if r.code != 0 || !strings.Contains(r.stdout, "── ") || !strings.Contains(r.stdout, "01-distributions") {
		t.Fatalf("watch: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The table's row gives the first failure; the details below it give
	// the compile error once for all the tests it fails, not once per test.
	_, details, _ := strings.Cut(r.stdout, "\n--- ")
	if n := strings.Count(details, "found '{'"); n != 1 {
		t.Errorf("watch's details show the compile error %d times, want once:\n%s", n, r.stdout)
	}

	// Ctrl-C while watch waits for a save: exit 130, nothing left behind.
	watch := exec.Command(course, "watch")
	watch.Dir, watch.Env = root, append(os.Environ(), env...)
	stdin, _ := watch.StdinPipe()
	defer stdin.Close()
	var out syncBuffer
	watch.Stdout, watch.Stderr = &out, &out
	if err := watch.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline) && !strings.Contains(out.String(), "total:"); {
		time.Sleep(20 * time.Millisecond)
	}
	watch.Process.Signal(syscall.SIGINT)
	if err := watch.Wait(); err == nil || err.(*exec.ExitError).ExitCode() != 130 {
		t.Errorf("watch after SIGINT: %v, want exit 130\n%s", err, out.String())
	}
	if left := leftBehind(tmp); len(left) > 0 {
		t.Errorf("watch left %v", left)
	}
}

// leftBehind lists what a command left in tmp: anything but the sandbox's
// base folder (which keeps the warm build cache between runs on purpose),
// and any box inside it.
func leftBehind(tmp string) []string {
	var left []string
	all, _ := filepath.Glob(filepath.Join(tmp, "*"))
	for _, p := range all {
		if !strings.HasPrefix(filepath.Base(p), "course-sandbox-") {
			left = append(left, p)
		}
	}
	boxes, _ := filepath.Glob(filepath.Join(tmp, "course-sandbox-*", "box-*"))
	return append(left, boxes...)
}

// syncBuffer is a bytes.Buffer safe for a process's writes and a test's reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Rows 7 and 9 on a model that needs no training: generate streams the
// prompt and exactly the tokens asked for.
func TestGenerateUniform(t *testing.T) {
	r := run(t, ".", "", nil, "lm", "generate", "--prompt", "light", "--model", "uniform", "--tokens", "7", "--entropy")
	if r.code != 0 {
		t.Fatalf("generate: exit %d\n%s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2+7 || lines[0] != "light" {
		t.Errorf("generate --entropy printed %d lines, want prompt + header + 7:\n%s", len(lines), r.stdout)
	}
	if !strings.Contains(lines[2], "0.004") || !strings.Contains(lines[2], "8.00") { // uniform over 256 bytes: p = 1/256, 8 bits
		t.Errorf("first token line %q: want p 0.004 and entropy 8.00 bits", lines[2])
	}
}
