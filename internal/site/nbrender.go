package site

import (
	"encoding/base64"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"

	"github.com/bitsandlogits/course/internal/notebook"
)

// renderNotebook renders the chapter's notebook, executed if build/notebooks
// holds it: Markdown cells through goldmark, code cells as Go through Chroma,
// text outputs as plain text with machine paths removed, charts as figures
// captioned by the cell's "// Figure:" comment. The setup cell is left out.
func (b *builder) renderNotebook(ch *chapter, md *markdown) (string, error) {
	p := filepath.Join(b.opt.Notebooks, ch.Slug+".ipynb")
	nb, err := notebook.Read(p)
	if err == nil {
		ch.Executed = true
	} else if nb, err = notebook.Read(filepath.Join(b.opt.Root, ch.Notebook)); err != nil {
		return "", err
	}
	var out strings.Builder
	out.WriteString(`<section id="notebook" class="part part-notebook"><h2>Notebook</h2>` + "\n")
	if ch.Executed {
		out.WriteString(`<p class="part-note">Executed when the site was built, with the Go kernel GoNB. Run it yourself: <code>go run ./cmd/course lab</code>.</p>` + "\n")
	} else {
		out.WriteString(`<p class="part-note">Not executed yet: <code>go run ./cmd/course run ` + ch.Number + `</code> fills in the outputs.</p>` + "\n")
	}
	title := true
	for i, c := range nb.Cells {
		src := string(c.Source)
		switch c.Type {
		case "markdown":
			h, err := md.render(src, mdDoc{dir: "notebooks", dropTitle: title, shift: 1})
			if err != nil {
				return "", fmt.Errorf("cell %d: %w", i, err)
			}
			title = false
			out.WriteString(`<div class="cell cell-md">` + h + "</div>\n")
		case "code":
			if isSetupCell(src) {
				continue
			}
			h, err := b.codeCell(ch, c)
			if err != nil {
				return "", fmt.Errorf("cell %d: %w", i, err)
			}
			out.WriteString(h)
		}
	}
	out.WriteString("</section>\n")
	return out.String(), nil
}

// isSetupCell reports the first cell of every notebook, which wires the
// kernel to the checkout (go work, %goworkfix): noise for a reader.
func isSetupCell(src string) bool {
	return strings.Contains(src, "%goworkfix") || strings.Contains(src, "go work init")
}

// highlight renders code in language lang (Go for notebook cells, GoNB's
// %/! lines included) with Chroma, using CSS classes so that the stylesheet
// owns the colours; an unknown or empty language is shown as plain text.
func highlight(src, lang string) (string, error) {
	lexer := lexers.Get(lang)
	if lang == "" || lexer == nil {
		lexer, lang = lexers.Fallback, "text"
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, src)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	f := chromahtml.New(chromahtml.WithClasses(true))
	if err := f.Format(&b, styles.Get("github"), it); err != nil {
		return "", err
	}
	return `<div class="code" data-lang="` + html.EscapeString(langName(lang)) + `">` + b.String() + "</div>", nil
}

func (b *builder) codeCell(ch *chapter, c notebook.Cell) (string, error) {
	src := strings.TrimRight(string(c.Source), "\n")
	code, err := highlight(src, "go")
	if err != nil {
		return "", err
	}
	var out strings.Builder
	out.WriteString(`<div class="cell cell-code">` + code + "\n")
	var stream strings.Builder
	images := 0 // charts drawn by this cell so far
	flush := func() {
		if stream.Len() > 0 {
			out.WriteString(`<pre class="output">` + html.EscapeString(b.clean(stream.String())) + "</pre>\n")
			stream.Reset()
		}
	}
	for _, o := range c.Outputs {
		switch {
		case o.Type == "stream":
			stream.WriteString(string(o.Text))
		case o.Type == "error":
			stream.WriteString(o.EName + ": " + o.EValue + "\n")
		default:
			flush()
			h, err := b.richOutput(ch, src, o, &images)
			if err != nil {
				return "", err
			}
			out.WriteString(h)
		}
	}
	flush()
	out.WriteString("</div>\n")
	return out.String(), nil
}

// richOutput renders one display_data or execute_result: an image as a
// figure file, HTML verbatim, anything else as its plain text.
func (b *builder) richOutput(ch *chapter, src string, o notebook.Output, images *int) (string, error) {
	for _, kind := range []struct{ mime, ext string }{{"image/png", "png"}, {"image/svg+xml", "svg"}} {
		data, ok := o.Data[kind.mime]
		if !ok {
			continue
		}
		ch.Charts++
		name := fmt.Sprintf("img/%s-%d.%s", ch.Slug, ch.Charts, kind.ext)
		var raw []byte
		if kind.ext == "png" {
			var err error
			if raw, err = base64.StdEncoding.DecodeString(strings.TrimSpace(string(data))); err != nil {
				return "", fmt.Errorf("chart %d: %w", ch.Charts, err)
			}
		} else {
			raw = []byte(data)
		}
		if err := writeFile(filepath.Join(b.opt.Out, name), raw); err != nil {
			return "", err
		}
		caption := figureCaption(src, ch, ch.Charts, *images)
		*images++
		return fmt.Sprintf(`<figure class="chart"><a href="%s" class="zoom" title="Open the chart full size"><img src="%[1]s" alt="%s" loading="lazy"></a><figcaption>Figure %s.%d — %s</figcaption></figure>`+"\n",
			name, html.EscapeString(caption), ch.Number, ch.Charts, html.EscapeString(caption)), nil
	}
	if h, ok := o.Data["text/html"]; ok {
		return `<div class="output output-html">` + b.clean(string(h)) + "</div>\n", nil
	}
	if t, ok := o.Data["text/plain"]; ok {
		return `<pre class="output">` + html.EscapeString(b.clean(string(t))) + "</pre>\n", nil
	}
	return "", nil
}

var (
	figureLine = regexp.MustCompile(`(?m)^\s*//\s*Figure:\s*(.+)$`)
	vizTitle   = regexp.MustCompile(`viz\.New\(\s*("(?:[^"\\]|\\.)*")`)
)

// figureCaption describes the k-th chart (from 0) drawn by a cell, chart n of
// its chapter: the cell's k-th "// Figure: …" comment or, failing that, the
// title the cell gives viz.New (all of them for a grid of panels).
func figureCaption(src string, ch *chapter, n, k int) string {
	if m := figureLine.FindAllStringSubmatch(src, -1); len(m) > 0 {
		return strings.TrimSpace(m[min(k, len(m)-1)][1])
	}
	var titles []string
	for _, m := range vizTitle.FindAllStringSubmatch(src, -1) {
		if t, err := strconv.Unquote(m[1]); err == nil && t != "" {
			titles = append(titles, t)
		}
	}
	switch {
	case len(titles) > 1 && strings.Contains(src, "viz.ShowGrid("):
		return "Panels: " + strings.Join(titles, "; ")
	case len(titles) > 0:
		return titles[min(k, len(titles)-1)]
	}
	return fmt.Sprintf("chart %d of chapter %s", n, ch.Number)
}

var machinePath = regexp.MustCompile(`(?:/(?:home|root|tmp|work|var|usr|opt|go)/)[^\s"'<>:]*`)

// clean removes the build machine's paths from an output: the checkout
// becomes ".", and any other absolute path keeps only its last element.
func (b *builder) clean(s string) string {
	if root, err := filepath.Abs(b.opt.Root); err == nil && len(root) > 1 {
		s = strings.ReplaceAll(s, root+string(filepath.Separator), "")
		s = strings.ReplaceAll(s, root, ".")
	}
	if home, err := os.UserHomeDir(); err == nil && len(home) > 1 {
		s = strings.ReplaceAll(s, home, "~")
	}
	return machinePath.ReplaceAllStringFunc(s, func(p string) string {
		return "…/" + filepath.Base(p)
	})
}
