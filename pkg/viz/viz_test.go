package viz

import (
	"bytes"
	"image/png"
	"math"
	"strings"
	"testing"
)

func TestPNGSize(t *testing.T) {
	c := New("title", "x (nats)", "y").Func("sin", math.Sin, 0, 6).HLine("zero", 0).Mark(1.5, 1, "peak")
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Dx(); got != Width*Scale {
		t.Errorf("width = %d px, want %d", got, Width*Scale)
	}
	if got := img.Bounds().Dy(); got != Height*Scale {
		t.Errorf("height = %d px, want %d", got, Height*Scale)
	}
}

func TestGridPNGSize(t *testing.T) {
	var cs []*Chart
	for i := range 5 {
		cs = append(cs, New("panel", "x", "y").Line("", []float64{0, 1}, []float64{0, float64(i)}))
	}
	b, err := GridPNG(3, cs...)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	// 3 columns of 300 px, 2 rows of 200 px, at Scale×.
	if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w != 900*Scale || h != 400*Scale {
		t.Errorf("grid image is %d×%d px, want %d×%d", w, h, 900*Scale, 400*Scale)
	}
}

func TestBarsAndLogX(t *testing.T) {
	c := New("bars", "token", "probability").Bars([]string{"a", "b", "c"},
		Series{"true", []float64{0.5, 0.3, 0.2}}, Series{"empirical", []float64{0.45, 0.35, 0.2}})
	if _, err := c.PNG(); err != nil {
		t.Fatal(err)
	}
	l := New("log", "draws", "error").LogX().Line("err", []float64{10, 100, 1000}, []float64{0.3, 0.1, 0.03})
	if _, err := l.PNG(); err != nil {
		t.Fatal(err)
	}
}

func TestPanicsNameTheProblem(t *testing.T) {
	for name, f := range map[string]func(){
		"length": func() { New("", "", "").Line("s", []float64{1, 2}, []float64{1}) },
		"nan":    func() { New("", "", "").Points("s", []float64{1}, []float64{math.NaN()}) },
		"bars":   func() { New("", "", "").Bars([]string{"a"}, Series{"s", []float64{1, 2}}) },
		"range":  func() { New("", "", "").Func("f", math.Sin, 1, 1) },
	} {
		func() {
			defer func() {
				r := recover()
				if msg, ok := r.(string); !ok || !strings.HasPrefix(msg, "viz: ") {
					t.Errorf("%s: panic = %v, want a message starting with \"viz: \"", name, r)
				}
			}()
			f()
		}()
	}
}

func TestFuncSkipsNonFinite(t *testing.T) {
	// −ln p is +Inf at p = 0: the point is skipped, not a panic.
	c := New("", "p", "−ln p").Func("", func(p float64) float64 { return -math.Log(p) }, 0, 1)
	if _, err := c.PNG(); err != nil {
		t.Fatal(err)
	}
}

func TestBarsDataRange(t *testing.T) {
	// Adding a plotter widens the axes to its data range (bars add 5% headroom).
	c := New("", "", "").Bars([]string{"a", "b", "c"}, Series{"s", []float64{0.5, -0.2, 2}})
	if c.X.Min != -0.5 || c.X.Max != 2.5 || math.Abs(c.Y.Min+0.21) > 1e-12 || math.Abs(c.Y.Max-2.1) > 1e-12 {
		t.Errorf("axes = [%v, %v] × [%v, %v], want [-0.5, 2.5] × [-0.21, 2.1]", c.X.Min, c.X.Max, c.Y.Min, c.Y.Max)
	}
}
