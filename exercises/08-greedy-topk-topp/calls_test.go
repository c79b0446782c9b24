package decoding_test

import (
	decoding "github.com/bitsandlogits/course/exercises/08-greedy-topk-topp"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	Greedy = judge.Func1("Greedy", decoding.Greedy)
	TopK   = judge.Func2("TopK", decoding.TopK)
	TopP   = judge.Func2("TopP", decoding.TopP)
)
