package viz

import (
	"bytes"
	"image/png"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/bitsandlogits/course/internal/panictest"
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
		panictest.Check(t, name, f, "viz: ")
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

// On a log y axis gonum/plot reserves room for the y label at the wrong
// height; the chart must keep the data area of a chart with a short label
// and still draw the long label along its left edge.
func TestLogYLabelKeepsDataArea(t *testing.T) {
	chart := func(yLabel string) *Chart {
		return New("title", "x", yLabel).Line("a", []float64{1, 10}, []float64{1e-3, 1}).LogY().YRange(1e-4, 10).LegendLeft()
	}
	canvas := draw.New(vgimg.New(Width*vg.Inch/dpi, Height*vg.Inch/dpi))
	want := chart("y").DataCanvas(canvas)
	long := "standard deviation (nats, log scale)"
	c := chart(long)
	if got := c.hideLogYLabel(); got != long {
		t.Fatalf("hideLogYLabel() = %q, want %q", got, long)
	}
	if got := c.DataCanvas(canvas); got.Min.Y != want.Min.Y || got.Max.Y != want.Max.Y {
		t.Errorf("data area spans y %v…%v, want %v…%v", got.Min.Y, got.Max.Y, want.Min.Y, want.Max.Y)
	}
	c.Y.Label.Text = long

	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	if c.Y.Label.Text != long {
		t.Errorf("after PNG the y label is %q, want %q", c.Y.Label.Text, long)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	dark := 0 // pixels of the rotated label, left of the tick labels
	for x := range 14 * Scale {
		for y := Height * Scale / 4; y < Height*Scale*3/4; y++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
				dark++
			}
		}
	}
	if dark < 100 {
		t.Errorf("%d dark pixels along the left edge: the y label was not drawn", dark)
	}
	if got := chart("y").hideLogYLabel(); got != "y" {
		t.Errorf("hideLogYLabel on a short label = %q", got)
	}
	if got := New("t", "x", "y").hideLogYLabel(); got != "" {
		t.Errorf("hideLogYLabel on a linear axis = %q, want \"\"", got)
	}
}

func TestLogTicksLabelEveryDecade(t *testing.T) {
	for _, tc := range []struct {
		min, max float64
		want     string // the labels, in order
	}{
		{1e-4, 10, "0.0001 0.001 0.01 0.1 1 10"},
		{0.1, 1e4, "0.1 1 10 100 1000 10000"},
		{0.05, 0.5, "0.01 0.1 1"},
		{3, 3e6, "1 10 100 1000 10000 100000 1e+06 1e+07"},
	} {
		var labels []string
		minor := 0
		for _, tk := range (logTicks{}).Ticks(tc.min, tc.max) {
			if tk.IsMinor() {
				minor++
				continue
			}
			labels = append(labels, tk.Label)
		}
		if got := strings.Join(labels, " "); got != tc.want {
			t.Errorf("Ticks(%v, %v) labels %q, want %q", tc.min, tc.max, got, tc.want)
		}
		if want := 8 * (len(labels) - 1); minor != want {
			t.Errorf("Ticks(%v, %v): %d minor ticks, want %d", tc.min, tc.max, minor, want)
		}
	}
}

// Importing viz must not change gonum/plot's global fonts; each chart sets
// its own sans-serif face.
func TestFontsArePerChart(t *testing.T) {
	if plot.DefaultFont.Variant == "Sans" || plotter.DefaultFont.Variant == "Sans" {
		t.Errorf("global fonts changed: plot %+v, plotter %+v", plot.DefaultFont, plotter.DefaultFont)
	}
	c := New("t", "x", "y").Mark(1, 1, "m")
	for name, f := range map[string]font.Font{
		"title": c.Title.TextStyle.Font, "x label": c.X.Label.TextStyle.Font, "y label": c.Y.Label.TextStyle.Font,
		"x ticks": c.X.Tick.Label.Font, "y ticks": c.Y.Tick.Label.Font, "legend": c.Legend.TextStyle.Font,
	} {
		if f.Typeface != "Liberation" || f.Variant != "Sans" || f.Size <= 0 {
			t.Errorf("%s font = %+v, want Liberation Sans with a size", name, f)
		}
	}
	if plain := plot.New(); plain.Title.TextStyle.Font.Variant == "Sans" {
		t.Errorf("a plain gonum/plot chart got %+v after viz.New", plain.Title.TextStyle.Font)
	}
}

func TestStepTicks(t *testing.T) {
	var labels []string
	for _, tk := range stepTicks(0.5).Ticks(-0.1, 2.3) {
		labels = append(labels, tk.Label)
	}
	if got := strings.Join(labels, " "); got != "0 0.5 1 1.5 2" {
		t.Errorf("ticks of 0.5 over [-0.1, 2.3] = %q, want \"0 0.5 1 1.5 2\"", got)
	}
	labels = nil
	for _, tk := range stepTicks(0.1).Ticks(0.1, 0.5) {
		labels = append(labels, tk.Label)
	}
	if got := strings.Join(labels, " "); got != "0.1 0.2 0.3 0.4 0.5" {
		t.Errorf("ticks of 0.1 over [0.1, 0.5] = %q", got)
	}
}

// Bars on a log y axis rise from half the smallest bar, in either call order,
// and every bar leaves ink above the axis.
func TestBarsOnLogY(t *testing.T) {
	vals := []float64{0.04, 2, 100}
	before := New("", "", "").LogY().Bars([]string{"a", "b", "c"}, Series{"s", vals})
	after := New("", "", "").Bars([]string{"a", "b", "c"}, Series{"s", vals}).LogY()
	for name, c := range map[string]*Chart{"LogY first": before, "Bars first": after} {
		if c.Y.Min != 0.02 || c.Y.Max != 200 {
			t.Errorf("%s: y axis spans %v…%v, want 0.02…200", name, c.Y.Min, c.Y.Max)
		}
		if _, err := c.PNG(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
