package langmodel_test

import (
	langmodel "github.com/bitsandlogits/course/exercises/14-language-model"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	BitsPerToken   = judge.Func1("BitsPerToken", langmodel.BitsPerToken)
	BitsPerByte    = judge.Func2("BitsPerByte", langmodel.BitsPerByte)
	RollingHistory = judge.Func2("RollingHistory", langmodel.RollingHistory)
)
