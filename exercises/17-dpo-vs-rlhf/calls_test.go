package rlhf_test

import (
	rlhf "github.com/bitsandlogits/course/exercises/17-dpo-vs-rlhf"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	OptimalPolicy = judge.Func3("OptimalPolicy", rlhf.OptimalPolicy)
	Objective     = judge.Func4("Objective", rlhf.Objective)
	OptimalValue  = judge.Func3("OptimalValue", rlhf.OptimalValue)
	DPOGradient   = judge.Func5("DPOGradient", rlhf.DPOGradient)
)
