// Package ngram is an interpolated Kneser–Ney n-gram language model in pure
// Go (Chen & Goodman 1998, "An empirical study of smoothing techniques for
// language modeling", §2.7, with one discount per order).
//
// For a history h (the last n−1 tokens) and its shortening h′ (the last
// n−2), the model interpolates down to the uniform distribution:
//
//	P_k(w | h) = max(c_k(h w) − D_k, 0) / c_k(h ·)  +  D_k · N1+(h ·) / c_k(h ·) · P_{k−1}(w | h′)
//	P_0(w)     = 1/V
//
// where c_N is the raw count at the highest order N, c_k (k < N) is the
// continuation count N1+(· h w) — in how many different left contexts h w
// occurs, the start of the text counting as one — c_k(h ·) = Σ_w c_k(h w),
// N1+(h ·) is the number of distinct w with c_k(h w) > 0, and
// D_k = n1/(n1 + 2 n2) from the numbers of k-grams with count 1 and 2,
// clamped to [0.05, 0.95]. An order whose context was never seen passes
// P_{k−1} through unchanged. Every term is a proper distribution over the
// whole vocabulary and the uniform base gives every token positive mass,
// even with the 200K-token BPE vocabularies.
package ngram

import (
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/bitsandlogits/course/pkg/lmeval"
	"github.com/bitsandlogits/course/pkg/probability"
)

// Model is a trained interpolated Kneser–Ney model; it implements
// lmeval.Model. It is safe for concurrent reads.
type Model struct {
	order, vocab int
	discount     []float64          // discount[k-1] is D_k
	contexts     []map[string]*node // contexts[k-1]: (k−1)-token context → followers at order k

	supportOnce sync.Once
	support     []int32 // every token of the training text, ascending
	index       []int32 // index[w]: w's position in support, −1 outside it
}

// node holds the followers of one context at one order.
type node struct {
	total  float64   // c_k(h ·)
	next   []int32   // followers w, ascending
	counts []float64 // c_k(h w), parallel to next
}

// count returns c_k(h w), 0 when w never followed h.
func (n *node) count(w int) float64 {
	if i, ok := slices.BinarySearch(n.next, int32(w)); ok {
		return n.counts[i]
	}
	return 0
}

// keyBytes is the size of one token in a map key: ids below 2^24.
const keyBytes = 3

func appendKey(b []byte, ids []int) []byte {
	for _, id := range ids {
		b = append(b, byte(id), byte(id>>8), byte(id>>16))
	}
	return b
}

func lastID(key string) int32 {
	n := len(key)
	return int32(key[n-3]) | int32(key[n-2])<<8 | int32(key[n-1])<<16
}

// Train fits an order-n model (n ≥ 1; n = 1 is the smoothed unigram) to the
// token ids of one text over a vocabulary of V tokens. It panics on n < 1,
// V < 1, V ≥ 2^24 or an id outside [0, V). Time and memory O(n · len(ids)).
func Train(ids []int, order, vocab int) *Model {
	if order < 1 || vocab < 1 || vocab >= 1<<24 {
		panic(fmt.Sprintf("ngram: Train: need order ≥ 1 and 1 ≤ V < 2^24, got order %d, V %d", order, vocab))
	}
	for _, id := range ids {
		if id < 0 || id >= vocab {
			panic(fmt.Sprintf("ngram: Train: id %d outside [0, %d)", id, vocab))
		}
	}
	m := &Model{order: order, vocab: vocab, discount: make([]float64, order), contexts: make([]map[string]*node, order)}
	// Raw counts of the highest order.
	counts := map[string]float64{}
	var buf []byte
	for i := order - 1; i < len(ids); i++ {
		buf = appendKey(buf[:0], ids[i-order+1:i+1])
		counts[string(buf)]++
	}
	// At the text start the highest order is not reached: those shorter
	// n-grams are counted at their own order as if preceded by a start.
	for k := order; k >= 1; k-- {
		if k < order {
			lower := map[string]float64{}
			for key := range counts { // distinct (k+1)-grams: one left context each
				lower[key[keyBytes:]]++
			}
			if len(ids) >= k {
				buf = appendKey(buf[:0], ids[:k])
				lower[string(buf)]++ // the start of the text is a left context
			}
			counts = lower
		}
		m.discount[k-1] = discount(counts)
		m.contexts[k-1] = build(counts)
	}
	return m
}

// discount returns n1/(n1+2 n2) clamped to [0.05, 0.95]; 0.5 with no data.
func discount(counts map[string]float64) float64 {
	var n1, n2 float64
	for _, c := range counts {
		switch c {
		case 1:
			n1++
		case 2:
			n2++
		}
	}
	if n1+n2 == 0 {
		return 0.5
	}
	return min(0.95, max(0.05, n1/(n1+2*n2)))
}

func build(counts map[string]float64) map[string]*node {
	ctx := map[string]*node{}
	for key, c := range counts {
		h := key[:len(key)-keyBytes]
		n := ctx[h]
		if n == nil {
			n = &node{}
			ctx[h] = n
		}
		n.total += c
		n.next = append(n.next, lastID(key))
		n.counts = append(n.counts, c)
	}
	for _, n := range ctx {
		idx := make([]int, len(n.next))
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(a, b int) int { return int(n.next[a] - n.next[b]) })
		next, cs := make([]int32, len(idx)), make([]float64, len(idx))
		for i, j := range idx {
			next[i], cs[i] = n.next[j], n.counts[j]
		}
		n.next, n.counts = next, cs
	}
	return ctx
}

// Order returns n.
func (m *Model) Order() int { return m.order }

// Discounts returns D_1 … D_n.
func (m *Model) Discounts() []float64 { return slices.Clone(m.discount) }

// VocabSize returns V.
func (m *Model) VocabSize() int { return m.vocab }

// ContextLength returns n − 1.
func (m *Model) ContextLength() int { return m.order - 1 }

// lookup returns the node of the last k−1 tokens of h at order k, nil when
// that context was never seen or h is too short.
func (m *Model) lookup(buf []byte, h []int, k int) *node {
	if len(h) < k-1 {
		return nil
	}
	buf = appendKey(buf[:0], h[len(h)-(k-1):])
	return m.contexts[k-1][string(buf)]
}

// Prob returns P(w | history) by the recursion in the package comment,
// using the last n−1 tokens of history. O(n log V).
func (m *Model) Prob(history []int, w int) float64 {
	if w < 0 || w >= m.vocab {
		panic(fmt.Sprintf("ngram: Prob: token %d outside [0, %d)", w, m.vocab))
	}
	buf := make([]byte, 0, keyBytes*m.order)
	p := 1 / float64(m.vocab)
	for k := 1; k <= m.order; k++ {
		n := m.lookup(buf, history, k)
		if n == nil {
			continue
		}
		d := m.discount[k-1]
		p = max(n.count(w)-d, 0)/n.total + d*float64(len(n.next))/n.total*p
	}
	return p
}

// Dist returns P(· | history) over the whole vocabulary; it sums to 1 and
// no entry is 0. O(n · V).
func (m *Model) Dist(history []int) []float64 {
	buf := make([]byte, 0, keyBytes*m.order)
	p := make([]float64, m.vocab)
	for i := range p {
		p[i] = 1 / float64(m.vocab)
	}
	for k := 1; k <= m.order; k++ {
		n := m.lookup(buf, history, k)
		if n == nil {
			continue
		}
		d := m.discount[k-1]
		lambda := d * float64(len(n.next)) / n.total
		for i := range p {
			p[i] *= lambda
		}
		for i, w := range n.next {
			p[w] += max(n.counts[i]-d, 0) / n.total
		}
	}
	return p
}

// Support returns the tokens of the training text, ascending: every other
// token has the same probability in every context (SparseDist's base).
// The slice is shared; do not modify it.
func (m *Model) Support() []int32 {
	m.supportOnce.Do(func() {
		m.index = make([]int32, m.vocab)
		for i := range m.index {
			m.index[i] = -1
		}
		if n := m.contexts[0][""]; n != nil { // order 1 has every token as a follower
			m.support = n.next
		}
		for j, w := range m.support {
			m.index[w] = int32(j)
		}
	})
	return m.support
}

// SparseDist writes P(Support()[j] | history) into probs[j] and returns the
// probability base of each token outside Support(). It evaluates the
// recursion of the package comment from the longest context down,
//
//	P(w | h) = Σ_k (Π_{j>k} λ_j) · max(c_k(h w) − D_k, 0)/c_k(h ·)  +  Π_k λ_k / V,
//	λ_k = D_k · N1+(h ·)/c_k(h ·)  (1 for an unseen context),
//
// in O(n + Σ_k N1+(h ·) + len(Support())) instead of Dist's O(n · V). It
// panics unless len(probs) = len(Support()).
func (m *Model) SparseDist(history []int, probs []float64) (base float64) {
	support := m.Support()
	if len(probs) != len(support) {
		panic(fmt.Sprintf("ngram: SparseDist: %d probabilities for a support of %d", len(probs), len(support)))
	}
	var arr [keyBytes * 8]byte
	var found [16]*node
	nodes := found[:0]
	for k := 1; k <= m.order; k++ {
		n := m.lookup(arr[:0], history, k)
		if n == nil { // nor is any longer context seen: its suffix was not
			break
		}
		nodes = append(nodes, n)
	}
	for len(nodes) < m.order {
		nodes = append(nodes, nil)
	}
	clear(probs)
	w := 1.0 // Π of the λ of the longer contexts
	for k := m.order; k >= 1; k-- {
		if n := nodes[k-1]; n != nil {
			w = float64(w * float64(m.discount[k-1]*float64(len(n.next))) / n.total)
		}
	}
	base = w / float64(m.vocab)
	w = 1
	for k := m.order; k >= 2; k-- {
		n := nodes[k-1]
		if n == nil {
			continue
		}
		d := m.discount[k-1]
		scale := w / n.total
		for i, t := range n.next {
			probs[m.index[t]] += float64(max(n.counts[i]-d, 0) * scale)
		}
		w = float64(w * float64(d*float64(len(n.next))) / n.total)
	}
	// Order 1's followers are the support itself, in order: one pass sets
	// base plus its term (the longer orders were added first).
	n, d := nodes[0], m.discount[0]
	if n == nil { // an empty training text
		return base
	}
	scale := w / n.total
	for j, c := range n.counts {
		probs[j] += base + float64(max(c-d, 0)*scale)
	}
	return base
}

// NextLogProbs returns ln P(· | history), O(n · V).
func (m *Model) NextLogProbs(history []int) []float64 {
	p := m.Dist(history)
	for i, v := range p {
		p[i] = math.Log(v)
	}
	return p
}

// Score scores window[from:] (see lmeval.Model): O(n log V) per token, plus
// O(n · V) per token when entropy is asked for.
func (m *Model) Score(window []int, from int, entropy bool) []lmeval.TokenScore {
	out := make([]lmeval.TokenScore, 0, len(window)-from)
	for i := from; i < len(window); i++ {
		h := window[max(0, i-(m.order-1)):i]
		s := lmeval.TokenScore{LogProb: math.Log(m.Prob(h, window[i])), Entropy: math.NaN()}
		if entropy {
			s.Entropy = probability.Entropy(m.Dist(h))
		}
		out = append(out, s)
	}
	return out
}
