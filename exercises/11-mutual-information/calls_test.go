package mutualinfo_test

import (
	mutualinfo "github.com/bitsandlogits/course/exercises/11-mutual-information"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	Marginals         = judge.Func1R2("Marginals", mutualinfo.Marginals)
	MutualInformation = judge.Func1("MutualInformation", mutualinfo.MutualInformation)
)
