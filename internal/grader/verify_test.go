package grader

import (
	"archive/zip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func write(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestVerifyFindsProblems builds a toy course whose defects verify must
// report: a test that passes on the stub, metadata that disagrees with the
// test files, a README without the hints, mismatched solution files.
func TestVerifyFindsProblems(t *testing.T) {
	t.Parallel()
	r := t.TempDir()
	write(t, filepath.Join(r, "exercises/go.mod"), "module github.com/bitsandlogits/course/exercises\n\ngo 1.26\n")
	write(t, filepath.Join(r, "exercises/info.json"), `{"format": 1, "exercises": [
  {"name": "01-toy", "order": 1, "tests": [{"name": "TestReal", "points": 1}, {"name": "TestVacuous", "points": 1}],
   "hints": ["nudge", "key idea", "near-solution"]},
  {"name": "02-broken", "order": 2, "tests": [{"name": "TestMissing", "points": 1}], "hints": ["only one"]}]}`)
	stub := "package toy\n\n// Double returns 2x.\nfunc Double(x int) int { panic(\"TODO: implement Double\") }\n"
	write(t, filepath.Join(r, "exercises/01-toy/toy.go"), stub)
	write(t, filepath.Join(r, "solutions/01-toy/toy.go"), "package toy\n\nfunc Double(x int) int { return 2 * x }\n")
	write(t, filepath.Join(r, "exercises/01-toy/toy_test.go"), `package toy_test

import (
	"testing"

	toy "github.com/bitsandlogits/course/exercises/01-toy"
)

func TestReal(t *testing.T) {
	if got := toy.Double(2); got != 4 {
		t.Errorf("Double(2) = %d", got)
	}
}

func TestVacuous(t *testing.T) {}
`)
	write(t, filepath.Join(r, "exercises/01-toy/README.md"), "# toy\n\nnudge\n\nkey   idea\n\nnear-solution\n")
	write(t, filepath.Join(r, "exercises/02-broken/broken.go"), "package broken\n")
	write(t, filepath.Join(r, "solutions/02-broken/other.go"), "package broken\n")
	write(t, filepath.Join(r, "exercises/02-broken/broken_test.go"), "package broken\n\nimport \"testing\"\n\nfunc TestUngraded(t *testing.T) {}\n")

	// A mutant the tests miss (it is the solution), and one they kill.
	write(t, filepath.Join(r, "exercises/01-toy/mutants/same/toy.go"), "// Mutant: the solution itself\n\npackage toy\n\nfunc Double(x int) int { return x + x }\n")
	write(t, filepath.Join(r, "exercises/01-toy/mutants/triple/toy.go"), "// Mutant: triples\n\npackage toy\n\nfunc Double(x int) int { return 3 * x }\n")
	// An exercise the learner has solved in place: no longer the stub.
	write(t, filepath.Join(r, "exercises/info.json"), `{"format": 1, "exercises": [
  {"name": "01-toy", "order": 1, "tests": [{"name": "TestReal", "points": 1}, {"name": "TestVacuous", "points": 1}],
   "hints": ["nudge", "key idea", "near-solution"]},
  {"name": "02-broken", "order": 2, "tests": [{"name": "TestMissing", "points": 1}], "hints": ["only one"]},
  {"name": "03-solved", "order": 3, "tests": [{"name": "TestReal", "points": 1}], "hints": ["nudge", "key idea", "near-solution"]}]}`)
	solved := "package toy\n\n// Double returns 2x.\nfunc Double(x int) int { return 2 * x }\n"
	write(t, filepath.Join(r, "exercises/03-solved/toy.go"), solved)
	write(t, filepath.Join(r, "solutions/03-solved/toy.go"), solved)
	write(t, filepath.Join(r, "exercises/03-solved/README.md"), "nudge key idea near-solution")
	test, _ := os.ReadFile(filepath.Join(r, "exercises/01-toy/toy_test.go"))
	write(t, filepath.Join(r, "exercises/03-solved/toy_test.go"), strings.ReplaceAll(strings.Split(string(test), "func TestVacuous")[0], "01-toy", "03-solved"))

	_, err := VerifyCourse(r, nil, 0)
	if err == nil {
		t.Fatal("verify passed a broken course")
	}
	for _, want := range []string{
		"01-toy/TestVacuous passes on the untouched stub: it asserts nothing",
		"02-broken: TestUngraded in broken_test.go is not in info.json",
		"02-broken: graded test TestMissing is in info.json but in no test file",
		"02-broken: needs 3 tiered hints",
		"02-broken: no README.md",
		"02-broken: solution files [other.go] differ from stub files [broken.go]",
		"01-toy: mutant mutants/same scores full marks: no test catches it",
		"03-solved: exercises/03-solved is no longer the stub",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("verify did not report %q; it said:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "TestReal") || strings.Contains(err.Error(), "01-toy: README") || strings.Contains(err.Error(), "triple") {
		t.Errorf("verify reported a sound test or README:\n%v", err)
	}
}

// TestGradescopeBundle writes the bundle, unpacks it as Gradescope would,
// and runs run_autograder on a submission that solves one exercise.
func TestGradescopeBundle(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the autograder binary")
	}
	solution(t)
	ag := t.TempDir()
	bundle := filepath.Join(ag, "autograder.zip")
	var out strings.Builder
	if err := GradescopeBundle(newFS(), []string{bundle}, &out); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(bundle)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "solutions") || strings.Contains(f.Name, "/mutants/") || strings.HasSuffix(f.Name, "README.md") && f.Name != "exercises/README.md" {
			t.Errorf("bundle contains %s", f.Name)
		}
		dst := filepath.Join(ag, "source", f.Name)
		os.MkdirAll(filepath.Dir(dst), 0o755)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if err := os.WriteFile(dst, data, f.Mode()); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"setup.sh", "run_autograder", "autograde", "exercises/info.json", "exercises/02-softmax/softmax_hidden_test.go", "exercises/04-entropy/entropy.go"} {
		if _, err := os.Stat(filepath.Join(ag, "source", name)); err != nil {
			t.Errorf("bundle lacks %s", name)
		}
	}
	setup, _ := os.ReadFile(filepath.Join(ag, "source", "setup.sh"))
	if m := regexp.MustCompile(`(?m)^GO_VERSION=(\S+)$`).FindSubmatch(setup); m == nil || !regexp.MustCompile(`^go1\.\d+(\.\d+)?$`).Match(m[1]) {
		t.Errorf("setup.sh: GO_VERSION is not a plain release: %q", m)
	}
	if !strings.Contains(string(setup), "bubblewrap") {
		t.Error("setup.sh does not install bubblewrap")
	}
	stub, _ := os.ReadFile(filepath.Join(ag, "source/exercises", target, "entropy.go"))
	if !strings.Contains(string(stub), "TODO") {
		t.Errorf("the bundle's %s/entropy.go is not the stub", target)
	}
	write(t, filepath.Join(ag, "submission/exercises", target, "entropy.go"), solution(t))
	if log, err := runAutograder(ag).CombinedOutput(); err != nil {
		t.Fatalf("run_autograder: %v\n%s", err, log)
	}
	g := readResults(t, filepath.Join(ag, "results/results.json"))
	if g.Score != exercise(t, target).MaxPoints() {
		t.Errorf("score %v, want %v (only %s solved)", g.Score, exercise(t, target).MaxPoints(), target)
	}
	// Files uploaded without their folders are placed by their stub's name.
	os.RemoveAll(filepath.Join(ag, "submission"))
	write(t, filepath.Join(ag, "submission", "entropy.go"), solution(t))
	if log, err := runAutograder(ag).CombinedOutput(); err != nil {
		t.Fatalf("run_autograder: %v\n%s", err, log)
	}
	if g := readResults(t, filepath.Join(ag, "results/results.json")); g.Score != exercise(t, target).MaxPoints() {
		t.Errorf("flat upload: score %v, want %v", g.Score, exercise(t, target).MaxPoints())
	}
	hidden := 0
	for _, tr := range g.Tests {
		if tr.Visibility == "after_published" {
			hidden++
		}
	}
	if hidden == 0 {
		t.Error("the bundle's results include no hidden tests")
	}
}

// runAutograder returns the command that runs the unpacked run_autograder.
func runAutograder(ag string) *exec.Cmd {
	cmd := exec.Command("bash", filepath.Join(ag, "source/run_autograder"))
	cmd.Env = append(os.Environ(), "AUTOGRADER_ROOT="+ag)
	return cmd
}
