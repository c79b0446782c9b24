package grader

import (
	"strings"
	"testing"
)

const mutantSolution = `// Package toy is a test exercise.
package toy

import "math"

// Double returns 2x.
func Double(x float64) float64 { return 2 * x }

// Root returns √x.
func Root(x float64) float64 { return math.Sqrt(x) }

// Limit is the largest input.
const Limit = 10
`

// A mutant holds only what it changes: mergeMutant swaps those
// declarations into the solution (doc comments included), appends the new
// ones, takes the mutant's imports (never guessing math/rand/v2 against
// math/rand) and drops the ones no longer used.
func TestMergeMutant(t *testing.T) {
	mutant := `// Mutant: Root forgets the square root;
// Limit is off by one.

//go:build ignore

package toy

import "math/rand/v2"

// Root returns x.
func Root(x float64) float64 { return x + jitter() }

const Limit = 11

func jitter() float64 { return 0 * rand.Float64() }
`
	got, err := mergeMutant("toy.go", []byte(mutantSolution), []byte(mutant))
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	for _, want := range []string{
		"// Mutant: Root forgets the square root;\n// Limit is off by one.\n",
		"func Double(x float64) float64 { return 2 * x }",
		"// Root returns x.\nfunc Root(x float64) float64 { return x + jitter() }",
		"const Limit = 11",
		"func jitter() float64",
		`"math/rand/v2"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("merged file lacks %q:\n%s", want, s)
		}
	}
	for _, gone := range []string{"math.Sqrt", `"math"`, "Limit = 10", "go:build", "√x"} {
		if strings.Contains(s, gone) {
			t.Errorf("merged file still has %q:\n%s", gone, s)
		}
	}
	if _, err := mergeMutant("toy.go", []byte(mutantSolution), []byte("package toy\n")); err == nil {
		t.Error("a mutant without its // Mutant: line was accepted")
	}
}
