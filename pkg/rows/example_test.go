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
