package neural

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"

	"github.com/gomlx/gomlx/core/tensors"
)

// Exact is the trained MLP evaluated in plain Go, every operation a float64
// IEEE operation in a fixed order with every product rounded explicitly (no
// fused multiply-add), and exp and erf computed here rather than by package
// math, whose exp uses FMA instructions on some CPUs and not on others. Its
// probabilities are therefore the same bits on every machine, which an
// arithmetic coder needs: its encoder and decoder must compute identical
// frequencies. It is the network of the package comment,
//
//	p(· | x_{t−C} … x_{t−1}) = softmax(W₂ · gelu(W₁ · [e(x_{t−C}); …; e(x_{t−1})] + b₁) + b₂),
//
// with the exact GELU x·(1 + erf(x/√2))/2, equal to Model's float32
// GoMLX evaluation to about 1e-6. It is safe for concurrent use.
type Exact struct {
	c, e, h int
	// in[j][b]: the hidden layer's input from byte b at context position j,
	// e(b) · W₁[j·E : (j+1)·E, :], precomputed (C · 256 rows of H).
	in  [][]float64
	b1  []float64
	w2  []float32 // [H][256], read as float64 (exact)
	b2  []float64
	crc uint32
}

// Exact returns the MLP's exact evaluator; it fails for the transformer.
func (m *Model) Exact() (*Exact, error) {
	cfg := m.info.Config
	if cfg.Arch == Transformer {
		return nil, errors.New("neural: Exact: only the MLP has an exact evaluator")
	}
	vars := map[string][]float32{}
	crc := crc32.NewIEEE()
	for _, name := range []string{"embed/embeddings", "hidden/dense/weights", "hidden/dense/biases", "output/dense/weights", "output/dense/biases"} {
		v := m.store.GetVariable("/" + scopeName + "/" + name)
		if v == nil {
			return nil, fmt.Errorf("neural: Exact: no variable %s", name)
		}
		flat := tensors.MustCopyFlatData[float32](v.MustValue())
		vars[name] = flat
		for _, f := range flat {
			crc.Write(binary.LittleEndian.AppendUint32(nil, math.Float32bits(f)))
		}
	}
	c, e, h := cfg.Context, cfg.Embed, cfg.Hidden
	emb, w1 := vars["embed/embeddings"], vars["hidden/dense/weights"] // [256][E], [C·E][H]
	x := &Exact{c: c, e: e, h: h, crc: crc.Sum32(), in: make([][]float64, c*Vocab)}
	for j := range c {
		for b := range Vocab {
			row := make([]float64, h)
			for k := range e {
				eb := float64(emb[b*e+k])
				w := w1[(j*e+k)*h:]
				for u := range h {
					row[u] += float64(eb * float64(w[u]))
				}
			}
			x.in[j*Vocab+b] = row
		}
	}
	x.b1 = f64(vars["hidden/dense/biases"])
	x.w2 = vars["output/dense/weights"]
	x.b2 = f64(vars["output/dense/biases"])
	return x, nil
}

func f64(v []float32) []float64 {
	out := make([]float64, len(v))
	for i, f := range v {
		out[i] = float64(f)
	}
	return out
}

// ContextLength returns C.
func (x *Exact) ContextLength() int { return x.c }

// WeightsCRC returns the CRC-32 (IEEE) of the weights' float32 bits: it
// names the model in a compressed file's header.
func (x *Exact) WeightsCRC() uint32 { return x.crc }

// Dist writes p(· | the last C bytes of history) into p (256 entries),
// history left-padded with byte 0 as in training. hidden is scratch of H
// entries (nil allocates).
func (x *Exact) Dist(history []byte, p, hidden []float64) {
	if len(p) != Vocab {
		panic("neural: Exact.Dist: want 256 probabilities")
	}
	if len(hidden) != x.h {
		hidden = make([]float64, x.h)
	}
	copy(hidden, x.b1)
	for j := range x.c {
		b := 0 // padding
		if i := len(history) - x.c + j; i >= 0 {
			b = int(history[i])
		}
		for u, v := range x.in[j*Vocab+b] {
			hidden[u] += v
		}
	}
	copy(p, x.b2)
	for u, a := range hidden {
		g := float64(0.5 * float64(a*float64(1+erf(float64(a*math.Sqrt2/2)))))
		w := x.w2[u*Vocab : (u+1)*Vocab]
		for v := range p {
			p[v] += float64(g * float64(w[v]))
		}
	}
	softmaxExact(p)
}

// softmaxExact replaces logits z by exp(z − max z)/Σ exp(z − max z).
func softmaxExact(z []float64) {
	m := z[0]
	for _, v := range z {
		m = max(m, v)
	}
	var sum float64
	for i, v := range z {
		z[i] = expExact(v - m)
		sum += z[i]
	}
	for i := range z {
		z[i] /= sum
	}
}

// expExact returns e^x for x ≤ 0 to within a few ulps: x = k·ln 2 + r with
// |r| ≤ ln 2 / 2, e^r by its Taylor polynomial of degree 13 (Horner, each
// step rounded), times 2^k (exact).
func expExact(x float64) float64 {
	if x < -745 || math.IsNaN(x) {
		return 0
	}
	const ln2Hi, ln2Lo = 6.93147180369123816490e-01, 1.90821492927058770002e-10 // ln 2 = hi + lo, hi·k exact
	k := math.Floor(float64(x*math.Log2E) + 0.5)
	r := float64(x-float64(k*ln2Hi)) - float64(k*ln2Lo)
	p := invFact[13]
	for n := 12; n >= 0; n-- {
		p = float64(p*r) + invFact[n]
	}
	return math.Ldexp(p, int(k))
}

// invFact[n] = 1/n!, invOdd[n] = 1/(2n+1), rounded once: a table turns a
// chain of divisions into multiplications.
var invFact, invOdd = func() (f [14]float64, o [128]float64) {
	fact := 1.0
	for n := range f {
		if n > 0 {
			fact *= float64(n)
		}
		f[n] = 1 / fact
	}
	for n := range o {
		o[n] = 1 / float64(2*n+1)
	}
	return f, o
}()

// erf returns the error function by the series
//
//	erf(x) = 2/√π · e^{−x²} · Σ_{n≥0} 2ⁿ x^{2n+1} / (1·3·…·(2n+1)),
//
// whose terms are positive (no cancellation), summed until they no longer
// change the sum; |x| ≥ 6 gives ±1 (1 − erf(6) < 2^−53).
func erf(x float64) float64 {
	if x >= 6 {
		return 1
	}
	if x <= -6 {
		return -1
	}
	x2 := float64(x * x)
	term, sum := x, x
	for n := 1; n < len(invOdd); n++ {
		term = float64(float64(term*float64(2*x2)) * invOdd[n])
		next := sum + term
		if next == sum {
			break
		}
		sum = next
	}
	return float64(float64(2/math.SqrtPi*expExact(-x2)) * sum)
}

// Hidden returns H.
func (x *Exact) Hidden() int { return x.h }
