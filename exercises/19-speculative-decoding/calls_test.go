package speculative_test

import (
	speculative "github.com/bitsandlogits/course/exercises/19-speculative-decoding"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	AcceptProb     = judge.Func2("AcceptProb", speculative.AcceptProb)
	Residual       = judge.Func2("Residual", speculative.Residual)
	VerifyRound    = judge.Func4("VerifyRound", speculative.VerifyRound)
	ExpectedTokens = judge.Func1("ExpectedTokens", speculative.ExpectedTokens)
)
