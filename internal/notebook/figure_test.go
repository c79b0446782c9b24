package notebook

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// chartCall matches a viz call that emits one image: Chart.Show() or
// viz.ShowGrid(…), but not a method whose name merely ends in Show.
var chartCall = regexp.MustCompile(`(^|[^A-Za-z0-9_])(Show\(\)|ShowGrid\()`)

// figureCaptions returns the leading "// Figure: " lines of a code cell,
// without the prefix.
func figureCaptions(src string) []string {
	var caps []string
	for _, line := range strings.Split(src, "\n") {
		c, ok := strings.CutPrefix(line, "// Figure: ")
		if !ok {
			break
		}
		caps = append(caps, strings.TrimSpace(c))
	}
	return caps
}

// checkFigures returns a problem for every code cell that draws charts
// without one leading "// Figure: <caption>" line per image, in order; the
// site uses the captions as alt text and <figcaption>.
func checkFigures(cells []Cell) []string {
	var problems []string
	for i, c := range cells {
		if c.Type != "code" {
			continue
		}
		src := string(c.Source)
		images := len(chartCall.FindAllString(src, -1))
		caps := figureCaptions(src)
		if len(caps) != images {
			problems = append(problems, fmt.Sprintf("cell %d: draws %d image(s) but has %d leading // Figure: line(s)", i, images, len(caps)))
			continue
		}
		for _, caption := range caps {
			if len(caption) < 20 || !strings.HasSuffix(caption, ".") {
				problems = append(problems, fmt.Sprintf("cell %d: caption %q is not a sentence (title and what the chart shows)", i, caption))
			}
		}
	}
	return problems
}

// TestChartCellsHaveFigureCaptions checks every committed notebook.
func TestChartCellsHaveFigureCaptions(t *testing.T) {
	r := repoForTest(t)
	chapters, err := Chapters(r.Root)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range chapters {
		if c.Notebook == "" {
			continue
		}
		nb, err := Read(r.Path(c.Notebook))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range checkFigures(nb.Cells) {
			t.Errorf("%s: %s", c.Notebook, p)
		}
	}
}

func TestCheckFiguresCatchesMissingCaptions(t *testing.T) {
	code := func(src string) Cell { return Cell{Type: "code", Source: Text(src)} }
	good := []Cell{
		code("// Figure: Binary entropy H(p) in bits against p, peaking at 1 bit.\n%%\nviz.New(\"t\", \"x\", \"y\").Show()"),
		code("// Figure: First chart, a line that rises.\n// Figure: Second chart, a line that falls.\n%%\na.Show()\nviz.ShowGrid(2, b, c)"),
		code("%%\nfmt.Println(c.MustShow)"), // no chart
	}
	if p := checkFigures(good); len(p) != 0 {
		t.Fatalf("captioned cells reported %v", p)
	}
	for name, cell := range map[string]Cell{
		"none":       code("%%\nviz.New(\"t\", \"x\", \"y\").Show()"),
		"too few":    code("// Figure: Only one caption for two charts.\n%%\na.Show()\nb.Show()"),
		"not first":  code("%%\n// Figure: A caption below the code start.\na.Show()"),
		"a fragment": code("// Figure: chart\n%%\na.Show()"),
	} {
		if p := checkFigures([]Cell{cell}); len(p) == 0 {
			t.Errorf("%s: no problem reported", name)
		}
	}
}
