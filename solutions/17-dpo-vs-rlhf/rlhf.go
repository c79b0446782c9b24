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

// OptimalPolicy returns π*(y) = π_ref(y) · exp(r(y)/β) / Z with
// Z = Σ_y π_ref(y) · exp(r(y)/β): the policy that maximises Objective.
// It must not overflow for r/β in the thousands, and a response with
// π_ref(y) = 0 keeps π*(y) = 0.
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
			j += p*reward[i] - beta*p*math.Log(p/ref[i])
		}
	}
	return j
}

// OptimalValue returns J(π*) = β · ln Z = β · ln Σ_y π_ref(y) · exp(r(y)/β),
// computed without overflow.
func OptimalValue(ref, reward []float64, beta float64) float64 {
	l, m := logits(ref, reward, beta)
	sum := 0.0
	for _, v := range l {
		sum += math.Exp(v - m)
	}
	return beta * (m + math.Log(sum))
}
