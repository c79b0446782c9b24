package logprobs_test

import (
	"fmt"
	"math"

	"github.com/bitsandlogits/course/pkg/logprobs"
)

// An API reports the top 2 of 6 tokens: p = 0.5 and 0.2.
func ExampleFromTopK() {
	b, _ := logprobs.FromTopK([]float64{math.Log(0.5), math.Log(0.2)}, 6)
	fmt.Printf("tail %.2f, entropy in [%.4f, %.4f] nats\n", b.Tail.Lo, b.Entropy.Lo, b.Entropy.Hi)
	// Output: tail 0.30, entropy in [1.2206, 1.4455] nats
}

// The same report renormalised over the top 2: the tail is no longer known.
func ExampleFromRatios() {
	b, _ := logprobs.FromRatios([]float64{math.Log(5), math.Log(2)}, 6)
	fmt.Printf("tail in [%.4f, %.4f], entropy in [%.4f, %.4f] nats\n", b.Tail.Lo, b.Tail.Hi, b.Entropy.Lo, b.Entropy.Hi)
	// Output: tail in [0.0000, 0.5333], entropy in [0.5983, 1.7095] nats
}
