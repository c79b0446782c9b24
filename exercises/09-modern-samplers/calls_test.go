package samplers_test

import (
	"math/rand/v2"

	samplers "github.com/bitsandlogits/course/exercises/09-modern-samplers"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	MinP              = judge.Func2("MinP", samplers.MinP)
	RepetitionPenalty = judge.Func3("RepetitionPenalty", samplers.RepetitionPenalty)
	TemperatureMinP   = judge.Func3("TemperatureMinP", samplers.TemperatureMinP)
	// GumbelDraws makes n draws with one generator, rand.NewPCG(seed1, seed2):
	// a *rand.Rand cannot travel to the driver, and one call returning many
	// draws is cheaper than many calls.
	GumbelDraws = judge.Func4("GumbelDraws", func(logits []float64, n int, seed1, seed2 uint64) []int {
		rng := rand.New(rand.NewPCG(seed1, seed2))
		draws := make([]int, n)
		for i := range draws {
			draws[i] = samplers.GumbelMax(logits, rng)
		}
		return draws
	})
)
