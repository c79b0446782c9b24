package compress

import (
	"github.com/bitsandlogits/course/pkg/neural"
	"github.com/bitsandlogits/course/pkg/ngram"
)

// Predictor is a byte-level model as the coder sees it: a distribution over
// the next byte given everything coded so far, and a hook to learn from the
// byte once it is coded. Dist must be a pure function of the bytes coded so
// far, so that the decoder, replaying them, gets the same numbers.
type Predictor interface {
	// Dist writes P(· | history) into p (256 entries).
	Dist(history []byte, p []float64)
	// Update is called with each byte after it is coded.
	Update(history []byte, b byte)
}

// SparsePredictor is a Predictor that can also give its distribution
// sparsely (see Adaptive.Sparse), which the coder then uses instead of Dist.
type SparsePredictor interface {
	Predictor
	Sparse(history []byte) (base float64, syms []byte, probs []float64)
}

// Static wraps a trained byte-level n-gram model; it does not learn.
type Static struct {
	M     *ngram.Model
	h     []int
	syms  []byte // M.Support() as bytes
	probs []float64
	cache []cached // direct-mapped, by the last n−1 bytes: the distribution is a function of them
}

// cached is one distribution of Static's cache.
type cached struct {
	key   uint64 // the context's bytes, packed
	valid bool
	base  float64
	probs []float64
}

// cacheBits is log₂ of the number of entries of Static's cache.
const cacheBits = 12

// history loads the last n−1 bytes of history into s.h.
func (s *Static) history(history []byte) []int {
	s.h = s.h[:0]
	for _, b := range history[max(0, len(history)-s.M.ContextLength()):] {
		s.h = append(s.h, int(b))
	}
	return s.h
}

// Sparse returns P(· | history) sparsely (see ngram.Model.SparseDist): the
// bytes of the training text and the probability shared by all others.
func (s *Static) Sparse(history []byte) (base float64, syms []byte, probs []float64) {
	if s.syms == nil {
		for _, w := range s.M.Support() {
			s.syms = append(s.syms, byte(w))
		}
		s.probs = make([]float64, len(s.syms))
		s.cache = make([]cached, 1<<cacheBits)
	}
	n := s.M.ContextLength()
	if len(history) < n || n > 8 { // a short history is not the same context as one padded with zeros
		return s.M.SparseDist(s.history(history), s.probs), s.syms, s.probs
	}
	key := lastKey(history[len(history)-n:])
	e := &s.cache[(key*0x9E3779B97F4A7C15)>>(64-cacheBits)]
	if !e.valid || e.key != key {
		if e.probs == nil {
			e.probs = make([]float64, len(s.syms))
		}
		e.key, e.valid = key, true
		e.base = s.M.SparseDist(s.history(history), e.probs)
	}
	return e.base, s.syms, e.probs
}

// Dist copies the model's P(· | last n−1 bytes) into p.
func (s *Static) Dist(history []byte, p []float64) {
	copy(p, s.M.Dist(s.history(history)))
}

// Update does nothing: a static model does not learn.
func (s *Static) Update([]byte, byte) {}

func (s *Static) fork() Predictor { return &Static{M: s.M} }

// Neural wraps the MLP's exact evaluator (the same bits on every machine);
// it does not learn.
type Neural struct {
	X      *neural.Exact
	hidden []float64
}

// Dist writes the MLP's p(· | last C bytes of history) into p.
func (n *Neural) Dist(history []byte, p []float64) {
	if n.hidden == nil {
		n.hidden = make([]float64, n.X.Hidden())
	}
	n.X.Dist(history, p, n.hidden)
}

// Update does nothing: the network does not learn.
func (n *Neural) Update([]byte, byte) {}

func (n *Neural) fork() Predictor { return &Neural{X: n.X} }

// Adaptive is an interpolated Kneser–Ney byte model whose counts grow as it
// codes (PPM-style: the decoder learns the same counts from the bytes it has
// decoded). With contexts h of k−1 bytes for k = 1 … n,
//
//	P_k(w | h) = max(c_k(h w) − D_k, 0)/c_k(h ·) + D_k · N1+(h ·)/c_k(h ·) · P_{k−1}(w | h′),  P_0 = 1/256,
//
// the recursion of pkg/ngram, where c_n counts occurrences and, for k < n,
// c_k(h w) is raised only when w was new after the longer context (PPM's
// update exclusion, which is Kneser–Ney's continuation count kept online).
// D_k = n1/(n1 + 2 n2) is re-estimated from the current counts and clamped
// to [0.05, 0.95]. The recursion is evaluated from the longest context down,
// as Σ_k (Π_{j>k} λ_j) · discounted_k(w) + Π_j λ_j / 256 with λ_k the
// back-off weight, in O(256 + followers) per byte. Every product is rounded
// explicitly (float64(…)), so no compiler may fuse it and the encoder and the
// decoder agree on every platform.
type Adaptive struct {
	order int
	ctx   *contexts // the contexts of orders 1 … n and their followers
	n1    []int     // per order: number of k-grams counted once
	n2    []int     // … and twice
	disc  []float64 // per order: D from n1 and n2, kept up to date by Update
	nodes []uint32  // scratch: the contexts found by Dist
	// The history whose contexts nodes holds, for Update to reuse.
	foundLen int
	foundKey uint64
	// next[k-1]: the index in ctx.fol of the byte last counted after its
	// context of order k, whose succ is the next history's context of order
	// k+1 (for k < nextN, and while the next history has nextLen, nextKey).
	next           [MaxOrder]uint32
	nextN, nextLen int
	nextKey        uint64
	hinted         bool       // find's history is the one next describes
	pos            [256]uint8 // pos[b]: b's index in the order-1 followers
	posLen         int        // how many of them pos covers
	probs          []float64  // scratch of Sparse
}

// MaxOrder is the largest order Adaptive supports: contexts of up to 8 bytes.
const MaxOrder = 9

// NewAdaptive returns an empty model of order n (1 ≤ n ≤ MaxOrder).
func NewAdaptive(n int) *Adaptive {
	if n < 1 || n > MaxOrder {
		panic("compress: NewAdaptive: order outside [1, 9]")
	}
	a := &Adaptive{order: n, foundLen: -1, nextLen: -1, ctx: newContexts(n), n1: make([]int, n), n2: make([]int, n), disc: make([]float64, n)}
	for k := range n {
		a.setDiscount(k)
	}
	return a
}

// Learn counts every byte of text as if it had been coded.
func (a *Adaptive) Learn(text []byte) {
	for i, b := range text {
		a.Update(text[:i], b)
	}
}

// nextKey extends the key of the last k−2 bytes of h to the last k−1 bytes
// (k ≥ 2); ok is false when h is shorter.
func nextKey(prev uint64, h []byte, k int) (uint64, bool) {
	if len(h) < k-1 {
		return 0, false
	}
	return prev | uint64(h[len(h)-(k-1)])<<(8*(k-2)), true
}

func (a *Adaptive) discount(k int) float64 { return a.disc[k] }

// setDiscount recomputes D for order k+1 from n1 and n2 (see Adaptive).
func (a *Adaptive) setDiscount(k int) {
	n1, n2 := float64(a.n1[k]), float64(a.n2[k])
	if n1+n2 == 0 {
		a.disc[k] = 0.5
		return
	}
	a.disc[k] = min(0.95, max(0.05, n1/(n1+float64(2*n2))))
}

// find returns the contexts of history at orders 1, 2, … as far as they
// have been seen (a longer context is never seen without its suffix), and
// remembers them for the Update that follows with the same history.
func (a *Adaptive) find(history []byte) []uint32 {
	a.nodes = a.nodes[:0]
	a.foundLen, a.foundKey = len(history), lastKey(history)
	a.hinted = a.foundLen == a.nextLen && a.foundKey == a.nextKey
	var kv uint64
	for k := 1; k <= a.order; k++ {
		if k > 1 {
			var ok bool
			if kv, ok = nextKey(kv, history, k); !ok {
				break
			}
		}
		var c uint32
		if k > 1 && a.hinted && k-1 < a.nextN {
			f := &a.ctx.fol[a.next[k-2]]
			if c = f.succ; c == 0 {
				c = a.ctx.get(k, kv)
				f.succ = c
			}
		} else {
			c = a.ctx.get(k, kv)
		}
		if c == 0 {
			break
		}
		a.nodes = append(a.nodes, c)
	}
	return a.nodes
}

// lastKey packs the last 8 bytes of h (fewer when h is shorter).
func lastKey(h []byte) uint64 {
	var k uint64
	for i, b := range h[max(0, len(h)-8):] {
		k |= uint64(b) << (8 * i)
	}
	return k
}

// Dist writes P(· | history) into p by the recursion above.
func (a *Adaptive) Dist(history []byte, p []float64) {
	base, syms, probs := a.Sparse(history)
	for i := range p {
		p[i] = base
	}
	for j, s := range syms {
		p[s] = probs[j]
	}
}

// Sparse returns P(· | history) as the probability base shared by every
// byte never seen after any suffix of history, and the ascending bytes syms
// that were, with their probabilities probs ≥ base. The slices are reused by
// the next call.
func (a *Adaptive) Sparse(history []byte) (base float64, syms []byte, probs []float64) {
	nodes := a.find(history)
	var lambda, disc [MaxOrder]float64
	w := 1.0 // Π of the back-off weights of all the contexts
	for k := len(nodes); k >= 1; k-- {
		c := &a.ctx.nodes[nodes[k-1]]
		disc[k-1] = a.discount(k - 1)
		lambda[k-1] = float64(disc[k-1]*float64(c.n)) / float64(c.total)
		w = float64(w * lambda[k-1])
	}
	base = w / 256
	if len(nodes) == 0 {
		return base, nil, nil
	}
	// Every byte ever coded follows the empty context (order 1), whose
	// followers are kept in ascending order: they are the sparse set, and
	// pos maps a byte to its place in it.
	all := &a.ctx.nodes[nodes[0]]
	allSyms := a.ctx.syms
	if a.posLen != len(allSyms) {
		for j, s := range allSyms {
			a.pos[s] = uint8(j)
		}
		a.posLen = len(allSyms)
	}
	a.probs = append(a.probs[:0], make([]float64, all.n)...)
	w = 1 // Π of the back-off weights of the longer contexts
	for k := len(nodes); k >= 2; k-- {
		c := &a.ctx.nodes[nodes[k-1]]
		d := disc[k-1]
		scale := w / float64(c.total)
		for _, f := range a.ctx.followers(nodes[k-1]) { // cnt ≥ 1 > d: no max(·, 0) needed
			a.probs[a.pos[f.sym]] += float64((float64(f.cnt) - d) * scale)
		}
		w = float64(w * lambda[k-1])
	}
	// Order 1 last, in one pass with base: its followers are allSyms in order.
	d, scale := disc[0], w/float64(all.total)
	for j, f := range a.ctx.followers(nodes[0]) {
		a.probs[j] += base + float64((float64(f.cnt)-d)*scale)
	}
	return base, allSyms, a.probs
}

// Update counts b after history: at the longest order always, at shorter
// ones only while b is new after the longer context.
func (a *Adaptive) Update(history []byte, b byte) {
	var keys [MaxOrder]uint64
	n := 1
	for ; n < a.order; n++ {
		var ok bool
		if keys[n], ok = nextKey(keys[n-1], history, n+1); !ok {
			break
		}
	}
	key := lastKey(history)
	if len(history) != a.foundLen || key != a.foundKey {
		a.find(history)
	}
	for k := len(a.nodes) + 1; k <= n; k++ { // contexts never seen: add them
		id := a.ctx.getOrAdd(k, keys[k-1])
		if k > 1 && a.hinted && k-1 < a.nextN {
			a.ctx.fol[a.next[k-2]].succ = id
		}
		a.nodes = append(a.nodes, id)
	}
	a.foundLen = -1 // the counts change: a later Update must look up again
	a.count(b)
	a.nextN, a.nextLen = n, len(history)+1
	if len(history) >= 8 {
		a.nextKey = key>>8 | uint64(b)<<56
	} else {
		a.nextKey = key | uint64(b)<<(8*len(history))
	}
}

// count counts b after the contexts a.nodes: at the longest order always,
// at shorter ones only while b is new after the longer context; it records
// where b sits among each context's followers in a.next.
func (a *Adaptive) count(b byte) {
	k := len(a.nodes)
	for ; k >= 1; k-- {
		id := a.nodes[k-1]
		i, isNew := a.ctx.follower(id, b)
		c := &a.ctx.nodes[id]
		c.total++
		if isNew && k == 1 { // keep the empty context's followers ascending
			i = a.ctx.sortLast(id)
		}
		a.next[k-1] = i
		f := &a.ctx.fol[i]
		f.cnt++
		a.counted(k, f.cnt)
		if f.cnt > 1 {
			break // b was known here: shorter contexts keep their continuation counts
		}
	}
	for k--; k >= 1; k-- { // b follows every suffix of a context it follows
		a.next[k-1] = uint32(a.ctx.find(a.nodes[k-1], b))
	}
}

// counted updates n1, n2 and D of order k after a k-gram's count became c.
func (a *Adaptive) counted(k int, c uint32) {
	switch c {
	case 1:
		a.n1[k-1]++
	case 2:
		a.n1[k-1]--
		a.n2[k-1]++
	case 3:
		a.n2[k-1]--
	}
	if c <= 3 {
		a.setDiscount(k - 1)
	}
}
