package rows

import (
	"math"

	"github.com/bitsandlogits/course/internal/vecmath"
)

// KL writes, for each pair of rows (p, q) of two logit batches, the
// Kullback–Leibler divergence KL(softmax(p) ‖ softmax(q)) in nats:
//
//	KL = Σᵢ Pᵢ (ln Pᵢ − ln Qᵢ) = Σᵢ Pᵢ (pᵢ − qᵢ − c) − (ln Sₚ − ln S_q),
//
// with c = mₚ − m_q, m the row maxima and S = Σ exp(x − m). It is the
// forward KL when p is the data (or teacher) and q the model; swap the
// arguments for the reverse KL(q‖p). Tokens with Pᵢ = 0 add nothing; a
// token with Pᵢ > 0 = Qᵢ gives +Inf.
//
// It panics unless p and q have the same shape. Time O(rows·V): four
// passes per row.
func KL(dst, p, q []float32, v int) {
	n := numRows("KL", p, v)
	checkLen("KL", "q", len(q), len(p))
	checkLen("KL", "dst", len(dst), n)
	forRowsAhead(n, rowsOf(p, v), func(r int, s *scratch) {
		pr, qr := p[r*v:(r+1)*v], q[r*v:(r+1)*v]
		mp := s.rowMax(pr)
		mq, lq := rowLSE(qr)
		sp, d, nm := vecmath.ExpSumDiffNext(pr, qr, s.ahead.next, 1, mp, mp-mq)
		s.ahead.took(nm)
		dst[r] = float32(d/sp - (math.Log(sp) - lq))
	})
}

// JS writes, for each pair of rows (p, q), the Jensen–Shannon divergence
// between P = softmax(p) and Q = softmax(q), in nats:
//
//	JS = ½ KL(P‖M) + ½ KL(Q‖M),  M = ½(P + Q),
//
// which is symmetric, finite and in [0, ln 2]. Each term is computed as
// Pᵢ ln(2Pᵢ/(Pᵢ+Qᵢ)) in float64 from the log-probabilities.
//
// It panics unless p and q have the same shape. Time O(rows·V); it calls
// two scalar float64 exps and a log per token, so it is several times
// slower than [KL].
func JS(dst, p, q []float32, v int) {
	n := numRows("JS", p, v)
	checkLen("JS", "q", len(q), len(p))
	checkLen("JS", "dst", len(dst), n)
	forRows(n, func(r int, _ *scratch) {
		pr, qr := p[r*v:(r+1)*v], q[r*v:(r+1)*v]
		mp, lp := rowLSE(pr)
		mq, lq := rowLSE(qr)
		var js float64
		for i := range pr {
			// ln Pᵢ = (xᵢ − m) − ln S: subtracting m first keeps ln S
			// from being rounded away when |m| is large.
			a, b := (float64(pr[i])-float64(mp))-lp, (float64(qr[i])-float64(mq))-lq
			pa, pb := math.Exp(a), math.Exp(b)
			if pa == 0 && pb == 0 {
				continue
			}
			lm := math.Log(0.5*pa + 0.5*pb)
			if pa > 0 {
				js += pa * (a - lm)
			}
			if pb > 0 {
				js += pb * (b - lm)
			}
		}
		dst[r] = float32(math.Max(0, 0.5*js))
	})
}
