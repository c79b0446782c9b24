package errorsignal_test

import (
	errorsignal "github.com/bitsandlogits/course/exercises/16-entropy-error-signal"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	AUROC           = judge.Func2("AUROC", errorsignal.AUROC)
	AccuracyByBin   = judge.Func3R2("AccuracyByBin", errorsignal.AccuracyByBin)
	FlagAtThreshold = judge.Func3R2("FlagAtThreshold", errorsignal.FlagAtThreshold)
)
