package entropy_test

import (
	entropy "github.com/bitsandlogits/course/exercises/04-entropy"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	Entropy         = judge.Func1("Entropy", entropy.Entropy)
	EntropyBits     = judge.Func1("EntropyBits", entropy.EntropyBits)
	BinaryEntropy   = judge.Func1("BinaryEntropy", entropy.BinaryEntropy)
	EntropyOfLogits = judge.Func1("EntropyOfLogits", entropy.EntropyOfLogits)
)
