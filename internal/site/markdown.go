package site

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mdDoc is one Markdown source rendered into a page: where it lives in the
// repository (for its relative links) and how its headings are placed.
type mdDoc struct {
	dir       string // repository directory of the source, e.g. "lessons"
	dropTitle bool   // drop the first level-1 heading (the page or section has its own)
	shift     int    // added to every heading level
}

// markdown renders course Markdown: GitHub tables, raw HTML (<details> hints),
// Go fences highlighted by Chroma, $…$ and $$…$$ kept verbatim for KaTeX,
// heading ids unique across one page, links rewritten for the site.
type markdown struct {
	site *builder
	ids  *pageIDs
}

func (m *markdown) render(src string, doc mdDoc) (string, error) {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			passthrough.New(passthrough.Config{
				InlineDelimiters: []passthrough.Delimiters{{Open: "$", Close: "$"}, {Open: `\(`, Close: `\)`}},
				BlockDelimiters:  []passthrough.Delimiters{{Open: "$$", Close: "$$"}, {Open: `\[`, Close: `\]`}},
			}),
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(&linkFixer{site: m.site, doc: doc}, 200)),
		),
		goldmark.WithRendererOptions(
			gmhtml.WithUnsafe(),
			renderer.WithNodeRenderers(util.Prioritized(&mathRenderer{math: m.site.math}, 10), util.Prioritized(codeRenderer{}, 10)),
		),
	)
	ctx := parser.NewContext(parser.WithIDs(m.ids))
	var buf bytes.Buffer
	if err := md.Convert([]byte(joinMathLines(src)), &buf, parser.WithContext(ctx)); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// codeRenderer renders fenced and indented code blocks with Chroma (the
// fence's language, plain text without one) in the site's code frame.
type codeRenderer struct{}

func (codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, renderCode)
	reg.Register(ast.KindCodeBlock, renderCode)
}

func renderCode(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	lang := ""
	if f, ok := n.(*ast.FencedCodeBlock); ok {
		lang = string(f.Language(src))
	}
	var code strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(src))
	}
	h, err := highlight(code.String(), lang)
	if err != nil {
		return ast.WalkStop, err
	}
	w.WriteString(h + "\n")
	return ast.WalkSkipChildren, nil
}

func langName(l string) string {
	if l == "" {
		return "text"
	}
	return strings.ToLower(l)
}

// pageIDs gives every heading of a page a unique id, across the lesson, the
// notebook cells and the exercise, which are rendered separately.
type pageIDs struct{ used map[string]bool }

func newPageIDs() *pageIDs { return &pageIDs{used: map[string]bool{}} }

func (p *pageIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(string(value)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.Trim(b.String(), "-")
	if id == "" {
		id = "section"
	}
	base := id
	for i := 1; p.used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	p.used[id] = true
	return []byte(id)
}

func (p *pageIDs) Put(value []byte) { p.used[string(value)] = true }

// linkFixer shifts headings and rewrites relative links so that they work in
// the site: a lesson, notebook or exercise is a part of its chapter page; a
// stub file is its download; any other repository file becomes plain text.
type linkFixer struct {
	site *builder
	doc  mdDoc
}

func (f *linkFixer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var drop []ast.Node
	dropped := !f.doc.dropTitle
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if !dropped && n.Level == 1 {
				dropped = true
				drop = append(drop, n)
				return ast.WalkSkipChildren, nil
			}
			n.Level = min(n.Level+f.doc.shift, 6)
		case *ast.Link:
			f.fixLink(n, src)
		case *ast.Image:
			n.Destination = []byte(f.site.resolve(f.doc.dir, string(n.Destination)).href)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range drop {
		n.Parent().RemoveChild(n.Parent(), n)
	}
}

func (f *linkFixer) fixLink(n *ast.Link, src []byte) {
	t := f.site.resolve(f.doc.dir, string(n.Destination))
	if t.href == "" { // a repository file the site does not hold: keep the words
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
		return
	}
	n.Destination = []byte(t.href)
	// [`../notebooks/x.ipynb`](…) shows a file name the site does not have.
	if cs, ok := n.FirstChild().(*ast.CodeSpan); ok && n.ChildCount() == 1 && t.label != "" {
		var b strings.Builder
		for c := cs.FirstChild(); c != nil; c = c.NextSibling() {
			if s, ok := c.(*ast.Text); ok {
				b.Write(s.Segment.Value(src))
			}
		}
		if strings.Contains(b.String(), "/") || strings.HasSuffix(b.String(), ".md") || strings.HasSuffix(b.String(), ".ipynb") {
			n.RemoveChildren(n)
			n.AppendChild(n, ast.NewString([]byte(t.label)))
		}
	}
}

// target is where a repository link points in the site: href "" when the
// site has no page for it; label names it for a link whose text was a path.
type target struct{ href, label string }

// resolve maps a link found in repository directory dir to the site.
func (b *builder) resolve(dir, dest string) target {
	if dest == "" || strings.Contains(dest, "://") || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "mailto:") {
		return target{href: dest}
	}
	if strings.HasPrefix(dest, "/") {
		return target{}
	}
	file, frag, _ := strings.Cut(dest, "#")
	p := path.Clean(path.Join(dir, file))
	part, rest, _ := strings.Cut(p, "/")
	slug, sub, _ := strings.Cut(rest, "/")
	ch := b.chapter(slug, part)
	if ch == nil {
		return target{}
	}
	href := ch.Slug + ".html"
	switch {
	case part == "lessons" && sub == "":
		return target{href: href + hash(frag, ""), label: "lesson " + ch.Number}
	case part == "notebooks" && sub == "":
		return target{href: href + hash(frag, "notebook"), label: "notebook " + ch.Number}
	case part == "exercises" && (sub == "" || sub == "README.md"):
		return target{href: href + hash(frag, "exercise"), label: "exercise " + ch.Number}
	case part == "exercises" && ch.hasStub(sub):
		return target{href: "files/" + ch.Slug + "/" + sub, label: sub}
	}
	return target{}
}

func hash(frag, def string) string {
	switch {
	case frag != "":
		return "#" + frag
	case def != "":
		return "#" + def
	}
	return ""
}

// chapter finds the chapter a repository path part/name belongs to:
// lessons/NN-x.md, notebooks/NN-x.ipynb or exercises/NN-x.
func (b *builder) chapter(name, part string) *chapter {
	switch part {
	case "lessons":
		name = strings.TrimSuffix(name, ".md")
	case "notebooks":
		name = strings.TrimSuffix(name, ".ipynb")
	case "exercises":
	default:
		return nil
	}
	for _, c := range b.chapters {
		if c.Slug == name {
			return c
		}
	}
	return nil
}

// mathRenderer writes a placeholder for each formula; the builder renders all
// formulas of the site with KaTeX in one node process and fills them in.
type mathRenderer struct{ math *mathSet }

func (r *mathRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(passthrough.KindPassthroughInline, r.inline)
	reg.Register(passthrough.KindPassthroughBlock, r.block)
}

func (r *mathRenderer) inline(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		p := n.(*passthrough.PassthroughInline)
		raw := string(p.Segment.Value(src))
		tex := strings.TrimSuffix(strings.TrimPrefix(raw, p.Delimiters.Open), p.Delimiters.Close)
		display := p.Delimiters.Open == "$$" || p.Delimiters.Open == `\[`
		w.WriteString(r.math.add(tex, display))
	}
	return ast.WalkSkipChildren, nil
}

func (r *mathRenderer) block(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		p := n.(*passthrough.PassthroughBlock)
		var raw strings.Builder
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			raw.Write(seg.Value(src))
		}
		tex := strings.TrimSpace(raw.String())
		tex = strings.TrimSuffix(strings.TrimPrefix(tex, p.Delimiters.Open), p.Delimiters.Close)
		w.WriteString(`<div class="math-display">` + r.math.add(tex, true) + "</div>\n")
	}
	return ast.WalkSkipChildren, nil
}
