package normalize_test

import (
	normalize "github.com/bitsandlogits/course/exercises/15-perplexity-across-tokenizers"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	WordPerplexity            = judge.Func2("WordPerplexity", normalize.WordPerplexity)
	ConvertPerplexity         = judge.Func3("ConvertPerplexity", normalize.ConvertPerplexity)
	BitsPerByteFromPerplexity = judge.Func3("BitsPerByteFromPerplexity", normalize.BitsPerByteFromPerplexity)
)
