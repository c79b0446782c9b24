package probability_test

import (
	"fmt"
	"testing"

	"github.com/bitsandlogits/course/internal/golden"
	"github.com/bitsandlogits/course/pkg/probability"
)

// Tolerances against the peers: the same float64 algorithms, so agreement to
// 1e-12 relative; absolute 1e-15 for values that are 0 up to rounding.
const rel, abs = 1e-12, 1e-15

type goldenCases struct {
	Cases struct {
		Softmax []struct {
			Name         string
			Logits       []golden.Float
			Temperature  float64
			Softmax      []golden.Float
			LogSoftmax   []golden.Float `json:"log_softmax"`
			LogSumExp    golden.Float   `json:"logsumexp"`
			CrossEntropy []struct {
				Target int
				Loss   golden.Float
			} `json:"cross_entropy"`
		}
		Entropy []struct {
			Name        string
			P           []golden.Float
			Entropy     golden.Float
			EntropyBits golden.Float `json:"entropy_bits"`
		}
		Divergence []struct {
			Name         string
			P, Q         []golden.Float
			CrossEntropy golden.Float `json:"cross_entropy"`
			KLpq         golden.Float `json:"kl_pq"`
			KLqp         golden.Float `json:"kl_qp"`
			JS           golden.Float
		}
		MutualInformation []struct {
			Name     string
			Joint    [][]golden.Float
			MI       golden.Float `json:"mi"`
			HXGivenY golden.Float `json:"h_x_given_y"`
		} `json:"mutual_information"`
		Perplexity []struct {
			Name       string
			LogProbs   []golden.Float `json:"log_probs"`
			Perplexity golden.Float
		}
		DPO []struct {
			PolicyChosen   float64 `json:"policy_chosen"`
			PolicyRejected float64 `json:"policy_rejected"`
			RefChosen      float64 `json:"ref_chosen"`
			RefRejected    float64 `json:"ref_rejected"`
			Beta           float64
			Sigmoid, Hinge golden.Float
			IPO            golden.Float `json:"ipo"`
		}
		BinaryEntropy []struct {
			P       float64
			Entropy golden.Float
		} `json:"binary_entropy"`
	}
}

func loadGolden(t *testing.T) goldenCases {
	t.Helper()
	var g goldenCases
	if err := golden.Load("probability.json", &g); err != nil {
		t.Fatal(err)
	}
	return g
}

func checkClose(t *testing.T, what string, got, want float64) {
	t.Helper()
	if !golden.Close(got, want, rel, abs) {
		t.Errorf("%s = %.17g, peer says %.17g (diff %.3g)", what, got, want, got-want)
	}
}

func checkAllClose(t *testing.T, what string, got []float64, want []golden.Float) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: len %d, want %d", what, len(got), len(want))
	}
	for i := range got {
		checkClose(t, fmt.Sprintf("%s[%d]", what, i), got[i], float64(want[i]))
	}
}

func TestGoldenSoftmaxFamily(t *testing.T) {
	g := loadGolden(t)
	if len(g.Cases.Softmax) < 40 {
		t.Fatalf("only %d softmax cases in the golden file", len(g.Cases.Softmax))
	}
	for _, c := range g.Cases.Softmax {
		t.Run(fmt.Sprintf("%s/T=%g", c.Name, c.Temperature), func(t *testing.T) {
			z := golden.Floats(c.Logits)
			zt := make([]float64, len(z))
			for i, v := range z {
				zt[i] = v / c.Temperature
			}
			checkAllClose(t, "SoftmaxTemperature", probability.SoftmaxTemperature(z, c.Temperature), c.Softmax)
			checkAllClose(t, "Softmax(z/T)", probability.Softmax(zt), c.Softmax)
			checkAllClose(t, "LogSoftmax(z/T)", probability.LogSoftmax(zt), c.LogSoftmax)
			checkClose(t, "LogSumExp(z/T)", probability.LogSumExp(zt), float64(c.LogSumExp))
			for _, ce := range c.CrossEntropy {
				checkClose(t, fmt.Sprintf("CrossEntropyLoss(target %d)", ce.Target),
					probability.CrossEntropyLoss(z, ce.Target), float64(ce.Loss))
			}
		})
	}
}

func TestGoldenEntropy(t *testing.T) {
	for _, c := range loadGolden(t).Cases.Entropy {
		p := golden.Floats(c.P)
		h := probability.Entropy(p)
		checkClose(t, c.Name+": Entropy", h, float64(c.Entropy))
		checkClose(t, c.Name+": Bits(Entropy)", probability.Bits(h), float64(c.EntropyBits))
	}
}

func TestGoldenDivergences(t *testing.T) {
	for _, c := range loadGolden(t).Cases.Divergence {
		p, q := golden.Floats(c.P), golden.Floats(c.Q)
		checkClose(t, c.Name+": CrossEntropy", probability.CrossEntropy(p, q), float64(c.CrossEntropy))
		checkClose(t, c.Name+": KL(p‖q)", probability.KLDivergence(p, q), float64(c.KLpq))
		checkClose(t, c.Name+": KL(q‖p)", probability.KLDivergence(q, p), float64(c.KLqp))
		checkClose(t, c.Name+": JS", probability.JSDivergence(p, q), float64(c.JS))
	}
}

func TestGoldenMutualInformation(t *testing.T) {
	for _, c := range loadGolden(t).Cases.MutualInformation {
		joint := make([][]float64, len(c.Joint))
		for i, row := range c.Joint {
			joint[i] = golden.Floats(row)
		}
		checkClose(t, c.Name+": MutualInformation", probability.MutualInformation(joint), float64(c.MI))
		checkClose(t, c.Name+": ConditionalEntropy", probability.ConditionalEntropy(joint), float64(c.HXGivenY))
	}
}

func TestGoldenPerplexity(t *testing.T) {
	for _, c := range loadGolden(t).Cases.Perplexity {
		checkClose(t, c.Name+": Perplexity", probability.Perplexity(golden.Floats(c.LogProbs)), float64(c.Perplexity))
	}
}

func TestGoldenPreferenceLosses(t *testing.T) {
	for _, c := range loadGolden(t).Cases.DPO {
		name := fmt.Sprintf("%+v", c)
		args := []float64{c.PolicyChosen, c.PolicyRejected, c.RefChosen, c.RefRejected, c.Beta}
		checkClose(t, "DPOLoss "+name, probability.DPOLoss(args[0], args[1], args[2], args[3], args[4]), float64(c.Sigmoid))
		checkClose(t, "DPOHingeLoss "+name, probability.DPOHingeLoss(args[0], args[1], args[2], args[3], args[4]), float64(c.Hinge))
		checkClose(t, "IPOLoss "+name, probability.IPOLoss(args[0], args[1], args[2], args[3], args[4]), float64(c.IPO))
	}
}

func TestGoldenBinaryEntropy(t *testing.T) {
	for _, c := range loadGolden(t).Cases.BinaryEntropy {
		checkClose(t, fmt.Sprintf("BinaryEntropy(%g)", c.P), probability.BinaryEntropy(c.P), float64(c.Entropy))
	}
}
