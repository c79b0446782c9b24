package site

import (
	_ "embed"
	"html/template"
	"path/filepath"
	"strings"

	"github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

//go:embed page.html.tmpl
var pageTmplText string

var pageTmpl = template.Must(template.New("page").Parse(pageTmplText))

// pageData is what page.html.tmpl shows: a chapter, or the index when
// Chapter is nil.
type pageData struct {
	Title    string
	Chapter  *chapter
	Chapters []*chapter
	Body     template.HTML
	RunIt    template.HTML // the index's commands, highlighted
	Built    string
}

const runIt = `make course                        # execute every notebook, build this site
go run ./cmd/course serve          # serve it on http://127.0.0.1:8000/
go run ./cmd/course lab            # Jupyter on notebooks/ with the Go kernel
go run ./cmd/course grade 05       # grade one exercise`

// writePages writes index.html and one page per chapter, with formulas
// filled in, and the Chroma stylesheet for the highlighted code.
func (b *builder) writePages() error {
	built := b.opt.Built.UTC().Format("2006-01-02 15:04 UTC")
	for _, ch := range b.chapters {
		ch.Summary = template.HTML(b.math.fill(string(ch.Summary)))
	}
	run, err := highlight(runIt, "sh")
	if err != nil {
		return err
	}
	index := pageData{Title: "Bits & Logits — Probability and Information Theory for AI Engineers", Chapters: b.chapters, RunIt: template.HTML(run), Built: built}
	if err := b.writePage("index.html", index); err != nil {
		return err
	}
	for _, ch := range b.chapters {
		d := pageData{
			Title:    ch.Number + " · " + ch.Title + " — Bits & Logits",
			Chapter:  ch,
			Chapters: b.chapters,
			Body:     template.HTML(ch.Body),
			Built:    built,
		}
		if err := b.writePage(ch.Slug+".html", d); err != nil {
			return err
		}
	}
	return b.writeChromaCSS()
}

func (b *builder) writePage(name string, d pageData) error {
	var out strings.Builder
	if err := pageTmpl.Execute(&out, d); err != nil {
		return err
	}
	return writeFile(filepath.Join(b.opt.Out, name), []byte(b.math.fill(out.String())))
}

// writeChromaCSS writes Chroma's own stylesheets: a light theme, and a dark
// one for readers whose system prefers it.
func (b *builder) writeChromaCSS() error {
	var css strings.Builder
	f := html.New(html.WithClasses(true))
	if err := f.WriteCSS(&css, styles.Get("github")); err != nil {
		return err
	}
	css.WriteString("@media (prefers-color-scheme: dark) {\n")
	if err := f.WriteCSS(&css, styles.Get("github-dark")); err != nil {
		return err
	}
	css.WriteString("}\n")
	return writeFile(filepath.Join(b.opt.Out, "assets", "chroma.css"), []byte(css.String()))
}

// Current reports whether c is the chapter this page shows.
func (d pageData) Current(c *chapter) bool { return d.Chapter == c }
