package viz_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"

	"github.com/bitsandlogits/course/pkg/viz"
)

// describe decodes a PNG and reports its size in pixels and the share of
// pixels that are not white: 0% would be a blank image.
func describe(b []byte) string {
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return "not a PNG: " + err.Error()
	}
	return fmt.Sprintf("%d×%d px, ink %s", img.Bounds().Dx(), img.Bounds().Dy(), inkBand(img))
}

// inkBand classes the share of non-white pixels, so the output does not
// depend on the exact antialiasing of the font rasteriser.
func inkBand(img image.Image) string {
	b := img.Bounds()
	ink := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r&g&bl < 0xf000 {
				ink++
			}
		}
	}
	switch share := float64(ink) / float64(b.Dx()*b.Dy()); {
	case share == 0:
		return "none (blank)"
	case share < 0.01:
		return "under 1%"
	case share < 0.25:
		return "1–25%"
	default:
		return "over 25%"
	}
}

// A loss curve with the two values a lesson quotes marked on it. In a GoNB
// notebook, end with .Show() to display it inline.
func ExampleChart() {
	loss := func(p float64) float64 { return -math.Log(p) }
	c := viz.New("Cross-entropy of the correct token", "p(correct)", "loss −ln p (nats)").
		Func("−ln p", loss, 0.005, 1).
		Mark(0.9, loss(0.9), "p = 0.9 → 0.105").
		Mark(0.01, loss(0.01), "p = 0.01 → 4.61")
	b, err := c.PNG()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(describe(b))
	// Output: 1200×800 px, ink 1–25%
}

// Small multiples: one panel per setting, three per row, in one image of
// three 300×200 panels at twice the resolution.
func ExampleGridPNG() {
	var panels []*viz.Chart
	for _, k := range []float64{1, 2, 3} {
		panels = append(panels, viz.New(fmt.Sprintf("k = %v", k), "x", "sin(kx)").
			Func("", func(x float64) float64 { return math.Sin(k * x) }, 0, math.Pi))
	}
	b, err := viz.GridPNG(3, panels...)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(describe(b))
	// Output: 1800×400 px, ink 1–25%
}
