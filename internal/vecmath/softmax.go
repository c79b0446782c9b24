package vecmath

import "math"

// Softmaxer writes softmax rows one after another and finishes each row
// while it computes the next.
//
// A row takes two steps. The first reads x once from memory and stores
// exp(a·(xᵢ − m)) chunk by chunk against the running max m (as
// [MaxSumExp] does), remembering the max each chunk used; the loop that
// computes a chunk's exponentials also takes the max of the next chunk,
// so that the next chunk's loads from memory overlap this chunk's
// arithmetic. The second rescales every chunk by exp(a·(m_chunk − m))/S,
// where S is the row's sum: it needs S, so it cannot start before the
// first step ends. Done at once, the rescale is a pass over a row in
// cache that the memory system sits out; here it is folded into the
// first step of the next row, block by block, so that it runs while that
// row's loads are in flight. [Softmaxer.Flush] finishes the last row.
//
// Each exponential is evaluated once. −Inf entries give 0; a row with no
// finite entry gives NaN. The zero value is ready to use.
type Softmaxer struct {
	dst    []float32 // the row whose rescale is pending; nil if none
	factor []float32 // its factor per chunk
	maxes  []float32 // the running max each chunk of the current row used
}

// SoftmaxRow writes dst = softmax(a·x) for a > 0: one [Softmaxer] row,
// flushed. dst and x must have the same length; dst may be x. O(len(x)).
func SoftmaxRow(dst, x []float32, a float32) {
	var p Softmaxer
	p.Row(dst, x, a)
	p.Flush()
}

// Row starts dst = softmax(a·x) for a > 0 and finishes the row before
// it; dst holds the result after the next Row or Flush. dst and x must
// have the same length; dst may be x, but neither may overlap the
// pending row's dst. O(len(x)).
func (p *Softmaxer) Row(dst, x []float32, a float32) {
	if len(dst) != len(x) {
		panic("vecmath: SoftmaxRow length mismatch")
	}
	p.maxes = p.maxes[:0]
	m := float32(math.Inf(-1))
	var sum float64
	bm := Max(x[:min(ChunkLen, len(x))]) // the max of the chunk at i
	for i, k := 0, 0; i < len(x); i, k = i+ChunkLen, k+1 {
		j := min(i+ChunkLen, len(x))
		m, sum = raise(m, bm, sum, a)
		p.maxes = append(p.maxes, m)
		next := x[j:min(j+ChunkLen, len(x))]
		prev, f := p.pending(k)
		if math.IsInf(float64(m), -1) {
			clear(dst[i:j]) // all −Inf so far: rescaled below
			Scale(prev, f)
			bm = Max(next)
			continue
		}
		var s float64
		s, bm = expStoreMax(dst[i:j], x[i:j], next, prev, a, m, f)
		sum += s
	}
	p.finishFrom((len(x) + ChunkLen - 1) / ChunkLen)
	if math.IsInf(float64(m), -1) {
		for i := range dst {
			dst[i] = float32(math.NaN())
		}
		return
	}
	p.dst, p.factor = dst, p.factor[:0]
	for _, cm := range p.maxes {
		p.factor = append(p.factor, float32(math.Exp(float64(a)*float64(cm-m))/sum))
	}
}

// Flush finishes the pending row, if any.
func (p *Softmaxer) Flush() { p.finishFrom(0) }

// pending returns chunk k of the pending row and its factor (an empty
// chunk if there is none).
func (p *Softmaxer) pending(k int) ([]float32, float32) {
	if k >= len(p.factor) {
		return nil, 0
	}
	i := k * ChunkLen
	return p.dst[i:min(i+ChunkLen, len(p.dst))], p.factor[k]
}

// finishFrom rescales the pending row's chunks from k on and clears it.
func (p *Softmaxer) finishFrom(k int) {
	for ; k < len(p.factor); k++ {
		Scale(p.pending(k))
	}
	p.dst, p.factor = nil, p.factor[:0]
}

// expStoreMax writes dstᵢ = exp(a·(xᵢ − c)) for c ≥ max x, and returns
// Σ dstᵢ and max(next), where len(next) ≤ len(x) (−Inf for an empty
// next). Block by block it also scales prev by f: the pending row's
// chunk at the same place, which may be longer than x (the pending row's
// was not its last) or shorter (it was).
//
// Every block of whole vectors goes through expStoreMaxKernel, whether
// next covers it or not (the kernel then reads x a second time, from L1,
// as its next): its exponentials skip the clamp at expMax, and a row
// whose c falls below its max (a NaN can hide the max) must get the same
// exponentials with a next row as without one.
func expStoreMax(dst, x, next, prev []float32, a, c, f float32) (float64, float32) {
	var s float64
	m := float32(math.Inf(-1))
	for i := 0; i < len(x); i += BlockLen {
		j := min(i+BlockLen, len(x))
		if i < len(prev) {
			Scale(prev[i:min(j, len(prev))], f)
		}
		nb := clip(next, i, j)
		if split(j-i) != j-i {
			s += expBlock(dst[i:j], x[i:j], a, c)
		} else if len(nb) == j-i {
			bs, bm := expStoreMaxKernel(dst[i:j], x[i:j], nb, a, c)
			s += float64(bs)
			m = max(m, bm)
			continue
		} else {
			bs, _ := expStoreMaxKernel(dst[i:j], x[i:j], x[i:j], a, c)
			s += float64(bs)
		}
		if len(nb) > 0 {
			m = max(m, Max(nb))
		}
	}
	if len(prev) > len(x) {
		Scale(prev[len(x):], f)
	}
	return s, m
}

// LogSoftmaxer writes log-softmax rows one after another; with the AVX2
// and SSE2 kernels it writes each row while it reads the next.
//
// A row takes two steps: m = max x and S = Σ exp(a·(xᵢ − m)) in one read
// from memory ([MaxExp]), then the write dstᵢ = a·(xᵢ − m) − ln S, which
// reads x again from cache ([ShiftScale]). The write needs S, so it
// cannot start before the first step ends; done at once, its stores wait
// on memory while the arithmetic units sit idle, and the next row's
// exponentials then leave the memory idle. With the AVX2 and SSE2
// kernels the write is folded into the next row's first step, block by
// block, so that the two overlap: on a cold [64, 128000] batch (2 cores,
// the Xeon of the README) log-softmax went from 7.2–7.5 to 6.6–6.7 ms
// with SSE2 and from 5.1–5.3 to 4.8 ms with AVX2. With AVX-512 it was no
// faster (3.95–4.36 against 3.94–3.95 ms), so there, as with the scalar
// kernels, each row is written at once. [LogSoftmaxer.Flush] writes the
// last row. Every row equals MaxExp-then-ShiftScale's bit for bit.
//
// The zero value is ready to use.
type LogSoftmaxer struct {
	w rowWrite // the pending row's write
}

// Row starts dst = log softmax(a·x) for a > 0 and writes the row before
// it; dst holds the result after the next Row or Flush. dst and x must
// have the same length; dst may be x, but neither may overlap the
// pending row's dst, and the pending row's x must stay unchanged until
// then. O(len(x)).
func (p *LogSoftmaxer) Row(dst, x []float32, a float32) {
	if len(dst) != len(x) {
		panic("vecmath: LogSoftmaxer.Row length mismatch")
	}
	if !overlapReads {
		p.Flush()
		m, s := MaxExp(x, a)
		ShiftScale(dst, x, a, m, -float32(math.Log(s)))
		return
	}
	m, s := maxExpOverlapped(x, a, &p.w)
	p.Flush()
	p.w = rowWrite{dst: dst, x: x, a: a, c: m, d: -float32(math.Log(s))}
}

// Flush writes the pending row, if any.
func (p *LogSoftmaxer) Flush() {
	p.w.to(len(p.w.dst))
	p.w = rowWrite{}
}

// rowWrite is a pending log-softmax row's write, dstᵢ = a·(xᵢ − c) + d,
// done piece by piece while the next row is read.
type rowWrite struct {
	dst, x  []float32
	a, c, d float32
	done    int // dst[:done] is written
}

// to writes the row up to j rounded up to a whole block, and at most to
// its end; nothing for a nil w. The pieces start at whole blocks, so
// that ShiftScale splits its vector and scalar parts where one call over
// the whole row would (the scalar part rounds twice, the vector kernels
// may fuse), and each element is written once, as dst may be x.
func (w *rowWrite) to(j int) {
	if w == nil {
		return
	}
	j = min((j+BlockLen-1)/BlockLen*BlockLen, len(w.dst))
	if j <= w.done {
		return
	}
	i := w.done
	w.done = j
	ShiftScale(w.dst[i:j], w.x[i:j], w.a, w.c, w.d)
}
