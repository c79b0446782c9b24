package beamsearch_test

import (
	beamsearch "github.com/bitsandlogits/course/exercises/20-beam-search"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	Normalized        = judge.Func3("Normalized", beamsearch.Normalized)
	Step              = judge.Func2("Step", beamsearch.Step)
	Search            = judge.Func1("Search", beamsearch.Search)
	RepeatedNGramRate = judge.Func2("RepeatedNGramRate", beamsearch.RepeatedNGramRate)
)
