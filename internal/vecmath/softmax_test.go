package vecmath

import (
	"math"
	"slices"
	"testing"
)

// TestSoftmaxerPipeline runs rows of unequal lengths, an all −Inf row and
// an in-place row through one Softmaxer and checks that each row,
// finished during the next one, equals SoftmaxRow's result bit for bit,
// and that none is left unfinished after Flush.
func TestSoftmaxerPipeline(t *testing.T) {
	lens := []int{2*ChunkLen + BlockLen + 37, 5, 3 * ChunkLen, 2, ChunkLen + 16, 3*ChunkLen + 3, 1}
	inf := float32(math.Inf(-1))
	var p Softmaxer
	var outs, wants [][]float32
	for r, n := range lens {
		x := rampRow(n, uint64(r)+40)
		if r == 3 { // no finite logit: NaN, nothing left pending
			for i := range x {
				x[i] = inf
			}
		}
		want := make([]float32, n)
		SoftmaxRow(want, x, 0.9)
		out := x // row 5 in place
		if r != 5 {
			out = make([]float32, n)
		}
		if r == 5 {
			x = slices.Clone(x)
		}
		p.Row(out, x, 0.9)
		if r > 0 && !slices.Equal(bitsOf(outs[r-1]), bitsOf(wants[r-1])) {
			t.Fatalf("row %d (len %d) is not finished by row %d", r-1, lens[r-1], r)
		}
		outs, wants = append(outs, out), append(wants, want)
	}
	p.Flush()
	for r := range lens {
		if !slices.Equal(bitsOf(outs[r]), bitsOf(wants[r])) {
			t.Errorf("row %d (len %d) differs from SoftmaxRow", r, lens[r])
		}
	}
	p.Flush() // nothing pending: a no-op
}

// rampRow is randRow with 3 added per chunk, so that later chunks raise
// the running max.
func rampRow(n int, seed uint64) []float32 {
	x := randRow(n, seed)
	for i := range x {
		x[i] += float32(i/ChunkLen) * 3
	}
	return x
}

func bitsOf(x []float32) []uint32 {
	b := make([]uint32, len(x))
	for i, v := range x {
		b[i] = math.Float32bits(v)
	}
	return b
}

// TestLogSoftmaxerPipeline runs rows of unequal lengths (each longer or
// shorter than the pending one), an all −Inf row, a row holding NaN and an
// in-place row through one LogSoftmaxer on every kernel set, and checks
// each row, written during the next one, against MaxExp then ShiftScale
// bit for bit; and that Flush writes the last.
func TestLogSoftmaxerPipeline(t *testing.T) {
	// The all −Inf row (2) and the in-place row (5) are each followed by
	// a longer row, so that the next row's pass writes them piece by piece.
	lens := []int{2*ChunkLen + BlockLen + 37, 5, ChunkLen + 16, 3 * ChunkLen, 0, 2*ChunkLen + 7, 3*ChunkLen + 3, 1}
	inf := float32(math.Inf(-1))
	for _, isa := range ISAs() {
		withISA(t, isa, func() {
			var p LogSoftmaxer
			var outs, wants [][]float32
			for r, n := range lens {
				x := rampRow(n, uint64(r)+70)
				switch r {
				case 2: // no finite logit
					for i := range x {
						x[i] = inf
					}
				case 3:
					x[n/2] = float32(math.NaN())
				}
				want := make([]float32, n)
				m, s := MaxExp(x, 0.9)
				ShiftScale(want, x, 0.9, m, -float32(math.Log(s)))
				out := make([]float32, n)
				if r == 5 { // in place
					out = x
				}
				p.Row(out, x, 0.9)
				if r > 0 && !slices.Equal(bitsOf(outs[r-1]), bitsOf(wants[r-1])) {
					t.Fatalf("%s: row %d (len %d) differs from MaxExp then ShiftScale after row %d", isa, r-1, lens[r-1], r)
				}
				outs, wants = append(outs, out), append(wants, want)
			}
			p.Flush()
			for r := range lens {
				if !slices.Equal(bitsOf(outs[r]), bitsOf(wants[r])) {
					t.Errorf("%s: row %d (len %d) differs from MaxExp then ShiftScale", isa, r, lens[r])
				}
			}
			p.Flush() // nothing pending: a no-op
		})
	}
}

// TestMaxExpOverlappedWrites checks that maxExpOverlapped writes the
// pending row as it goes: up to len(x) rounded up to a whole block (at
// most the pending row's end), no further, and those elements equal to
// one ShiftScale over the pending row, for pending rows shorter and
// longer than x, and for an x of −Inf (whose chunks write on the
// exponential-free path).
func TestMaxExpOverlappedWrites(t *testing.T) {
	for _, isa := range ISAs() {
		withISA(t, isa, func() {
			for _, c := range []struct{ n, pending int }{
				{ChunkLen + 37, 3 * ChunkLen}, {3*ChunkLen + 5, ChunkLen + 100}, {BlockLen + 1, BlockLen + 1}, {7, 2 * BlockLen},
			} {
				px := randRow(c.pending, uint64(c.pending))
				want := make([]float32, c.pending)
				ShiftScale(want, px, 0.8, 1.5, -2)
				for _, allInf := range []bool{false, true} {
					x := randRow(c.n, uint64(c.n))
					if allInf {
						for i := range x {
							x[i] = float32(math.Inf(-1))
						}
					}
					got := make([]float32, c.pending)
					for i := range got {
						got[i] = 42 // not yet written
					}
					w := rowWrite{dst: got, x: px, a: 0.8, c: 1.5, d: -2}
					maxExpOverlapped(x, 0.9, &w)
					done := min((c.n+BlockLen-1)/BlockLen*BlockLen, c.pending)
					if w.done != done || !slices.Equal(bitsOf(got[:done]), bitsOf(want[:done])) ||
						slices.ContainsFunc(got[done:], func(v float32) bool { return v != 42 }) {
						t.Errorf("%s n=%d pending %d −Inf %v: wrote %d, want the first %d equal to ShiftScale and no more",
							isa, c.n, c.pending, allInf, w.done, done)
					}
				}
			}
		})
	}
}
