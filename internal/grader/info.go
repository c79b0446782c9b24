// Package grader grades the course exercises: it builds each submission in
// a temporary module of its own, runs every graded test as a separate
// process with a time limit, and reports points per test.
//
// The grader treats submissions as hostile. Only the submission's non-test
// .go files are used; the tests, their helpers and the metadata always come
// from the grader's pristine copy. Imports are checked against an allow-list
// before anything runs, every test runs in its own process group that is
// killed at the time limit, output is capped, and a test passes only when
// its own process exits 0 — the text a test prints ("PASS", "ok", test2json
// events) is never trusted.
package grader

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// InfoFile is the metadata file at the root of the exercises folder.
const InfoFile = "info.json"

// DefaultTimeLimit bounds the test runs of one exercise when the metadata
// gives no time limit.
const DefaultTimeLimit = 60 * time.Second

// Info is the metadata of the whole exercise set (exercises/info.json),
// in the spirit of rustlings' info.toml.
type Info struct {
	Format    int        `json:"format"`
	Course    string     `json:"course"`
	Exercises []Exercise `json:"exercises"`
}

// Exercise is one exercise folder, exercises/NN-slug.
type Exercise struct {
	Name       string   `json:"name"`  // folder name, e.g. "02-softmax"
	Order      int      `json:"order"` // position in the course
	Title      string   `json:"title"`
	Lesson     string   `json:"lesson"` // lessons/NN-slug.md
	TimeLimitS float64  `json:"time_limit_s,omitempty"`
	Tests      []Test   `json:"tests"`
	Hints      []string `json:"hints"` // a nudge, the key idea, near-solution
}

// Test is one graded test function.
type Test struct {
	Name   string  `json:"name"`
	Points float64 `json:"points"`
	Hidden bool    `json:"hidden,omitempty"` // lives in *_hidden_test.go; not in the student handout
}

// TimeLimit returns the exercise's time limit for running its tests.
func (e Exercise) TimeLimit() time.Duration {
	if e.TimeLimitS <= 0 {
		return DefaultTimeLimit
	}
	return time.Duration(e.TimeLimitS * float64(time.Second))
}

// MaxPoints returns the sum of the points of every graded test.
func (e Exercise) MaxPoints() float64 {
	total := 0.0
	for _, t := range e.Tests {
		total += t.Points
	}
	return total
}

// LoadInfo reads and checks dir/info.json.
func LoadInfo(dir string) (*Info, error) {
	path := filepath.Join(dir, InfoFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("exercise metadata: %w", err)
	}
	var info Info
	if err := json.Unmarshal(data, &info); err != nil {
		return nil, fmt.Errorf("exercise metadata %s: %w", path, err)
	}
	if len(info.Exercises) == 0 {
		return nil, fmt.Errorf("exercise metadata %s: no exercises", path)
	}
	seen := map[string]bool{}
	for _, e := range info.Exercises {
		if e.Name == "" || strings.ContainsAny(e.Name, `/\`) || e.Name[0] == '.' || seen[e.Name] {
			return nil, fmt.Errorf("exercise metadata %s: bad or duplicate exercise name %q", path, e.Name)
		}
		seen[e.Name] = true
		if len(e.Tests) == 0 {
			return nil, fmt.Errorf("exercise metadata %s: exercise %s has no graded tests", path, e.Name)
		}
	}
	slices.SortStableFunc(info.Exercises, func(a, b Exercise) int { return a.Order - b.Order })
	return &info, nil
}

// Select returns the exercises named by args, in course order; an argument
// matches an exercise by full name or by its number prefix ("2", "02" or
// "02-softmax"). No arguments selects every exercise.
func (info *Info) Select(args []string) ([]Exercise, error) {
	if len(args) == 0 {
		return info.Exercises, nil
	}
	var out []Exercise
	for _, a := range args {
		e, ok := info.Find(a)
		if !ok {
			return nil, fmt.Errorf("no exercise %q (run `course list`)", a)
		}
		if !slices.ContainsFunc(out, func(o Exercise) bool { return o.Name == e.Name }) {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b Exercise) int { return a.Order - b.Order })
	return out, nil
}

// Find looks an exercise up by name ("02-softmax"), slug ("softmax"),
// folder path or number ("2", "02").
func (info *Info) Find(arg string) (Exercise, bool) {
	arg = filepath.Base(strings.TrimRight(arg, `/\`))
	for _, e := range info.Exercises {
		slug := e.Name[strings.IndexByte(e.Name, '-')+1:]
		if e.Name == arg || slug == arg || fmt.Sprintf("%d", e.Order) == strings.TrimLeft(arg, "0") || fmt.Sprintf("%02d", e.Order) == arg {
			return e, true
		}
	}
	return Exercise{}, false
}
