package grader

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bitsandlogits/course/internal/cli"
)

func newFS() *flag.FlagSet {
	fs := flag.NewFlagSet("grade", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func TestParseInterleaved(t *testing.T) {
	fs := newFS()
	j := fs.String("json", "", "")
	v := fs.Bool("v", false, "")
	pos, err := cli.Parse(fs, []string{"02", "--json", "r.json", "05-cross-entropy", "-v"})
	if err != nil || !slices.Equal(pos, []string{"02", "05-cross-entropy"}) || *j != "r.json" || !*v {
		t.Fatalf("got %v %q %v %v", pos, *j, *v, err)
	}
}

func TestInfoSelect(t *testing.T) {
	info, err := LoadInfo(filepath.Join(root, "exercises"))
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Exercises) < 14 {
		t.Errorf("%d exercises, want ≥ 14", len(info.Exercises))
	}
	n := 0
	for _, e := range info.Exercises {
		n += len(e.Tests)
	}
	if n < 40 {
		t.Errorf("%d graded tests, want ≥ 40", n)
	}
	got, err := info.Select([]string{"5", "02", "exercises/04-entropy/", "02-softmax"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range got {
		names = append(names, e.Name)
	}
	if !slices.Equal(names, []string{"02-softmax", "04-entropy", "05-cross-entropy"}) {
		t.Errorf("Select: %v", names)
	}
	if _, err := info.Select([]string{"99"}); err == nil {
		t.Error("Select(99) should fail")
	}
	for _, e := range info.Public().Exercises {
		for _, tt := range e.Tests {
			if tt.Hidden {
				t.Errorf("Public() kept hidden test %s/%s", e.Name, tt.Name)
			}
		}
	}
}

func sampleReport() Report {
	e := Exercise{Name: "02-softmax", Tests: []Test{{Name: "TestA", Points: 1}, {Name: "TestB", Points: 2, Hidden: true}}}
	return Report{Duration: time.Second, Results: []Result{
		{Student: "ada", ExerciseResult: ExerciseResult{Exercise: e, Tests: []TestResult{
			{Name: "TestA", Points: 1, MaxPoints: 1, Passed: true}, {Name: "TestB", MaxPoints: 2, Hidden: true, Output: "expected 1 <&> got 2"}}}},
		{Student: "bob", ExerciseResult: ExerciseResult{Exercise: e, Tests: []TestResult{
			{Name: "TestA", Points: 1, MaxPoints: 1, Passed: true}, {Name: "TestB", Points: 2, MaxPoints: 2, Passed: true, Hidden: true}}}},
	}}
}

func TestReports(t *testing.T) {
	r, dir := sampleReport(), t.TempDir()
	if p, m := r.Score(); p != 4 || m != 6 {
		t.Errorf("Score = %v/%v, want 4/6", p, m)
	}
	js := filepath.Join(dir, "r.json")
	if err := r.WriteGradescope(js, ""); err != nil {
		t.Fatal(err)
	}
	g := readResults(t, js)
	if g.Score != 4 || len(g.Tests) != 4 || g.Tests[1].Status != "failed" || g.Tests[1].Visibility != "after_published" || g.Tests[0].Status != "passed" {
		t.Errorf("gradescope: %+v", g)
	}
	xp := filepath.Join(dir, "r.xml")
	if err := r.WriteJUnit(xp); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(xp)
	var suites junitSuites
	if err := xml.Unmarshal(data, &suites); err != nil || suites.Tests != 4 || suites.Fails != 1 {
		t.Errorf("junit: %+v %v\n%s", suites, err, data)
	}
	var buf bytes.Buffer
	if err := r.WriteRoster(&buf, []Exercise{r.Results[0].Exercise}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil || !slices.Equal(rows[0], []string{"student", "02-softmax", "total"}) ||
		!slices.Equal(rows[1], []string{"ada", "1", "1"}) || !slices.Equal(rows[2], []string{"bob", "3", "3"}) {
		t.Errorf("roster: %v %v", rows, err)
	}
	var table strings.Builder
	r.WriteTable(&table)
	if !strings.Contains(table.String(), "ada/02-softmax") || !strings.Contains(table.String(), "total: 4/6") {
		t.Errorf("table:\n%s", table.String())
	}
}

func TestHandoutExcludesSolutionsHiddenTestsAndMutants(t *testing.T) {
	for rel, want := range map[string]bool{
		"solutions/02-softmax/softmax.go":                   false,
		"exercises/02-softmax/softmax_hidden_test.go":       false,
		"exercises/02-softmax/mutants/naive-exp/softmax.go": false,
		"exercises/tools/golden.py":                         false,
		".course-state.json":                                false,
		"exercises/02-softmax/softmax_test.go":              true,
		"exercises/02-softmax/calls_test.go":                true,
		"exercises/internal/judge/judge.go":                 true,
		"exercises/02-softmax/softmax.go":                   true,
		"lessons/02-softmax.md":                             true,
	} {
		if got := inHandout(rel); got != want {
			t.Errorf("inHandout(%s) = %v, want %v", rel, got, want)
		}
	}
}

// TestSubmissionsRoster grades two students' folders into a CSV: one with
// the solution, one with the untouched stub.
func TestSubmissionsRoster(t *testing.T) {
	t.Parallel()
	solution(t)
	class := t.TempDir()
	for student, src := range map[string]string{
		"ada": filepath.Join(root, "solutions", target, "entropy.go"),
		"bob": filepath.Join(root, "exercises", target, "entropy.go"),
	} {
		dir := filepath.Join(class, student, "exercises", target)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := copyFile(src, filepath.Join(dir, "entropy.go")); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "roster.csv")
	var stdout, stderr strings.Builder
	err := Grade(context.Background(), newFS(), []string{"--submissions", class, "--csv", out, target, "--tests", filepath.Join(root, "exercises")}, &stdout, &stderr)
	if err != nil {
		t.Errorf("grading a class: %v", err)
	}
	data, _ := os.ReadFile(out)
	full := num(exercise(t, target).MaxPoints())
	want := "student,04-entropy,total\nada," + full + "," + full + "\nbob,0,0\n"
	if string(data) != want {
		t.Errorf("roster:\n%s\nwant:\n%s", data, want)
	}
	// One table per student, each with its own total.
	for _, want := range []string{"== ada\n", "== bob\n", "total: " + full + "/" + full + " points", "total: 0/" + full + " points"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
		}
	}
}

func TestBadArgumentsAreUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		run  func(fs *flag.FlagSet, args []string) error
		args []string
	}{
		{"list", func(fs *flag.FlagSet, a []string) error { return List(fs, a, io.Discard) }, []string{"05"}},
		{"list", func(fs *flag.FlagSet, a []string) error { return List(fs, a, io.Discard) }, []string{"-v"}},
		{"watch", func(fs *flag.FlagSet, a []string) error {
			return Watch(context.Background(), fs, a, strings.NewReader(""), io.Discard)
		}, []string{"05"}},
		{"watch", func(fs *flag.FlagSet, a []string) error {
			return Watch(context.Background(), fs, a, strings.NewReader(""), io.Discard)
		}, []string{"--time-limit", "-1s"}},
		{"hint", func(fs *flag.FlagSet, a []string) error { return Hint(fs, a, io.Discard) }, []string{"02", "05"}},
		{"release", func(fs *flag.FlagSet, a []string) error { return Release(context.Background(), fs, a, io.Discard) }, []string{"a", "b"}},
		{"gradescope", func(fs *flag.FlagSet, a []string) error { return GradescopeBundle(fs, a, io.Discard) }, []string{"out.tar"}},
		{"grade", func(fs *flag.FlagSet, a []string) error {
			return Grade(context.Background(), fs, a, io.Discard, io.Discard)
		}, []string{"-j", "-1"}},
		{"grade", func(fs *flag.FlagSet, a []string) error {
			return Grade(context.Background(), fs, a, io.Discard, io.Discard)
		}, []string{"--csv", "r.csv"}},
		{"verify", func(fs *flag.FlagSet, a []string) error { return Verify(fs, a, io.Discard) }, []string{"-j", "-1"}},
	} {
		err := tc.run(newFS(), tc.args)
		if err == nil || (!errors.Is(err, ErrUsage) && !strings.Contains(err.Error(), "flag provided but not defined")) {
			t.Errorf("%s %v: err = %v, want a usage error", tc.name, tc.args, err)
		}
	}
}
