package crossentropy_test

import (
	crossentropy "github.com/bitsandlogits/course/exercises/05-cross-entropy"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	CrossEntropy = judge.Func2("CrossEntropy", crossentropy.CrossEntropy)
	Loss         = judge.Func2("Loss", crossentropy.Loss)
	Gradient     = judge.Func2("Gradient", crossentropy.Gradient)
)
