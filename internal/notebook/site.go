package notebook

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Site renders build/site: every lesson (Markdown → HTML) and every executed
// notebook under build/notebooks (→ HTML), both through `jupyter nbconvert
// --to html` — a lesson is converted as a notebook of one Markdown cell, so
// formulas get the same MathJax rendering as the notebooks and no Markdown
// library is needed — plus index.html linking them in course order. Links
// between lessons, notebooks and repository files are rewritten to work in
// the site. It returns the path of index.html.
func (r *Repo) Site(chapters []Chapter, results []*Result) (string, error) {
	site := r.SiteDir()
	// A private scratch directory, so that two runs in one checkout do not
	// delete each other's inputs.
	if err := os.MkdirAll(r.Path("build"), 0o755); err != nil {
		return "", err
	}
	src, err := os.MkdirTemp(r.Path("build"), "site-src-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(src)
	for _, d := range []string{filepath.Join(src, "lessons"), filepath.Join(src, "notebooks")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return "", err
		}
	}
	var lessons, notebooks []string
	for _, c := range chapters {
		if c.Lesson != "" {
			md, err := os.ReadFile(r.Path(c.Lesson))
			if err != nil {
				return "", err
			}
			p := filepath.Join(src, "lessons", c.Slug+".lesson.ipynb")
			if err := writeMarkdownNotebook(p, rewriteLinks(string(md), "lessons")); err != nil {
				return "", err
			}
			lessons = append(lessons, p)
		}
		executed := filepath.Join(r.OutDir(), c.Slug+".ipynb")
		if _, err := os.Stat(executed); err == nil && c.Notebook != "" {
			p := filepath.Join(src, "notebooks", c.Slug+".ipynb")
			if err := copyRewritingLinks(executed, p); err != nil {
				return "", err
			}
			notebooks = append(notebooks, p)
		}
	}
	// One nbconvert run for everything (each run starts Python, ~3 s); the
	// lesson sources are named <slug>.lesson.ipynb so that names cannot clash.
	tmp := filepath.Join(src, "html")
	if len(lessons)+len(notebooks) > 0 {
		args := append([]string{"nbconvert", "--to", "html", "--log-level=WARN", "--output-dir", tmp}, append(lessons, notebooks...)...)
		cmd := exec.Command(Jupyter(), args...)
		cmd.Dir, cmd.Env = r.Root, r.Env()
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("jupyter nbconvert --to html: %w\n%s", err, out)
		}
	}
	for _, dir := range []string{"lessons", "notebooks"} {
		if err := os.RemoveAll(filepath.Join(site, dir)); err != nil {
			return "", err
		}
		if err := os.MkdirAll(filepath.Join(site, dir), 0o755); err != nil {
			return "", err
		}
	}
	for _, c := range chapters {
		for from, to := range map[string]string{
			c.Slug + ".lesson.html": filepath.Join(site, "lessons", c.Slug+".html"),
			c.Slug + ".html":        filepath.Join(site, "notebooks", c.Slug+".html"),
		} {
			if err := os.Rename(filepath.Join(tmp, from), to); err != nil && !errors.Is(err, os.ErrNotExist) {
				return "", err
			}
		}
	}
	index := filepath.Join(site, "index.html")
	return index, r.writeIndex(index, chapters, results)
}

// writeMarkdownNotebook writes a notebook whose only cell is the Markdown md.
func writeMarkdownNotebook(path, md string) error {
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5,
		"metadata": map[string]any{},
		"cells": []any{map[string]any{
			"cell_type": "markdown", "id": "lesson", "metadata": map[string]any{}, "source": md,
		}},
	}
	b, err := json.Marshal(nb)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// copyRewritingLinks copies an executed notebook, rewriting links in its
// Markdown cells for the site; every other field is kept as it is.
func copyRewritingLinks(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	var nb map[string]any
	if err := json.Unmarshal(b, &nb); err != nil {
		return fmt.Errorf("%s: %w", from, err)
	}
	cells, _ := nb["cells"].([]any)
	for _, c := range cells {
		cell, _ := c.(map[string]any)
		if cell == nil || cell["cell_type"] != "markdown" {
			continue
		}
		var text string
		switch s := cell["source"].(type) {
		case string:
			text = s
		case []any:
			for _, line := range s {
				l, _ := line.(string)
				text += l
			}
		}
		cell["source"] = rewriteLinks(text, "notebooks")
	}
	out, err := json.Marshal(nb)
	if err != nil {
		return err
	}
	return os.WriteFile(to, out, 0o644)
}

var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// rewriteLinks rewrites the relative Markdown links of a file in repository
// directory dir ("lessons" or "notebooks") so that they work from
// build/site/<dir>/: lessons and notebooks point at their HTML pages, other
// repository files (exercises/…) at the checkout itself.
func rewriteLinks(md, dir string) string {
	return mdLink.ReplaceAllStringFunc(md, func(m string) string {
		target := m[2 : len(m)-1]
		if strings.Contains(target, "://") || strings.HasPrefix(target, "#") || strings.HasPrefix(target, "/") || strings.HasPrefix(target, "mailto:") {
			return m
		}
		file, frag, _ := strings.Cut(target, "#")
		if frag != "" {
			frag = "#" + frag
		}
		p := path.Clean(path.Join(dir, file)) // path in the repository
		var to string
		switch {
		case strings.HasPrefix(p, "lessons/") && strings.HasSuffix(p, ".md"):
			to = "../lessons/" + strings.TrimSuffix(path.Base(p), ".md") + ".html"
		case strings.HasPrefix(p, "notebooks/") && strings.HasSuffix(p, ".ipynb"):
			to = "../notebooks/" + strings.TrimSuffix(path.Base(p), ".ipynb") + ".html"
		default:
			to = "../../../" + p
			if strings.HasSuffix(file, "/") {
				to += "/"
			}
		}
		return "](" + to + frag + ")"
	})
}

type indexRow struct {
	Slug, Title, Lesson, Notebook string
	Cells, Images                 int
	Seconds                       string
}

var indexTmpl = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bits &amp; Logits — Probability and Information Theory for AI Engineers</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; } table { border-collapse: collapse; width: 100%; }
td, th { padding: .35rem .6rem; border-bottom: 1px solid #ddd; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; color: #555; }
.missing { color: #999; } footer { margin-top: 2rem; color: #666; font-size: .9rem; }
</style></head><body>
<h1>Bits &amp; Logits</h1>
<p>Probability and information theory for AI engineers, in Go. Each chapter is a lesson (the
ideas and formulas) and a notebook (the same ideas computed and charted, executed on {{.Date}}).</p>
<table><tr><th>#</th><th>Chapter</th><th>Lesson</th><th>Notebook</th><th>cells</th><th>charts</th><th>run</th></tr>
{{range .Rows}}<tr><td>{{slice .Slug 0 2}}</td><td>{{.Title}}</td>
<td>{{if .Lesson}}<a href="{{.Lesson}}">lesson</a>{{else}}<span class="missing">—</span>{{end}}</td>
<td>{{if .Notebook}}<a href="{{.Notebook}}">notebook</a>{{else}}<span class="missing">not executed</span>{{end}}</td>
<td class="n">{{if .Notebook}}{{.Cells}}{{end}}</td><td class="n">{{if .Notebook}}{{.Images}}{{end}}</td><td class="n">{{.Seconds}}</td></tr>
{{end}}</table>
<footer>Built by <code>go run ./cmd/course run</code>. Exercises: <code>go run ./cmd/course grade NN-slug</code>.</footer>
</body></html>
`))

// writeIndex writes the site's index page: one row per chapter in course
// order, with timings for the notebooks executed in this run.
func (r *Repo) writeIndex(path string, chapters []Chapter, results []*Result) error {
	ran := map[string]*Result{}
	for _, res := range results {
		ran[res.Chapter.Slug] = res
	}
	var rows []indexRow
	for _, c := range chapters {
		row := indexRow{Slug: c.Slug, Title: c.Slug}
		if c.Lesson != "" {
			row.Lesson = "lessons/" + c.Slug + ".html"
			if b, err := os.ReadFile(r.Path(c.Lesson)); err == nil {
				if t := heading(string(b)); t != "" {
					// "05 · Cross-entropy loss" → "Cross-entropy loss": the number has its column.
					row.Title = strings.TrimSpace(strings.TrimLeft(strings.TrimPrefix(t, c.Number()), " ·.:-"))
				}
			}
		}
		if _, err := os.Stat(filepath.Join(r.SiteDir(), "notebooks", c.Slug+".html")); err == nil {
			row.Notebook = "notebooks/" + c.Slug + ".html"
			if nb, err := Read(filepath.Join(r.OutDir(), c.Slug+".ipynb")); err == nil {
				row.Cells, row.Images = nb.CodeCells(), nb.Images()
			}
		}
		if res := ran[c.Slug]; res != nil {
			row.Seconds = fmt.Sprintf("%.1f s", res.Elapsed.Seconds())
		}
		rows = append(rows, row)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := indexTmpl.Execute(f, map[string]any{"Rows": rows, "Date": time.Now().UTC().Format("2006-01-02 15:04 UTC")}); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
