package lmeval_test

import (
	"fmt"

	"github.com/bitsandlogits/course/pkg/lmeval"
)

func ExampleWindows() {
	// 10 tokens, at most 4 tokens of history, windows moving by 3.
	for _, w := range lmeval.Windows(10, 4, 3) {
		fmt.Printf("read [%d,%d) score [%d,%d)\n", w.Begin, w.End, w.Begin+w.From, w.End)
	}
	// Output:
	// read [0,5) score [0,5)
	// read [3,8) score [5,8)
	// read [6,10) score [8,10)
}

func ExampleEvaluate() {
	// The uniform model over V = 50,256 tokens: perplexity V, whatever the text.
	ids := []int{464, 29847, 286, 4401, 13} // 5 tokens of a 24-byte, 5-word text
	r := lmeval.Evaluate(lmeval.Uniform{V: 50256}, ids, 24, 5, lmeval.Options{})
	fmt.Printf("PPL %.0f, %.4f nats/token, %.4f bits/byte\n", r.Perplexity, r.NatsPerToken, r.BitsPerByte)
	// Output: PPL 50256, 10.8249 nats/token, 3.2535 bits/byte
}
