package attention_test

import (
	attention "github.com/bitsandlogits/course/exercises/18-attention"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	ScaledScores    = judge.Func2("ScaledScores", attention.ScaledScores)
	MaskedSoftmax   = judge.Func2("MaskedSoftmax", attention.MaskedSoftmax)
	OnlineSteps     = judge.Func3("OnlineSteps", attention.OnlineSteps)
	OnlineAttention = judge.Func3("OnlineAttention", attention.OnlineAttention)
)
