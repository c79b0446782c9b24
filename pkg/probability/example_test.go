package probability_test

import (
	"fmt"
	"math"

	"github.com/bitsandlogits/course/pkg/probability"
)

func ExampleSoftmaxTemperature() {
	logits := []float64{2.0, 1.0, 0.1, -1.0}
	for _, t := range []float64{0.5, 1, 2} {
		fmt.Printf("T=%.1f: %.3f\n", t, probability.SoftmaxTemperature(logits, t))
	}
	// Output:
	// T=0.5: [0.862 0.117 0.019 0.002]
	// T=1.0: [0.638 0.235 0.095 0.032]
	// T=2.0: [0.451 0.274 0.174 0.101]
}

func ExampleLogSumExp() {
	// exp(1000) overflows float64; the shifted form does not.
	fmt.Println(math.Exp(1000))
	fmt.Printf("%.6f\n", probability.LogSumExp([]float64{1000, 1000}))
	// Output:
	// +Inf
	// 1000.693147
}

func ExampleEntropy() {
	coin := []float64{0.5, 0.5}
	fmt.Printf("fair coin: %.4f nats = %g bit\n", probability.Entropy(coin), probability.Bits(probability.Entropy(coin)))
	fmt.Printf("biased coin (0.9): %.3f bits\n", probability.Bits(probability.Entropy([]float64{0.9, 0.1})))
	fmt.Printf("certain: %g\n", probability.Entropy([]float64{0, 1}))
	// Output:
	// fair coin: 0.6931 nats = 1 bit
	// biased coin (0.9): 0.469 bits
	// certain: 0
}

func ExampleCrossEntropyLoss() {
	// Logits whose softmax gives the correct token (index 0) probability p.
	for _, p := range []float64{0.9, 0.01} {
		logits := []float64{math.Log(p), math.Log(1 - p)}
		fmt.Printf("p(correct) = %.2f → loss %.3f nats\n", p, probability.CrossEntropyLoss(logits, 0))
	}
	// The source material's example, with the tensor written correctly.
	fmt.Printf("logits [2.5 0.5 -1.0], target 0 → loss %.4f\n", probability.CrossEntropyLoss([]float64{2.5, 0.5, -1.0}, 0))
	// Output:
	// p(correct) = 0.90 → loss 0.105 nats
	// p(correct) = 0.01 → loss 4.605 nats
	// logits [2.5 0.5 -1.0], target 0 → loss 0.1532
}

func ExampleKLDivergence() {
	p := []float64{0.8, 0.15, 0.05}
	q := []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}
	fmt.Printf("KL(P‖P) = %g\n", probability.KLDivergence(p, p))
	fmt.Printf("KL(P‖Q) = %.4f\n", probability.KLDivergence(p, q))
	fmt.Printf("KL(Q‖P) = %.4f\n", probability.KLDivergence(q, p))
	// Output:
	// KL(P‖P) = 0
	// KL(P‖Q) = 0.4857
	// KL(Q‖P) = 0.6067
}

func ExamplePerplexity() {
	// A model that is uniform over V tokens gives every token ln(1/V):
	// its perplexity is exactly the vocabulary size.
	const v = 100000
	logProbs := make([]float64, 12)
	for i := range logProbs {
		logProbs[i] = -math.Log(v)
	}
	fmt.Printf("%.0f\n", probability.Perplexity(logProbs))
	// Output:
	// 100000
}

func ExampleMutualInformation() {
	// X = a retrieved document's topic, Y = the answer's topic.
	joint := [][]float64{
		{0.40, 0.05, 0.05},
		{0.04, 0.30, 0.06},
		{0.01, 0.04, 0.05},
	}
	px, _ := probability.Marginals(joint)
	fmt.Printf("H(X) = %.3f bits, I(X;Y) = %.3f bits\n",
		probability.Bits(probability.Entropy(px)), probability.Bits(probability.MutualInformation(joint)))
	// Output:
	// H(X) = 1.361 bits, I(X;Y) = 0.453 bits
}

func ExamplePosterior() {
	// A hallucination detector flags 95% of hallucinations and 10% of good
	// answers; 5% of answers hallucinate. Given a flag:
	post := probability.Posterior([]float64{0.05, 0.95}, []float64{0.95, 0.10})
	fmt.Printf("P(hallucination | flag) = %.3f\n", post[0])
	// Output:
	// P(hallucination | flag) = 0.333
}

func ExampleDPOLoss() {
	// The policy raised the chosen answer's log-probability by 1 nat relative
	// to the reference and lowered the rejected one's by 1 nat: margin h = 2.
	fmt.Printf("%.4f\n", probability.DPOLoss(-9, -16, -10, -15, 0.1))
	fmt.Printf("%.4f\n", probability.DPOLoss(-10, -15, -10, -15, 0.1)) // h = 0: ln 2
	// Output:
	// 0.5981
	// 0.6931
}
