package temperature_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const lesson = check.Lesson("lessons/03-temperature.md, sections “The definition” and “The two limits”")

var z = []float64{2, 1, 0.5, -1}

func TestTemperatureGolden(t *testing.T) {
	// Golden values: scipy.special.softmax(z / T).
	for _, c := range []struct {
		T    float64
		want []float64
	}{
		{0.5, []float64{0.8420335723974581, 0.1139568520151468, 0.041922383036988954, 0.0020871925504063493}},
		{1, []float64{0.6094600375988771, 0.2242078180482012, 0.1359889157935055, 0.03034322855941622}},
		{2, []float64{0.43439969997822314, 0.26347673660676174, 0.20519588879044431, 0.0969276746245708}},
	} {
		check.Slice(t, fmt.Sprintf("SoftmaxTemperature(%v, T=%v)", z, c.T), SoftmaxTemperature(z, c.T), c.want, 1e-12, lesson)
	}
}

func TestTemperatureZeroIsGreedy(t *testing.T) {
	check.Slice(t, "SoftmaxTemperature([1 3 3 2], T=0) (one-hot on the argmax, lowest index on ties)",
		SoftmaxTemperature([]float64{1, 3, 3, 2}, 0), []float64{0, 1, 0, 0}, 0, lesson)
	check.Slice(t, "SoftmaxTemperature([-5 -2 -9], T=0)",
		SoftmaxTemperature([]float64{-5, -2, -9}, 0), []float64{0, 1, 0}, 0, lesson)
}

func TestTemperatureLimits(t *testing.T) {
	hot := SoftmaxTemperature(z, 1e6)
	check.Slice(t, "SoftmaxTemperature(z, T=1e6) (T → ∞ tends to uniform)", hot, []float64{0.25, 0.25, 0.25, 0.25}, 1e-5, lesson)
	cold := SoftmaxTemperature(z, 1e-3)
	if check.Finite(t, "SoftmaxTemperature(z, T=1e-3) (z/T reaches 2000: exp overflows unless you subtract the max)", cold, lesson) {
		check.Slice(t, "SoftmaxTemperature(z, T=1e-3) (T → 0 tends to one-hot)", cold, []float64{1, 0, 0, 0}, 1e-12, lesson)
	}
	prev := 1.0
	for _, T := range []float64{0.25, 0.5, 1, 2, 4} {
		top := SoftmaxTemperature(z, T)[0]
		check.Invariant(t, "raising T lowers the top probability", top < prev,
			fmt.Sprintf("p_max at T=%v is %v, not below %v at the previous (lower) T", T, top, prev), lesson)
		prev = top
	}
}

func TestTemperatureLargeLogits(t *testing.T) {
	got := SoftmaxTemperature([]float64{800, 799, 700}, 1)
	d := 1 + math.Exp(-1) + math.Exp(-100)
	if check.Finite(t, "SoftmaxTemperature([800 799 700], T=1) (exp(800) overflows float64)", got, lesson) {
		check.Slice(t, "SoftmaxTemperature([800 799 700], T=1)", got, []float64{1 / d, math.Exp(-1) / d, math.Exp(-100) / d}, 1e-12, lesson)
	}
}

// TestTemperatureOnProbs grades the lesson's first pitfall: dividing
// probabilities by T changes nothing once they are renormalised.
func TestTemperatureOnProbs(t *testing.T) {
	pl := check.Lesson("lessons/03-temperature.md, section “Pitfalls” (dividing probabilities by T)")
	probs := []float64{0.5, 0.3, 0.2, 0}
	// Golden values: scipy.special.softmax(np.log(probs) / T).
	for _, c := range []struct {
		T    float64
		want []float64
	}{
		{0.5, []float64{0.6578947368421053, 0.23684210526315796, 0.10526315789473684, 0}},
		{2, []float64{0.4154459132503401, 0.3218030206536997, 0.2627510660959602, 0}},
		{1, []float64{0.5, 0.3, 0.2, 0}},
		{1e-4, []float64{1, 0, 0, 0}}, // 0.5^10000 underflows to 0: a naive power gives 0/0
		{0, []float64{1, 0, 0, 0}},
	} {
		got := TemperatureOnProbs(probs, c.T)
		what := fmt.Sprintf("TemperatureOnProbs(%v, T=%v)", probs, c.T)
		if check.Finite(t, what, got, pl) {
			check.Slice(t, what, got, c.want, 1e-12, pl)
		}
	}
	tied := []float64{0.25, 0.375, 0.375}
	check.Slice(t, "TemperatureOnProbs([0.25 0.375 0.375], T=0) (lowest index on ties)", TemperatureOnProbs(tied, 0), []float64{0, 1, 0}, 0, pl)
}
