package guidance_test

import (
	"fmt"
	"math"

	"github.com/bitsandlogits/course/pkg/guidance"
)

func logs(p ...float64) []float64 {
	out := make([]float64, len(p))
	for i, v := range p {
		out[i] = math.Log(v)
	}
	return out
}

func probs(l []float64) []float64 {
	out := make([]float64, len(l))
	for i, v := range l {
		out[i] = math.Round(math.Exp(v)*1e4) / 1e4
	}
	return out
}

func Example() {
	cond := logs(0.5, 0.25, 0.25)   // p(x | c)
	uncond := logs(0.25, 0.25, 0.5) // p(x)
	fmt.Printf("PMI (nats): %.4f\n", guidance.PMI(cond, uncond))
	for _, g := range []float64{-1, 0, 1, 3} {
		fmt.Printf("γ = %2v: %v\n", g, probs(guidance.CFG(cond, uncond, g)))
	}
	fmt.Println("contrastive, α = 0.6:", probs(guidance.Contrastive(cond, uncond, 0.6)))
	// Output:
	// PMI (nats): [0.6931 0.0000 -0.6931]
	// γ = -1: [0.25 0.25 0.5]
	// γ =  0: [0.5 0.25 0.25]
	// γ =  1: [0.7273 0.1818 0.0909]
	// γ =  3: [0.9343 0.0584 0.0073]
	// contrastive, α = 0.6: [1 0 0]
}
