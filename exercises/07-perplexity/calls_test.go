package perplexity_test

import (
	perplexity "github.com/bitsandlogits/course/exercises/07-perplexity"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	MeanNLL          = judge.Func1("MeanNLL", perplexity.MeanNLL)
	Perplexity       = judge.Func1("Perplexity", perplexity.Perplexity)
	CorpusPerplexity = judge.Func1("CorpusPerplexity", perplexity.CorpusPerplexity)
)
