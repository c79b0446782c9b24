package rows

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/bitsandlogits/course/internal/contract"
	"github.com/bitsandlogits/course/internal/vecmath"
)

// check holds the argument checks and panic messages shared with pkg/xla.
var check = contract.Checker("rows")

// numRows checks that x holds whole rows of length v and returns their
// number.
func numRows(fn string, x []float32, v int) int { return check.Rows(fn, x, v) }

// checkLen panics unless a slice named name has length want.
func checkLen(fn, name string, got, want int) { check.Len(fn, name, got, want) }

// scratch is per-goroutine working memory, reused across the rows a
// goroutine handles.
type scratch struct {
	a, b    []float32            // one row each
	cand    []int32              // candidate indices during radix selection
	val     []float32            // the weights of top-p's candidates, cand's twin
	heap    []float32            // the k largest values during top-k
	kept    []int32              // the nucleus found by top-p
	bucket  []int32              // the tokens of top-p's crossing bucket
	soft    vecmath.Softmaxer    // the softmax row still to be rescaled
	logSoft vecmath.LogSoftmaxer // the log-softmax row still to be written
	hist    [2048]float64
	spare   [2048]float64 // a second histogram for histAll
	ahead   rowAhead      // the next row's max, taken during this row's exponentials
}

// rowAhead lets a row's exponential pass read the row its goroutine takes
// next (forRowsAhead) and take its max, so that the loads of the next row
// overlap this row's arithmetic rather than following it: a pass that
// only reads the row would leave the cores idle, and one that only
// computes would leave the memory idle.
type rowAhead struct {
	next []float32 // the row taken next, whose max the exponential pass takes; nil if none
	row  []float32 // the row whose max is known, or nil
	max  float32   // its max
}

// rowMax returns vecmath.BlockMax(z), known already if z is the row
// whose max the previous row's exponential pass took: the Next kernels
// take it the same way, so the result is the same bit for bit (NaN rows
// included) whichever row came before.
func (s *scratch) rowMax(z []float32) float32 {
	if r := s.ahead.row; len(z) > 0 && len(r) == len(z) && &r[0] == &z[0] {
		return s.ahead.max
	}
	return vecmath.BlockMax(z)
}

// expStore is vecmath.ExpStore(e, z, 1, m) for m = max z that also takes
// the max of the next row, if the row loop named one. It goes through
// ExpStoreNext either way, so that a row's exponentials do not depend on
// whether a row comes after it.
func (s *scratch) expStore(e, z []float32, m float32) float64 {
	next := s.ahead.next // a row of the same batch: as long as z
	sum, nm := vecmath.ExpStoreNext(e, z, next, 1, m)
	if next != nil {
		s.ahead.took(nm)
	}
	return sum
}

// took records m as the max of the next row, taken by this row's
// exponential pass.
func (a *rowAhead) took(m float32) { *a = rowAhead{row: a.next, max: m} }

// rowsOf returns the function that gives row r of x (rows of length v),
// for forRowsAhead.
func rowsOf(x []float32, v int) func(int) []float32 {
	return func(r int) []float32 { return x[r*v : (r+1)*v] }
}

func (s *scratch) rowA(v int) []float32 {
	if cap(s.a) < v {
		s.a = make([]float32, v)
	}
	return s.a[:v]
}

func (s *scratch) rowB(v int) []float32 {
	if cap(s.b) < v {
		s.b = make([]float32, v)
	}
	return s.b[:v]
}

// scratchPool keeps scratch rows between calls, so that a batch op does
// not allocate (and the garbage collector does not interrupt) per call.
var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// forRows calls fn(r, s) for every row r in [0, n) on up to GOMAXPROCS
// goroutines, each with its own scratch, and returns when all calls have
// returned. Rows are handed out one at a time from a shared counter
// rather than in fixed blocks, so that a goroutine slowed down by other
// work on its core (a shared machine) does not hold up the whole batch.
func forRows(n int, fn func(r int, s *scratch)) { forRowsThen(n, fn, nil) }

// forRowsThen is forRows that also calls done(s), if not nil, once on
// each goroutine after its last row.
func forRowsThen(n int, fn func(r int, s *scratch), done func(s *scratch)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	work := func() {
		s := scratchPool.Get().(*scratch)
		for r := int(next.Add(1) - 1); r < n; r = int(next.Add(1) - 1) {
			fn(r, s)
		}
		if done != nil {
			done(s)
		}
		scratchPool.Put(s)
	}
	spawn(workers, work)
}

// forRowsAhead is forRows for row loops that read each row from memory
// and then compute on it (Sample, TopP, Entropy, KL): each goroutine
// takes its next row before it starts a row, and s.ahead.next names it
// (or nil) while fn runs, so that fn can start reading it. fn must not
// write row next. Goroutine w starts with row w, so that a batch of as
// many rows as goroutines still runs one row on each.
func forRowsAhead(n int, row func(r int) []float32, fn func(r int, s *scratch)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var first, counter atomic.Int64
	counter.Store(int64(workers))
	take := func() int { return int(counter.Add(1) - 1) }
	spawn(workers, func() {
		s := scratchPool.Get().(*scratch)
		for r, next := int(first.Add(1)-1), take(); r < n; r, next = next, take() {
			s.ahead.next = nil
			if next < n {
				s.ahead.next = row(next)
			}
			fn(r, s)
		}
		s.ahead = rowAhead{}
		scratchPool.Put(s)
	})
}

// spawn runs work on the given number of goroutines (at once, if one)
// and returns when all have returned.
func spawn(workers int, work func()) {
	if workers <= 1 {
		work()
		return
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(work)
	}
	wg.Wait()
}

// SIMD reports whether the exp, max and sum kernels run on vector
// instructions (in a GOEXPERIMENT=simd build on amd64: AVX-512 or AVX2
// through simd/archsimd where the CPU has them, SSE2 otherwise) rather
// than the portable scalar loops. Results agree either way to a few ulp;
// only the speed differs.
func SIMD() bool { return vecmath.SIMD() }

// ISA names the kernel set in use: "avx512", "avx2", "sse2" or "scalar".
// The environment variable COURSE_ISA=avx2, sse2 or scalar, set before
// the program starts, caps it.
func ISA() string { return vecmath.ISA() }

// ISAs lists the kernel sets this build can run on this CPU, widest first.
func ISAs() []string { return vecmath.ISAs() }
