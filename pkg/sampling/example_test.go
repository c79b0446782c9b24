package sampling_test

import (
	"fmt"
	"math"

	"github.com/bitsandlogits/course/pkg/probability"
	"github.com/bitsandlogits/course/pkg/sampling"
)

// show prints which tokens a filter kept and their renormalised probabilities.
func show(name string, filtered []float64) {
	fmt.Printf("%-9s", name)
	for i, p := range probability.Softmax(filtered) {
		if !math.IsInf(filtered[i], -1) {
			fmt.Printf(" %d:%.3f", i, p)
		}
	}
	fmt.Println()
}

func Example() {
	logits := []float64{2.0, 1.0, 0.1, -1.0, 0.5}
	show("all", logits)
	show("top-k 2", sampling.TopK(logits, 2))
	show("top-p .8", sampling.TopP(logits, 0.8))
	show("min-p .2", sampling.MinP(logits, 0.2))
	fmt.Println("greedy  ", sampling.Greedy(logits))
	// Output:
	// all       0:0.559 1:0.205 2:0.084 3:0.028 4:0.125
	// top-k 2   0:0.731 1:0.269
	// top-p .8  0:0.629 1:0.231 4:0.140
	// min-p .2  0:0.629 1:0.231 4:0.140
	// greedy   0
}

func ExampleSampler() {
	s, err := sampling.New(sampling.Config{Temperature: 0.8, TopP: 0.9, Seed: 1})
	if err != nil {
		panic(err)
	}
	logits := []float64{2.0, 1.0, 0.1, -1.0, 0.5}
	for range 10 {
		fmt.Print(s.Sample(logits), " ")
	}
	fmt.Println()
	// Output:
	// 0 0 0 1 0 0 1 1 1 0
}
