package preference_test

import (
	preference "github.com/bitsandlogits/course/exercises/13-kl-estimators-dpo"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	K1             = judge.Func1("K1", preference.K1)
	K2             = judge.Func1("K2", preference.K2)
	K3             = judge.Func1("K3", preference.K3)
	K3LossGradient = judge.Func2("K3LossGradient", preference.K3LossGradient)
	DPOLoss        = judge.Func5("DPOLoss", preference.DPOLoss)
)
