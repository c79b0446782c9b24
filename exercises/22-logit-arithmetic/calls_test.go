package logitarith_test

import (
	logitarith "github.com/bitsandlogits/course/exercises/22-logit-arithmetic"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	PMI         = judge.Func2("PMI", logitarith.PMI)
	Guide       = judge.Func3("Guide", logitarith.Guide)
	Plausible   = judge.Func2("Plausible", logitarith.Plausible)
	Contrastive = judge.Func3("Contrastive", logitarith.Contrastive)
)
