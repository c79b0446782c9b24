package grader

import (
	"strings"
	"testing"
)

func TestSanitizeKeepsTabAndNewlineOnly(t *testing.T) {
	in := "ok\tline\n\rforged\x1b[2K\x1b]0;title\x07 \u009bc\x7f é ≤"
	if got, want := Sanitize(in), "ok\tline\nforged  é ≤"; got != want {
		t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
	}
}

func TestFirstFailureNeverNamesAHiddenTest(t *testing.T) {
	res := ExerciseResult{Tests: []TestResult{
		{Name: "TestVisible", Passed: true},
		{Name: "TestSecret", Hidden: true, Output: "secret_hidden_test.go:12: input [1 2 3]"},
	}}
	got := res.FirstFailure()
	if strings.Contains(got, "Secret") || strings.Contains(got, "hidden_test.go") || !strings.Contains(got, "hidden test failed") {
		t.Errorf("FirstFailure = %q", got)
	}
	var details strings.Builder
	Report{Results: []Result{{ExerciseResult: res}}}.WriteDetails(&details)
	if strings.Contains(details.String(), "Secret") || strings.Contains(details.String(), "[1 2 3]") {
		t.Errorf("WriteDetails shows the hidden test:\n%s", details.String())
	}
}
