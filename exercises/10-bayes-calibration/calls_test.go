package calibration_test

import (
	calibration "github.com/bitsandlogits/course/exercises/10-bayes-calibration"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	Posterior          = judge.Func2("Posterior", calibration.Posterior)
	ECE                = judge.Func3("ECE", calibration.ECE)
	FitTemperature     = judge.Func2("FitTemperature", calibration.FitTemperature)
	HeldOutCalibration = judge.Func3R2("HeldOutCalibration", calibration.HeldOutCalibration)
	DecisionThreshold  = judge.Func1("DecisionThreshold", calibration.DecisionThreshold)
	ShiftBaseRate      = judge.Func3("ShiftBaseRate", calibration.ShiftBaseRate)
)
