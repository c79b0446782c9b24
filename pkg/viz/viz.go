// Package viz draws the course's charts with gonum/plot and shows them
// inline in GoNB notebooks, so that a notebook cell stays a few lines long:
//
//	c := viz.New("Softmax of two logits", "logit gap z₁ − z₂", "p₁")
//	c.Func("softmax", func(d float64) float64 { return 1 / (1 + math.Exp(-d)) }, -8, 8)
//	c.Show()
//
// Every chart carries a title, axis labels (put the unit in the label) and a
// legend entry for every named series. Charts render as PNG at 600×400 CSS
// pixels (drawn at twice that resolution so they stay sharp), which is the
// `image/png` output that the course pipeline counts as a chart.
//
// Colours and dash patterns follow the order in which series are added, so a
// chart reads the same in colour and in grey. Methods panic on programmer
// errors (mismatched lengths, NaN or ±Inf values) with a message naming the
// method and the series.
package viz

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Size of a chart shown by Show, in CSS pixels. The PNG holds Scale times as
// many pixels per side so that it stays sharp on high-density screens.
const (
	Width  = 600
	Height = 400
	Scale  = 2
)

// sans returns Liberation Sans at size points: a sans-serif face reads better
// than gonum/plot's default serif at small sizes. Charts set it on each of
// their own text styles, so importing viz leaves gonum/plot's global
// defaults (plot.DefaultFont, plotter.DefaultFont) untouched.
func sans(size float64) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: vg.Points(size)}
}

// dpi is the resolution at which one CSS pixel is 1/96 inch.
const dpi = 96

// Chart is a gonum/plot Plot that remembers how many series it holds, so
// that each new series gets the next colour and dash pattern. The embedded
// Plot stays available for anything this package does not wrap.
type Chart struct {
	*plot.Plot
	series int
	bars   []*bars // for LogY, which must move the bars' baseline off zero
}

// New returns an empty chart with a title, axis labels, a light grid and a
// legend in the top-right corner.
func New(title, xLabel, yLabel string) *Chart {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = sans(13)
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.X.Label.TextStyle.Font = sans(11)
	p.Y.Label.TextStyle.Font = sans(11)
	p.X.Tick.Label.Font = sans(9.5)
	p.Y.Tick.Label.Font = sans(9.5)
	p.Legend.Top = true
	p.Legend.TextStyle.Font = sans(9.5)
	p.Legend.ThumbnailWidth = vg.Points(22)
	p.Legend.Padding = vg.Points(1)
	p.Legend.YOffs = -vg.Points(2)
	p.Legend.XOffs = -vg.Points(6) // keep the thumbnails off the frame
	grid := plotter.NewGrid()
	grid.Vertical.Color = color.Gray{Y: 225}
	grid.Horizontal.Color = color.Gray{Y: 225}
	p.Add(grid)
	return &Chart{Plot: p}
}

// next returns the colour and dash pattern of the next series.
func (c *Chart) next() (color.Color, []vg.Length) {
	i := c.series
	c.series++
	return plotutil.Color(i), plotutil.Dashes(i)
}

// checkXY panics unless xs and ys have the same length and hold only finite
// values; gonum/plot rejects NaN and ±Inf with a less helpful error.
func checkXY(method, name string, xs, ys []float64) {
	if len(xs) != len(ys) {
		panic(fmt.Sprintf("viz: %s %q: len(xs) = %d but len(ys) = %d", method, name, len(xs), len(ys)))
	}
	for i := range xs {
		if math.IsNaN(xs[i]) || math.IsInf(xs[i], 0) || math.IsNaN(ys[i]) || math.IsInf(ys[i], 0) {
			panic(fmt.Sprintf("viz: %s %q: point %d is (%v, %v); only finite values can be drawn", method, name, i, xs[i], ys[i]))
		}
	}
}

func xys(xs, ys []float64) plotter.XYs {
	pts := make(plotter.XYs, len(xs))
	for i := range xs {
		pts[i] = plotter.XY{X: xs[i], Y: ys[i]}
	}
	return pts
}

// Line adds the polyline through (xs[i], ys[i]). An empty name adds no
// legend entry.
func (c *Chart) Line(name string, xs, ys []float64) *Chart {
	checkXY("Line", name, xs, ys)
	l, err := plotter.NewLine(xys(xs, ys))
	if err != nil {
		panic(fmt.Sprintf("viz: Line %q: %v", name, err))
	}
	l.Color, l.Dashes = c.next()
	l.Width = vg.Points(2)
	c.Add(l)
	if name != "" {
		c.Legend.Add(name, l)
	}
	return c
}

// Func adds the curve y = f(x) sampled at 400 evenly spaced points of
// [lo, hi]; points where f is NaN or ±Inf are skipped.
func (c *Chart) Func(name string, f func(x float64) float64, lo, hi float64) *Chart {
	if !(lo < hi) {
		panic(fmt.Sprintf("viz: Func %q: need lo < hi, got [%v, %v]", name, lo, hi))
	}
	const n = 400
	var xs, ys []float64
	for i := range n {
		x := lo + (hi-lo)*float64(i)/(n-1)
		if y := f(x); !math.IsNaN(y) && !math.IsInf(y, 0) {
			xs, ys = append(xs, x), append(ys, y)
		}
	}
	return c.Line(name, xs, ys)
}

// Points adds a scatter of (xs[i], ys[i]) drawn as filled circles (smaller
// when there are more than 300 points).
func (c *Chart) Points(name string, xs, ys []float64) *Chart {
	checkXY("Points", name, xs, ys)
	s, err := plotter.NewScatter(xys(xs, ys))
	if err != nil {
		panic(fmt.Sprintf("viz: Points %q: %v", name, err))
	}
	col, _ := c.next()
	s.Color = col
	s.Shape = draw.CircleGlyph{}
	s.Radius = vg.Points(3)
	if len(xs) > 300 {
		s.Radius = vg.Points(1.5) // dense clouds stay readable
	}
	c.Add(s)
	if name != "" {
		c.Legend.Add(name, s)
	}
	return c
}

// Series is one named row of values for Bars: Values[i] belongs to the i-th
// category.
type Series struct {
	Name   string
	Values []float64
}

// Bars draws grouped bars: one group per category, one bar per series in
// each group, categories named along the x axis. Bars are sized in data
// units (a group fills 80% of its slot), so they scale with the panel.
func (c *Chart) Bars(categories []string, series ...Series) *Chart {
	if len(series) == 0 {
		panic("viz: Bars: no series")
	}
	const groupWidth = 0.8
	w := groupWidth / float64(len(series))
	for k, s := range series {
		if len(s.Values) != len(categories) {
			panic(fmt.Sprintf("viz: Bars: series %q has %d values for %d categories", s.Name, len(s.Values), len(categories)))
		}
		for j, v := range s.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				panic(fmt.Sprintf("viz: Bars: series %q value %d is %v", s.Name, j, v))
			}
		}
		col, _ := c.next()
		b := &bars{values: s.Values, offset: -groupWidth/2 + float64(k)*w, width: w, color: col}
		c.Add(b)
		c.bars = append(c.bars, b)
		if s.Name != "" {
			c.Legend.Add(s.Name, b)
		}
	}
	c.NominalX(categories...)
	c.logBarBase()
	return c
}

// logBarBase fits a log y axis to the bars: bars pull its bottom down to 0,
// which a log scale cannot show, so it starts at half the smallest positive
// bar instead, and it ends at twice the tallest, the log-scale equivalent of
// the 5% headroom on a linear axis. It does nothing on a linear axis.
func (c *Chart) logBarBase() {
	if _, isLog := c.Y.Scale.(plot.LogScale); !isLog || len(c.bars) == 0 {
		return
	}
	low, high := math.Inf(1), 0.0
	for _, b := range c.bars {
		for _, v := range b.values {
			if v > 0 {
				low, high = min(low, v), max(high, v)
			}
		}
	}
	if math.IsInf(low, 1) {
		return
	}
	if c.Y.Min <= 0 {
		c.Y.Min = low / 2
	}
	c.Y.Max = max(c.Y.Max, 2*high)
}

// bars is one series of a grouped bar chart: value i is drawn as a bar from
// 0 to values[i] over [i+offset, i+offset+width] in data units.
type bars struct {
	values        []float64
	offset, width float64
	color         color.Color
}

// On a log y axis bars start at the bottom of the axis instead of at 0, and
// values ≤ 0 are not drawn.
func (b *bars) Plot(dc draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&dc)
	_, isLog := p.Y.Scale.(plot.LogScale)
	for i, v := range b.values {
		var base vg.Length
		switch {
		case !isLog:
			base = trY(0)
		case v <= 0:
			continue
		default:
			base = dc.Min.Y
		}
		x0, x1 := trX(float64(i)+b.offset), trX(float64(i)+b.offset+b.width)
		dc.FillPolygon(b.color, dc.ClipPolygonXY(pathPoints(x0, x1, base, trY(v))))
	}
}

// pathPoints lists the corners of a rectangle.
func pathPoints(x0, x1, y0, y1 vg.Length) []vg.Point {
	return []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
}

func (b *bars) DataRange() (xmin, xmax, ymin, ymax float64) {
	ymin, ymax = 0, 0
	for _, v := range b.values {
		ymin, ymax = min(ymin, v), max(ymax, v)
	}
	// 5% headroom so that the tallest bar does not touch the frame.
	return -0.5, float64(len(b.values)) - 0.5, 1.05 * ymin, 1.05 * ymax
}

func (b *bars) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(b.color, pathPoints(c.Min.X, c.Max.X, c.Min.Y, c.Max.Y))
}

// VLine adds a dashed vertical reference line at x.
func (c *Chart) VLine(name string, x float64) *Chart {
	return c.refLine(name, []float64{x, x}, nil)
}

// HLine adds a dashed horizontal reference line at y.
func (c *Chart) HLine(name string, y float64) *Chart {
	return c.refLine(name, nil, []float64{y, y})
}

// refLine draws a grey dashed line across the current data range; ranges are
// read when the chart is drawn, so reference lines may be added first.
func (c *Chart) refLine(name string, xs, ys []float64) *Chart {
	if xs == nil && (math.IsNaN(ys[0]) || math.IsInf(ys[0], 0)) || ys == nil && (math.IsNaN(xs[0]) || math.IsInf(xs[0], 0)) {
		panic(fmt.Sprintf("viz: reference line %q at a non-finite value", name))
	}
	r := &refLine{xs: xs, ys: ys}
	r.LineStyle = draw.LineStyle{Color: color.Gray{Y: 90}, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(5), vg.Points(4)}}
	c.Add(r)
	if name != "" {
		c.Legend.Add(name, r)
	}
	return c
}

// refLine is a vertical (ys == nil) or horizontal (xs == nil) line spanning
// the whole plot area.
type refLine struct {
	xs, ys []float64
	draw.LineStyle
}

func (r *refLine) Plot(dc draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&dc)
	if r.ys == nil {
		x := trX(r.xs[0])
		dc.StrokeLine2(r.LineStyle, x, dc.Min.Y, x, dc.Max.Y)
		return
	}
	y := trY(r.ys[0])
	dc.StrokeLine2(r.LineStyle, dc.Min.X, y, dc.Max.X, y)
}

// DataRange makes the line's coordinate part of the axis range.
func (r *refLine) DataRange() (xmin, xmax, ymin, ymax float64) {
	if r.ys == nil {
		return r.xs[0], r.xs[0], math.Inf(1), math.Inf(-1)
	}
	return math.Inf(1), math.Inf(-1), r.ys[0], r.ys[0]
}

// Thumbnail draws the legend sample.
func (r *refLine) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(r.LineStyle, c.Min.X, y, c.Max.X, y)
}

// Mark draws a point at (x, y) with a text label beside it, for calling out
// a value the lesson quotes.
func (c *Chart) Mark(x, y float64, label string) *Chart {
	checkXY("Mark", label, []float64{x}, []float64{y})
	s, err := plotter.NewScatter(plotter.XYs{{X: x, Y: y}})
	if err != nil {
		panic(fmt.Sprintf("viz: Mark %q: %v", label, err))
	}
	s.Color = color.Black
	s.Shape = draw.CircleGlyph{}
	s.Radius = vg.Points(3.5)
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: x, Y: y}}, Labels: []string{label}})
	if err != nil {
		panic(fmt.Sprintf("viz: Mark %q: %v", label, err))
	}
	l.Offset = vg.Point{X: vg.Points(6), Y: vg.Points(2)}
	l.TextStyle[0].Font = sans(11)
	c.Add(s, l)
	return c
}

// LogX puts the x axis on a base-10 log scale with ticks at powers of ten.
// Every x value on the chart must then be positive.
func (c *Chart) LogX() *Chart {
	c.X.Scale = plot.LogScale{}
	c.X.Tick.Marker = logTicks{}
	return c
}

// LogY puts the y axis on a base-10 log scale with ticks at powers of ten.
// Every y value on the chart must then be positive, except bar heights:
// bars rise from the bottom of the axis, which sits at half the smallest
// positive bar unless YRange sets it.
func (c *Chart) LogY() *Chart {
	c.Y.Scale = plot.LogScale{}
	c.Y.Tick.Marker = logTicks{}
	c.logBarBase()
	return c
}

// XStep labels the x axis at every multiple of step, replacing gonum/plot's
// automatic ticks (which can land on values such as 0.25, 1.25, 2.25).
func (c *Chart) XStep(step float64) *Chart {
	c.X.Tick.Marker = stepTicks(checkStep("XStep", step))
	return c
}

// YStep labels the y axis at every multiple of step.
func (c *Chart) YStep(step float64) *Chart {
	c.Y.Tick.Marker = stepTicks(checkStep("YStep", step))
	return c
}

func checkStep(method string, step float64) float64 {
	if !(step > 0) || math.IsInf(step, 1) {
		panic(fmt.Sprintf("viz: %s(%v): the step must be positive and finite", method, step))
	}
	return step
}

// stepTicks puts a labelled tick at every multiple of its value in the
// axis range.
type stepTicks float64

// Ticks implements plot.Ticker.
func (s stepTicks) Ticks(min, max float64) []plot.Tick {
	step := float64(s)
	var ticks []plot.Tick
	for k := math.Ceil(min/step - 1e-9); k*step <= max+step*1e-9; k++ {
		v := k*step + 0 // + 0 turns −0 into 0
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', 6, 64)})
	}
	return ticks
}

// logTicks labels every power of ten in [min, max] and marks 2…9 times
// each as minor ticks. It replaces gonum/plot's LogTicks, which starts at
// 10^int(log10 min): truncating toward zero (and log10(1e-4) =
// −3.9999…) skips the lowest decade whenever min < 1, so a range of
// 1e-4…10 got no label below 0.001.
type logTicks struct{}

// Ticks implements plot.Ticker.
func (logTicks) Ticks(min, max float64) []plot.Tick {
	if !(min > 0 && max >= min) {
		panic(fmt.Sprintf("viz: log axis range [%v, %v]: every value on a log axis must be positive", min, max))
	}
	const slack = 1e-9 // absorbs log10 rounding at exact powers of ten
	lo := int(math.Floor(math.Log10(min) + slack))
	hi := int(math.Ceil(math.Log10(max) - slack))
	var ticks []plot.Tick
	for e := lo; e <= hi; e++ {
		v := math.Pow10(e)
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', -1, 64)})
		for i := 2; i < 10 && e < hi; i++ {
			ticks = append(ticks, plot.Tick{Value: float64(i) * v})
		}
	}
	return ticks
}

// XRange fixes the x axis to [lo, hi].
func (c *Chart) XRange(lo, hi float64) *Chart {
	c.X.Min, c.X.Max = lo, hi
	return c
}

// YRange fixes the y axis to [lo, hi].
func (c *Chart) YRange(lo, hi float64) *Chart {
	c.Y.Min, c.Y.Max = lo, hi
	return c
}

// LegendLeft moves the legend to the top-left corner, for curves that
// occupy the top right.
func (c *Chart) LegendLeft() *Chart {
	c.Legend.Left = true
	c.Legend.XOffs = vg.Points(6)
	return c
}

// LegendBottom moves the legend to the bottom (right, or left after
// LegendLeft), for curves that occupy the top.
func (c *Chart) LegendBottom() *Chart {
	c.Legend.Top = false
	c.Legend.YOffs = vg.Points(4)
	return c
}

// PNG renders the chart as a PNG of Width×Height CSS pixels at Scale× density.
func (c *Chart) PNG() ([]byte, error) {
	return GridPNG(1, c)
}

// Show displays the chart inline in a GoNB notebook (an image/png output).
// Outside a notebook it does nothing.
func (c *Chart) Show() {
	ShowGrid(1, c)
}

// GridPNG renders charts as small multiples, cols per row, each panel
// Width×Height CSS pixels, into one PNG.
func GridPNG(cols int, charts ...*Chart) ([]byte, error) {
	if cols < 1 || len(charts) == 0 {
		panic(fmt.Sprintf("viz: GridPNG: need cols ≥ 1 and at least one chart, got cols = %d, %d charts", cols, len(charts)))
	}
	cols = min(cols, len(charts))
	rows := (len(charts) + cols - 1) / cols
	w, h := panelSize(cols, rows)
	canvas := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi*Scale), vgimg.UseBackgroundColor(color.White))
	dc := draw.New(canvas)
	grid := make([][]*plot.Plot, rows)
	for r := range rows {
		grid[r] = make([]*plot.Plot, cols)
		for k := range cols {
			if i := r*cols + k; i < len(charts) {
				grid[r][k] = charts[i].Plot
			}
		}
	}
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Millimeter, PadY: vg.Millimeter,
		PadTop: vg.Millimeter, PadBottom: vg.Millimeter, PadLeft: vg.Millimeter, PadRight: vg.Millimeter}
	labels := make([]string, len(charts))
	for i, c := range charts {
		labels[i] = c.hideLogYLabel()
	}
	defer func() {
		for i, c := range charts {
			if labels[i] != "" {
				c.Y.Label.Text = labels[i]
			}
		}
	}()
	canvases := plot.Align(grid, tiles, dc)
	for r := range rows {
		for k := range cols {
			if grid[r][k] != nil {
				grid[r][k].Draw(canvases[r][k])
				if l := labels[r*cols+k]; l != "" {
					drawYLabel(grid[r][k], canvases[r][k], l)
				}
			}
		}
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: canvas}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("viz: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// hideLogYLabel works around gonum/plot v0.17 on a log y axis: it reserves
// room for a centred y label at the normalized arithmetic midpoint
// (Min+Max)/2, which on a log scale lies near the top, so the data area
// shrinks to fit a label that is then drawn at the centre. It swaps the
// label for a one-space placeholder of the same height (so the axis keeps
// its width) and returns the label for drawYLabel; it returns "" and
// changes nothing for any other chart.
func (c *Chart) hideLogYLabel() string {
	_, isLog := c.Y.Scale.(plot.LogScale)
	label := c.Y.Label.Text
	if !isLog || label == "" || c.Y.Label.Position != draw.PosCenter {
		return ""
	}
	c.Y.Label.Text = " "
	return label
}

// drawYLabel draws label rotated along the left edge of the plot p drawn
// on canvas c, centred on the data area, where gonum/plot draws a y label.
func drawYLabel(p *plot.Plot, c draw.Canvas, label string) {
	sty := p.Y.Label.TextStyle
	x := c.Min.X + sty.Height(label) - sty.FontExtents().Descent
	data := p.DataCanvas(c)
	y := data.Center().Y
	sty.Rotation += math.Pi / 2
	c.FillText(sty, vg.Point{X: x, Y: y}, label)
}

// panelSize returns the size of a grid of cols×rows panels: one panel is
// Width×Height; panels of a multi-column grid are max(300, 900/cols) pixels
// wide so that small multiples stay legible side by side.
func panelSize(cols, rows int) (w, h vg.Length) {
	px := vg.Inch / dpi
	panelW := float64(Width)
	if cols > 1 {
		panelW = max(300, 900/float64(cols))
	}
	panelH := panelW * Height / Width
	return vg.Length(panelW*float64(cols)) * px, vg.Length(panelH*float64(rows)) * px
}

// ShowGrid displays charts as small multiples, cols per row, in one inline
// image. Outside a notebook it does nothing.
func ShowGrid(cols int, charts ...*Chart) {
	if !gonbui.IsNotebook {
		return
	}
	png, err := GridPNG(cols, charts...)
	if err != nil {
		fmt.Println(err)
		return
	}
	w, _ := panelSize(min(cols, len(charts)), 1)
	gonbui.SendData(&protocol.DisplayData{
		Data:     map[protocol.MIMEType]any{protocol.MIMEImagePNG: png},
		Metadata: map[string]any{"width": int(w / (vg.Inch / dpi))}, // Jupyter also reads the flat form.
	})
	// Wait until GoNB has forwarded the image: without this, a cell that
	// ends right after Show can exit before the image leaves the pipe, and
	// on a busy machine the chart is silently lost.
	gonbui.Sync()
}
