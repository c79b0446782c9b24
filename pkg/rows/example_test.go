package rows_test

import (
	"fmt"

	"github.com/bitsandlogits/course/pkg/rows"
)

// Two rows of a 4-token vocabulary, flat and row-major.
func Example() {
	logits := []float32{
		2, 1, 0, -1,
		0, 0, 0, 0,
	}
	const v = 4
	probs := make([]float32, len(logits))
	rows.Softmax(probs, logits, v, 1)
	fmt.Printf("%.3f\n", probs)

	h := make([]float32, 2)
	rows.Entropy(h, logits, v, 1)
	fmt.Printf("entropy %.4f nats (ln 4 = 1.3863)\n", h)

	loss := rows.CrossEntropyLoss(logits, v, []int{0, rows.IgnoreIndex}, rows.TorchDefaults)
	fmt.Printf("cross-entropy %.4f (row 1 ignored)\n", loss)

	nucleus := make([]float32, len(logits))
	rows.TopP(nucleus, logits, v, 0.9)
	fmt.Println(nucleus)
	// Output:
	// [0.644 0.237 0.087 0.032 0.250 0.250 0.250 0.250]
	// entropy [0.9475 1.3863] nats (ln 4 = 1.3863)
	// cross-entropy 0.4402 (row 1 ignored)
	// [2 1 0 -Inf 0 0 0 0]
}

// Two sequences, each with k = 2 drafted tokens over a 3-token vocabulary.
// Sequence 0's drafts agree with the target, so both pass and the bonus
// row decides the last token; sequence 1's first draft has target
// probability 0, so it is rejected and the residual max(0, p − q)/Z,
// all on token 1, replaces it.
func ExampleSpeculativeVerify() {
	const v, k = 3, 2
	drafts := []int{0, 1, 2, 0}
	q := []float32{
		0.5, 0.5, 0, // sequence 0, draft position 0
		0.2, 0.8, 0, //             draft position 1
		0.3, 0.3, 0.4, // sequence 1, draft position 0
		1, 0, 0, //                  draft position 1
	}
	p := []float32{
		0.5, 0.5, 0, // sequence 0: the same as q …
		0.2, 0.8, 0,
		0, 0, 1, //  … and the target after both drafts
		0.3, 0.7, 0, // sequence 1: p(2) = 0 at draft position 0
		1, 0, 0,
		1, 0, 0,
	}
	accepted, next := make([]int, 2), make([]int, 2)
	rows.SpeculativeVerify(accepted, next, p, q, drafts, v, k, 42, 0)
	for b := range accepted {
		fmt.Printf("sequence %d: keeps %v, then token %d\n", b, drafts[b*k:b*k+accepted[b]], next[b])
	}

	alpha := make([]float32, 2)
	rows.AcceptanceRate(alpha, p[9:15], q[6:12], v) // sequence 1's two positions
	fmt.Printf("α = Σ min(p, q): %.1f\n", alpha)
	// Output:
	// sequence 0: keeps [0 1], then token 2
	// sequence 1: keeps [], then token 1
	// α = Σ min(p, q): [0.6 1.0]
}
