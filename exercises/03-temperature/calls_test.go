package temperature_test

import (
	temperature "github.com/bitsandlogits/course/exercises/03-temperature"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	SoftmaxTemperature = judge.Func2("SoftmaxTemperature", temperature.SoftmaxTemperature)
	TemperatureOnProbs = judge.Func2("TemperatureOnProbs", temperature.TemperatureOnProbs)
)
