package grader

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProgressAndHints drives list and hint on a copy of the metadata:
// hints advance one level per call, grades are remembered, and the next
// exercise is the first one not done.
func TestProgressAndHints(t *testing.T) {
	r := t.TempDir()
	write(t, filepath.Join(r, "exercises", InfoFile), string(must(os.ReadFile(filepath.Join(root, "exercises", InfoFile)))))
	write(t, filepath.Join(r, "go.mod"), "module github.com/bitsandlogits/course\n")
	t.Chdir(r)
	info, err := LoadInfo(filepath.Join(r, "exercises"))
	if err != nil {
		t.Fatal(err)
	}
	first, second := info.Exercises[0], info.Exercises[1]

	for level := 1; level <= 3; level++ {
		var out strings.Builder
		if err := Hint(newFS(), []string{second.Name[:2]}, &out); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), second.Hints[min(level, len(second.Hints))-1]) {
			t.Errorf("call %d: hint output lacks hint level %d:\n%s", level, level, out.String())
		}
	}
	var out strings.Builder
	if err := Hint(newFS(), []string{second.Name, "--level", "1"}, &out); err != nil || !strings.Contains(out.String(), second.Hints[0]) {
		t.Errorf("--level 1: %v\n%s", err, out.String())
	}
	if err := Hint(newFS(), []string{second.Name, "--level", "9"}, &out); err == nil {
		t.Error("--level 9 should be a usage error")
	}

	done := ExerciseResult{Exercise: first}
	for _, tt := range first.Tests {
		done.Tests = append(done.Tests, TestResult{Name: tt.Name, Points: tt.Points, MaxPoints: tt.Points, Passed: true})
	}
	if err := RecordProgress(r, Report{Results: []Result{{ExerciseResult: done}}}); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := List(newFS(), nil, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), fmt.Sprintf("1 of %d exercises done", len(info.Exercises))) || !strings.Contains(out.String(), "Next: exercises/"+second.Name) {
		t.Errorf("list after finishing %s:\n%s", first.Name, out.String())
	}
	state, err := LoadState(r)
	if err != nil || state.Hints[second.Name] != 3 {
		t.Errorf("state: %+v %v", state, err)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
