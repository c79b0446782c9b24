package compression_test

import (
	compression "github.com/bitsandlogits/course/exercises/24-compression"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	Quantize = judge.Func1("Quantize", compression.Quantize)
	Encode   = judge.Func2("Encode", compression.Encode)
	Decode   = judge.Func3R2("Decode", compression.Decode)
)
