// Mutant: Objective forgets the reference in the KL term (Σ π ln π, i.e. a reference of 1): the lesson's pitfall "forgetting the reference".
// Package rlhf is exercise 17: the optimum of the KL-penalised RLHF
// objective, which DPO reaches too, over a small set of responses.
package rlhf

import "math"

// logits returns ln π_ref(y) + r(y)/β (−Inf where π_ref(y) = 0) and its maximum.
func logits(ref, reward []float64, beta float64) ([]float64, float64) {
	l := make([]float64, len(ref))
	m := math.Inf(-1)
	for i := range ref {
		l[i] = math.Log(ref[i]) + reward[i]/beta
		m = max(m, l[i])
	}
	return l, m
}

// OptimalPolicy returns the policy π* that maximises Objective for the
// given reference, rewards and β. It must not overflow for r/β in the
// thousands, and a response with π_ref(y) = 0 keeps π*(y) = 0.
// π*(y) = π_ref(y) · exp(r(y)/β) / Z, Z = Σ_y π_ref(y) · exp(r(y)/β).
func OptimalPolicy(ref, reward []float64, beta float64) []float64 {
	l, m := logits(ref, reward, beta)
	sum := 0.0
	for i := range l {
		l[i] = math.Exp(l[i] - m)
		sum += l[i]
	}
	for i := range l {
		l[i] /= sum
	}
	return l
}

// Objective returns J(π) = Σ_y π(y) r(y) − β · KL(π ‖ π_ref), with
// 0 · ln 0 = 0 in the KL. It is −Inf when π puts mass where π_ref has none.
func Objective(pi, ref, reward []float64, beta float64) float64 {
	j := 0.0
	for i, p := range pi {
		if p > 0 {
			j += p*reward[i] - beta*p*math.Log(p)
		}
	}
	return j
}

// OptimalValue returns J(π*), the largest value Objective can take for the
// given reference, rewards and β, computed without overflow for r/β in the
// thousands. J(π*) = β ln Z.
func OptimalValue(ref, reward []float64, beta float64) float64 {
	l, m := logits(ref, reward, beta)
	sum := 0.0
	for _, v := range l {
		sum += math.Exp(v - m)
	}
	return beta * (m + math.Log(sum))
}

// DPOGradient returns the gradient of the DPO loss of one preference pair
// (response `chosen` preferred to response `rejected`) with respect to the
// logits θ of the policy π_θ = softmax(θ) over a finite set of responses,
// with the fixed reference ref and strength β (the loss of exercise 13:
// −ln σ(β[(ln π_θ(y_c) − ln ref(y_c)) − (ln π_θ(y_r) − ln ref(y_r))])).
func DPOGradient(logits, ref []float64, chosen, rejected int, beta float64) []float64 {
	// ∂ ln π(y)/∂θ = e_y − π, so the margin's gradient is (e_c − π) − (e_r − π)
	// = e_c − e_r: π cancels. With z = β h, d(−ln σ(z))/dz = −σ(−z).
	lp := func(y int) float64 { return logSoftmaxAt(logits, y) - math.Log(ref[y]) }
	z := beta * (lp(chosen) - lp(rejected))
	w := -beta * sigmoid(-z)
	g := make([]float64, len(logits))
	g[chosen] += w
	g[rejected] -= w
	return g
}

// logSoftmaxAt returns ln softmax(x)_i.
func logSoftmaxAt(x []float64, i int) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = max(m, v)
	}
	s := 0.0
	for _, v := range x {
		s += math.Exp(v - m)
	}
	return x[i] - m - math.Log(s)
}

// sigmoid returns 1/(1 + e^−z) without overflow.
func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}
