package constrained_test

import (
	constrained "github.com/bitsandlogits/course/exercises/23-constrained-decoding"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	MaskedSoftmax = judge.Func2("MaskedSoftmax", constrained.MaskedSoftmax)
	Allowed       = judge.Func3("Allowed", constrained.Allowed)
	Satisfy       = judge.Func4("Satisfy", constrained.Satisfy)
	ExactNext     = judge.Func2("ExactNext", constrained.ExactNext)
)
