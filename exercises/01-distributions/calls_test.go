package distributions_test

import (
	distributions "github.com/bitsandlogits/course/exercises/01-distributions"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	Normalize = judge.Func1("Normalize", distributions.Normalize)
	Sample    = judge.Func2("Sample", distributions.Sample)
	SampleN   = judge.Func3("SampleN", distributions.SampleN)
)
