package sampling_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/bitsandlogits/course/internal/golden"
	"github.com/bitsandlogits/course/pkg/sampling"
)

type maskCase struct {
	K      int     `json:"k"`
	P      float64 `json:"p"`
	MinP   float64 `json:"min_p"`
	Mass   float64 `json:"mass"`
	Logits []golden.Float
}

// TestGoldenMasks compares every filter with the rules of Hugging Face's
// logits warpers, evaluated in PyTorch by testdata/golden/gen.py: the same
// tokens must survive, with their logits unchanged.
func TestGoldenMasks(t *testing.T) {
	var g struct {
		Cases []struct {
			Name    string
			Logits  []golden.Float
			TopK    []maskCase `json:"top_k"`
			TopP    []maskCase `json:"top_p"`
			MinP    []maskCase `json:"min_p"`
			Typical []maskCase
		}
	}
	if err := golden.Load("sampling.json", &g); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range g.Cases {
		z := golden.Floats(c.Logits)
		check := func(what string, got []float64, want []golden.Float) {
			t.Helper()
			n++
			for i := range got {
				if got[i] != float64(want[i]) {
					t.Errorf("%s %s: token %d: got logit %v, HF rule gives %v", c.Name, what, i, got[i], float64(want[i]))
					return
				}
			}
		}
		for _, m := range c.TopK {
			check(fmt.Sprintf("TopK(k=%d)", m.K), sampling.TopK(z, m.K), m.Logits)
		}
		for _, m := range c.TopP {
			check(fmt.Sprintf("TopP(p=%g)", m.P), sampling.TopP(z, m.P), m.Logits)
		}
		for _, m := range c.MinP {
			check(fmt.Sprintf("MinP(%g)", m.MinP), sampling.MinP(z, m.MinP), m.Logits)
		}
		for _, m := range c.Typical {
			check(fmt.Sprintf("Typical(%g)", m.Mass), sampling.Typical(z, m.Mass), m.Logits)
		}
	}
	if n < 80 {
		t.Fatalf("only %d golden mask cases", n)
	}
}

func kept(z []float64) []int {
	var out []int
	for i, v := range z {
		if !math.IsInf(v, -1) {
			out = append(out, i)
		}
	}
	return out
}
