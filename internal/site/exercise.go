package site

import (
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// renderExercise renders the chapter's exercise: its README (task, hints as
// <details>), the hints of info.json when the README has none, the stub files
// to download and the commands that grade it.
func (b *builder) renderExercise(ch *chapter, md *markdown) (string, error) {
	readme, err := os.ReadFile(filepath.Join(b.opt.Root, "exercises", ch.Slug, "README.md"))
	if errors.Is(err, os.ErrNotExist) && len(ch.Stubs) == 0 {
		return "", nil
	}
	var out strings.Builder
	out.WriteString(`<section id="exercise" class="part part-exercise"><h2>Exercise</h2>` + "\n")
	info := b.info[ch.Slug]
	if info.Title != "" {
		t, err := md.render(info.Title, mdDoc{dir: "exercises/" + ch.Slug})
		if err != nil {
			return "", err
		}
		out.WriteString(`<div class="part-note">` + t + "</div>\n")
	}
	if err == nil {
		h, err := md.render(string(readme), mdDoc{dir: "exercises/" + ch.Slug, dropTitle: true, shift: 1})
		if err != nil {
			return "", err
		}
		out.WriteString(h)
	}
	if !strings.Contains(string(readme), "<details") && len(info.Hints) > 0 {
		out.WriteString(`<h3 id="` + string(md.ids.Generate([]byte("hints"), ast.KindHeading)) + `">Hints</h3>` + "\n")
		for i, hint := range info.Hints {
			h, err := md.render(hint, mdDoc{dir: "exercises/" + ch.Slug})
			if err != nil {
				return "", err
			}
			fmt.Fprintf(&out, "<details><summary>Hint %d</summary>\n%s</details>\n", i+1, h)
		}
	}
	stubs, err := b.stubs(ch, md)
	if err != nil {
		return "", err
	}
	out.WriteString(stubs)
	out.WriteString("</section>\n")
	return out.String(), nil
}

// stubs copies the stub files into the site and lists them with the
// commands that grade the exercise.
func (b *builder) stubs(ch *chapter, md *markdown) (string, error) {
	var out strings.Builder
	id := string(md.ids.Generate([]byte("your turn"), ast.KindHeading))
	out.WriteString(`<h3 id="` + id + `">Your turn: download, edit, grade</h3>` + "\n")
	if len(ch.Stubs) > 0 {
		out.WriteString(`<p>The stub to edit (in a checkout it is already at <code>exercises/` + ch.Slug + `/</code>):</p><ul class="downloads">` + "\n")
	}
	var code strings.Builder
	for _, name := range ch.Stubs {
		data, err := os.ReadFile(filepath.Join(b.opt.Root, "exercises", ch.Slug, name))
		if err != nil {
			return "", err
		}
		href := "files/" + ch.Slug + "/" + name
		if err := writeFile(filepath.Join(b.opt.Out, href), data); err != nil {
			return "", err
		}
		fmt.Fprintf(&out, `<li><a href="%s" download>%s</a> <span class="muted">(%d lines)</span></li>`+"\n", href, html.EscapeString(name), strings.Count(string(data), "\n"))
		h, err := highlight(string(data), "go")
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&code, "<details class=\"stub\"><summary>Show <code>%s</code></summary>\n%s</details>\n", html.EscapeString(name), h)
	}
	if len(ch.Stubs) > 0 {
		out.WriteString("</ul>\n" + code.String())
	}
	out.WriteString(`<p>Grade it, watch it or ask for a hint from the repository root:</p>` + "\n")
	var cmds strings.Builder
	for _, c := range [][2]string{{"grade " + ch.Slug, "run the graded tests"}, {"watch", "re-grade on every save"}, {"hint " + ch.Slug, "one hint at a time"}} {
		fmt.Fprintf(&cmds, "go run ./cmd/course %-*s  # %s\n", len(ch.Slug)+6, c[0], c[1])
	}
	h, err := highlight(strings.TrimSuffix(cmds.String(), "\n"), "sh")
	if err != nil {
		return "", err
	}
	out.WriteString(h)
	return out.String(), nil
}

// lessonTitle is the lesson's first heading without its "NN ·" prefix.
func lessonTitle(md, number, slug string) string {
	for _, line := range strings.Split(md, "\n") {
		if t, ok := strings.CutPrefix(line, "# "); ok {
			t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), number))
			return strings.TrimSpace(strings.TrimLeft(t, "·.:- "))
		}
	}
	return slug
}

var sentenceEnd = regexp.MustCompile(`[.!?](\s|$)`)

// summary is the first sentences of the lesson's first paragraph (about
// 80 characters or more), as HTML.
func (b *builder) summary(src string) (string, error) {
	doc := goldmark.New().Parser().Parse(text.NewReader([]byte(src)))
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		p, ok := n.(*ast.Paragraph)
		if !ok {
			continue
		}
		var raw strings.Builder
		for i := 0; i < p.Lines().Len(); i++ {
			seg := p.Lines().At(i)
			raw.Write(seg.Value([]byte(src)))
		}
		s := strings.Join(strings.Fields(raw.String()), " ")
		// Sentences up to about 80 characters: "A language model does not
		// write text." alone says too little.
		for _, loc := range sentenceEnd.FindAllStringIndex(s, -1) {
			if loc[0] >= 80 || loc[1] >= len(s) {
				s = s[:loc[0]+1]
				break
			}
		}
		md := &markdown{site: b, ids: newPageIDs()}
		h, err := md.render(s, mdDoc{dir: "lessons"})
		if err != nil {
			return "", err
		}
		h = strings.TrimSpace(h)
		h = strings.TrimSuffix(strings.TrimPrefix(h, "<p>"), "</p>")
		return h, nil
	}
	return "", nil
}
