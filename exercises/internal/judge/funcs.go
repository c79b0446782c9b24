package judge

// The argument and result structs that travel over the pipe (gob needs
// exported fields).
type (
	args1[A any]    struct{ A A }
	args2[A, B any] struct {
		A A
		B B
	}
	args3[A, B, C any] struct {
		A A
		B B
		C C
	}
	args4[A, B, C, D any] struct {
		A A
		B B
		C C
		D D
	}
	args5[A, B, C, D, E any] struct {
		A A
		B B
		C C
		D D
		E E
	}
	res1[R any]    struct{ R R }
	res2[R, S any] struct {
		R R
		S S
	}
)

// Func1 registers f under name (its Go name, unique in the exercise) and
// returns the function the tests call instead of f.
func Func1[A, R any](name string, f func(A) R) func(A) R {
	c := register(name, func(in *args1[A]) res1[R] { return res1[R]{f(in.A)} })
	return func(a A) R { return c(&args1[A]{a}).R }
}

// Func2 is Func1 for a function of two arguments.
func Func2[A, B, R any](name string, f func(A, B) R) func(A, B) R {
	c := register(name, func(in *args2[A, B]) res1[R] { return res1[R]{f(in.A, in.B)} })
	return func(a A, b B) R { return c(&args2[A, B]{a, b}).R }
}

// Func3 is Func1 for a function of three arguments.
func Func3[A, B, C, R any](name string, f func(A, B, C) R) func(A, B, C) R {
	c := register(name, func(in *args3[A, B, C]) res1[R] { return res1[R]{f(in.A, in.B, in.C)} })
	return func(a A, b B, cc C) R { return c(&args3[A, B, C]{a, b, cc}).R }
}

// Func4 is Func1 for a function of four arguments.
func Func4[A, B, C, D, R any](name string, f func(A, B, C, D) R) func(A, B, C, D) R {
	c := register(name, func(in *args4[A, B, C, D]) res1[R] { return res1[R]{f(in.A, in.B, in.C, in.D)} })
	return func(a A, b B, cc C, d D) R { return c(&args4[A, B, C, D]{a, b, cc, d}).R }
}

// Func5 is Func1 for a function of five arguments.
func Func5[A, B, C, D, E, R any](name string, f func(A, B, C, D, E) R) func(A, B, C, D, E) R {
	c := register(name, func(in *args5[A, B, C, D, E]) res1[R] { return res1[R]{f(in.A, in.B, in.C, in.D, in.E)} })
	return func(a A, b B, cc C, d D, e E) R { return c(&args5[A, B, C, D, E]{a, b, cc, d, e}).R }
}

// Func1R2 is Func1 for a function of one argument and two results.
func Func1R2[A, R, S any](name string, f func(A) (R, S)) func(A) (R, S) {
	c := register(name, func(in *args1[A]) res2[R, S] { r, s := f(in.A); return res2[R, S]{r, s} })
	return func(a A) (R, S) { o := c(&args1[A]{a}); return o.R, o.S }
}

// Func3R2 is Func1 for a function of three arguments and two results.
func Func3R2[A, B, C, R, S any](name string, f func(A, B, C) (R, S)) func(A, B, C) (R, S) {
	c := register(name, func(in *args3[A, B, C]) res2[R, S] { r, s := f(in.A, in.B, in.C); return res2[R, S]{r, s} })
	return func(a A, b B, cc C) (R, S) { o := c(&args3[A, B, C]{a, b, cc}); return o.R, o.S }
}
