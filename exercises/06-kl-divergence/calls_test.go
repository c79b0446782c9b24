package kl_test

import (
	kl "github.com/bitsandlogits/course/exercises/06-kl-divergence"
	"github.com/bitsandlogits/course/exercises/internal/judge"
)

// The functions under test. Under `go test` they are the package's own;
// under the grader each call goes to a separate process running your code
// (see exercises/internal/judge).
var (
	KL             = judge.Func2("KL", kl.KL)
	JS             = judge.Func2("JS", kl.JS)
	KLDivBatchMean = judge.Func2("KLDivBatchMean", kl.KLDivBatchMean)
)
