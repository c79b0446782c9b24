// Mutant: min-p decided on the T = 1 distribution and temperature applied after it (llama.cpp's default order), where the contract asks for Hugging Face's temperature first (lesson 09, “Order of application”).

//go:build ignore

package samplers

// TemperatureMinP applies temperature T > 0 and then the min-p filter, in
// Hugging Face's order: it returns logits[i] / T for the tokens whose
// probability under softmax(logits / T) is at least minP times the largest,
// and −Inf for the others. The input is not modified.
func TemperatureMinP(logits []float64, T, minP float64) []float64 {
	z := MinP(logits, minP)
	for i := range z {
		z[i] /= T
	}
	return z
}
