package viz_test

import (
	"fmt"
	"math"

	"github.com/bitsandlogits/course/pkg/viz"
)

// A loss curve with the two values a lesson quotes marked on it. In a GoNB
// notebook, end with .Show() to display it inline.
func ExampleChart() {
	loss := func(p float64) float64 { return -math.Log(p) }
	c := viz.New("Cross-entropy of the correct token", "p(correct)", "loss −ln p (nats)").
		Func("−ln p", loss, 0.005, 1).
		Mark(0.9, loss(0.9), "p = 0.9 → 0.105").
		Mark(0.01, loss(0.01), "p = 0.01 → 4.61")
	png, err := c.PNG()
	fmt.Println(err, len(png) > 0)
	// Output: <nil> true
}

// Small multiples: one panel per setting, three per row, in one image.
func ExampleGridPNG() {
	var panels []*viz.Chart
	for _, k := range []float64{1, 2, 3} {
		panels = append(panels, viz.New(fmt.Sprintf("k = %v", k), "x", "sin(kx)").
			Func("", func(x float64) float64 { return math.Sin(k * x) }, 0, math.Pi))
	}
	png, err := viz.GridPNG(3, panels...)
	fmt.Println(err, len(png) > 0)
	// Output: <nil> true
}
