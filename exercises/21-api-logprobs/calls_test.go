package logprobs_test

import (
	logprobs "github.com/bitsandlogits/course/exercises/21-api-logprobs"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	TailMass               = judge.Func1("TailMass", logprobs.TailMass)
	EntropyBoundsBits      = judge.Func2("EntropyBoundsBits", logprobs.EntropyBoundsBits)
	RenormalisedBoundsBits = judge.Func2("RenormalisedBoundsBits", logprobs.RenormalisedBoundsBits)
)
