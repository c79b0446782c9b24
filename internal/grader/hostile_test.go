package grader

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The hostile-submission suite: each case is a submission of exercise
// 04-entropy that must be graded as failing, with a clear message, while
// the grader keeps going.

var root = func() string { r, _ := filepath.Abs("../.."); return r }()

const target = "04-entropy"

func exercise(t *testing.T, name string) Exercise {
	t.Helper()
	info, err := LoadInfo(filepath.Join(root, "exercises"))
	if err != nil {
		t.Fatal(err)
	}
	e, ok := info.Find(name)
	if !ok {
		t.Fatalf("no exercise %s", name)
	}
	return e
}

func solution(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "solutions", target, "entropy.go"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("no solutions/ (a student handout)")
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// submit writes files into a fresh submission folder and returns it.
func submit(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, target), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, target, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// replaceEntropy swaps the body of the solution's Entropy for body and adds imports.
func replaceEntropy(t *testing.T, imports []string, body string) string {
	t.Helper()
	src := solution(t)
	start := strings.Index(src, "func Entropy(p []float64) float64 {")
	end := strings.Index(src[start:], "\n}\n") + start
	src = src[:start] + "func Entropy(p []float64) float64 {\n" + body + src[end:]
	imp := ""
	for _, i := range imports {
		imp += fmt.Sprintf("import %q\n", i)
	}
	return strings.Replace(src, "import \"math\"\n", "import \"math\"\n"+imp, 1) + "\nvar _ = math.Pi\n"
}

func grade(t *testing.T, sub string, cfg Config) ExerciseResult {
	t.Helper()
	cfg.Tests = filepath.Join(root, "exercises")
	if cfg.TimeLimit == 0 {
		cfg.TimeLimit = 20 * time.Second
	}
	return GradeExercise(context.Background(), cfg, sub, exercise(t, target))
}

// expectFailed checks that every graded test (or at least the named ones)
// failed and that the message contains want.
func expectFailed(t *testing.T, res ExerciseResult, want string, tests ...string) {
	t.Helper()
	for _, r := range res.Tests {
		if len(tests) > 0 && !strings.Contains(strings.Join(tests, " "), r.Name) {
			continue
		}
		if r.Passed || r.Points != 0 {
			t.Errorf("%s passed (%v points); want failed. Output:\n%s", r.Name, r.Points, r.Output)
		}
		if !strings.Contains(r.Output, want) {
			t.Errorf("%s: message %q does not contain %q", r.Name, r.Output, want)
		}
	}
}

func TestSolutionScoresFullMarks(t *testing.T) {
	t.Parallel()
	res := grade(t, submit(t, map[string]string{"entropy.go": solution(t)}), Config{})
	if res.Points() != res.Exercise.MaxPoints() || res.Problem != "" {
		t.Fatalf("solution scored %v/%v: %s", res.Points(), res.Exercise.MaxPoints(), res.FirstFailure())
	}
}

func TestPanickingCodeFails(t *testing.T) {
	t.Parallel()
	res := grade(t, submit(t, map[string]string{"entropy.go": replaceEntropy(t, nil, `	panic("boom")`)}), Config{})
	expectFailed(t, res, "boom")
}

func TestInfiniteLoopHitsTimeLimit(t *testing.T) {
	t.Parallel()
	res := grade(t, submit(t, map[string]string{"entropy.go": replaceEntropy(t, nil, "\tfor {\n\t}")}), Config{TimeLimit: 2 * time.Second})
	expectFailed(t, res, "time limit exceeded")
}

func TestOsExitIsRefusedByAllowList(t *testing.T) {
	t.Parallel()
	res := grade(t, submit(t, map[string]string{"entropy.go": replaceEntropy(t, []string{"os"}, "\tos.Exit(0)\n\treturn 0")}), Config{})
	expectFailed(t, res, `import "os" is not allowed`)
}

// Without the allow-list, os.Exit(0) in the code under test still cannot
// pass: the driver exits before answering, and the checker fails every call
// it did not answer.
func TestOsExitFailsEvenWithoutAllowList(t *testing.T) {
	t.Parallel()
	res := grade(t, submit(t, map[string]string{"entropy.go": replaceEntropy(t, []string{"os"}, "\tos.Exit(0)\n\treturn 0")}), Config{AnyImport: true})
	expectFailed(t, res, "exited before answering")
}

func TestFakePassLinesEarnNothing(t *testing.T) {
	t.Parallel()
	body := `	fmt.Println("--- PASS: TestEntropyGolden (0.00s)")
	fmt.Println("\x16--- PASS: TestEntropyGolden (0.00s)")
	fmt.Println(` + "`" + `{"Action":"pass","Package":"x","Test":"TestEntropyGolden"}` + "`" + `)
	fmt.Println("PASS")
	fmt.Println("ok  \tgithub.com/bitsandlogits/course/exercises/04-entropy\t0.001s")
	return 42`
	res := grade(t, submit(t, map[string]string{"entropy.go": replaceEntropy(t, []string{"fmt"}, body)}), Config{})
	expectFailed(t, res, "expected", "TestEntropyGolden", "TestEntropyZeroLogZero", "TestEntropyBitsUniform", "TestBinaryEntropy")
}

func TestCompileErrorFails(t *testing.T) {
	t.Parallel()
	res := grade(t, submit(t, map[string]string{"entropy.go": replaceEntropy(t, nil, "\treturn undefinedThing +")}), Config{})
	expectFailed(t, res, "does not compile")
	if !strings.Contains(res.Problem, "entropy.go") {
		t.Errorf("the compile error should name the file: %q", res.Problem)
	}
	if first := res.FirstFailure(); !regexp.MustCompile(`^does not compile: 04-entropy/entropy\.go:\d+(:\d+)?: \S`).MatchString(first) {
		t.Errorf("the summary should lead with the first compiler error (file:line: message): %q", first)
	}
}

func TestEditedTestsAreIgnored(t *testing.T) {
	t.Parallel()
	stub, err := os.ReadFile(filepath.Join(root, "exercises", target, "entropy.go"))
	if err != nil {
		t.Fatal(err)
	}
	fake := "package entropy_test\n\nimport \"testing\"\n\n" +
		"func TestEntropyGolden(t *testing.T) {}\nfunc TestEntropyZeroLogZero(t *testing.T) {}\n" +
		"func TestEntropyBitsUniform(t *testing.T) {}\nfunc TestBinaryEntropy(t *testing.T) {}\n"
	res := grade(t, submit(t, map[string]string{"entropy.go": string(stub), "entropy_test.go": fake, "extra_test.go": fake}), Config{})
	expectFailed(t, res, "not implemented yet")
}

func TestDeletedTestsAreRestored(t *testing.T) {
	t.Parallel()
	// A submission without its test file is graded with the pristine tests:
	// the stub still fails them all.
	stub, err := os.ReadFile(filepath.Join(root, "exercises", target, "entropy.go"))
	if err != nil {
		t.Fatal(err)
	}
	res := grade(t, submit(t, map[string]string{"entropy.go": string(stub)}), Config{})
	expectFailed(t, res, "not implemented yet")
}

func TestForbiddenImportsAreRefused(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ imp, use string }{
		{"os/exec", `exec.Command("cat", "../../solutions/04-entropy/entropy.go").Run()`},
		{"net", `net.Dial("tcp", "127.0.0.1:1")`},
		{"syscall", `syscall.Exit(0)`},
		{"unsafe", `_ = unsafe.Sizeof(p)`},
		{"os", `os.ReadFile("../../solutions/04-entropy/entropy.go")`},
		{"io/ioutil", `ioutil.ReadFile("entropy_test.go")`},
		{"runtime", `runtime.Goexit()`},
	} {
		src := replaceEntropy(t, []string{c.imp}, "\t"+c.use+"\n\treturn 0")
		res := grade(t, submit(t, map[string]string{"entropy.go": src}), Config{})
		expectFailed(t, res, fmt.Sprintf("import %q is not allowed", c.imp))
		if !strings.Contains(res.Problem, "refused before running") {
			t.Errorf("import %s: problem %q should say it was refused before running", c.imp, res.Problem)
		}
	}
}

func TestSymlinkedSubmissionIsRefused(t *testing.T) {
	t.Parallel()
	sub := submit(t, nil)
	if err := os.Symlink(filepath.Join(root, "solutions", target, "entropy.go"), filepath.Join(sub, target, "entropy.go")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	expectFailed(t, grade(t, sub, Config{}), "symbolic link")
}

func TestStdoutFloodIsCut(t *testing.T) {
	t.Parallel()
	// An endless flood must be stopped at the output cap (the message says
	// so), long before the time limit.
	body := "\tfor {\n\t\tfmt.Print(strings.Repeat(\"x\", 1<<16))\n\t}"
	res := grade(t, submit(t, map[string]string{"entropy.go": replaceEntropy(t, []string{"fmt", "strings"}, body)}), Config{TimeLimit: 5 * time.Minute})
	expectFailed(t, res, "output flood")
	// A large but finite print before a correct answer passes, with its output capped.
	body = "\tfmt.Print(strings.Repeat(\"y\", 1<<18))\n" + strings.SplitN(strings.SplitN(solution(t), "func Entropy(p []float64) float64 {\n", 2)[1], "\n}\n", 2)[0]
	res = grade(t, submit(t, map[string]string{"entropy.go": replaceEntropy(t, []string{"fmt", "strings"}, body)}), Config{})
	if res.Points() != res.Exercise.MaxPoints() {
		t.Errorf("256 KiB of output per call before correct answers: %v/%v points: %s", res.Points(), res.Exercise.MaxPoints(), res.FirstFailure())
	}
	for _, r := range res.Tests {
		if len(r.Output) > keptOutput+200 {
			t.Errorf("%s kept %d bytes of output, cap is %d", r.Name, len(r.Output), keptOutput)
		}
	}
}

func TestMemoryBombFails(t *testing.T) {
	t.Parallel()
	body := "\tbig := make([]float64, 1<<30) // 8 GiB\n\tfor i := range big {\n\t\tbig[i] = 1\n\t}\n\treturn big[len(p)]"
	expectFailed(t, grade(t, submit(t, map[string]string{"entropy.go": replaceEntropy(t, nil, body)}), Config{}), "out of memory")
}

func TestMissingExerciseFolderFails(t *testing.T) {
	t.Parallel()
	expectFailed(t, grade(t, t.TempDir(), Config{}), "not found in the submission")
}

func TestSubmissionIsNeverModified(t *testing.T) {
	t.Parallel()
	sub := submit(t, map[string]string{"entropy.go": solution(t), "entropy_test.go": "package entropy_test\n"})
	before := treeHash(t, sub)
	grade(t, sub, Config{})
	if after := treeHash(t, sub); after != before {
		t.Fatal("grading modified the submission folder")
	}
}

func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fmt.Fprintln(h, path)
		if d.Type().IsRegular() {
			data, err := os.ReadFile(path)
			h.Write(data)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// The CLI always writes its JSON: for a broken submission, and even when
// the grader cannot start (no metadata).
func TestGradeAlwaysWritesJSON(t *testing.T) {
	t.Parallel()
	sub := submit(t, map[string]string{"entropy.go": "package entropy\n\nfunc broken( {\n"})
	out := filepath.Join(t.TempDir(), "results.json")
	var stdout, stderr strings.Builder
	err := Grade(context.Background(), newFS(), []string{target, "--json", out, "--tests", filepath.Join(root, "exercises"), "--dir", sub}, &stdout, &stderr)
	if err == nil {
		t.Fatal("a broken submission must not exit 0")
	}
	g := readResults(t, out)
	if g.Score != 0 || len(g.Tests) != len(exercise(t, target).Tests) {
		t.Fatalf("results.json: score %v with %d tests", g.Score, len(g.Tests))
	}
	for _, tr := range g.Tests {
		if tr.Status != "failed" || !strings.Contains(tr.Output, "does not compile") || tr.MaxScore <= 0 || tr.Visibility == "" {
			t.Errorf("test entry %+v", tr)
		}
	}

	out2 := filepath.Join(t.TempDir(), "results.json")
	err = Grade(context.Background(), newFS(), []string{"--json", out2, "--tests", t.TempDir(), "--dir", sub}, &stdout, &stderr)
	if err == nil {
		t.Fatal("missing metadata must be an error")
	}
	if g := readResults(t, out2); g.Score != 0 || !strings.Contains(g.Output, "could not grade") {
		t.Fatalf("results.json without metadata: %+v", g)
	}
}

func readResults(t *testing.T, path string) gradescope {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no results.json: %v", err)
	}
	var g gradescope
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatalf("results.json is not JSON: %v\n%s", err, data)
	}
	for _, key := range []string{`"score"`, `"execution_time"`, `"output"`, `"tests"`} {
		if !strings.Contains(string(data), key) {
			t.Errorf("results.json lacks %s", key)
		}
	}
	return g
}
