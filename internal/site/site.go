// Package site builds the course as a static book: one page per chapter
// (lesson, executed notebook, exercise), an index, a search index, with
// formulas rendered by KaTeX at build time and Go highlighted by Chroma. The
// site uses relative links only and loads nothing from outside itself, so it
// works from any static host, over HTTP and from file://.
package site

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/bitsandlogits/course/internal/explorables/bundle"
	"github.com/bitsandlogits/course/internal/notebook"
)

// Options say what to build from and where.
type Options struct {
	Root      string    // repository root
	Notebooks string    // executed notebooks (<slug>.ipynb); a missing one falls back to notebooks/
	Out       string    // the site directory; replaced
	Built     time.Time // shown on the index; zero for now
}

// chapter is one page of the site.
type chapter struct {
	notebook.Chapter
	Number, Title string        // "09", "Modern samplers: …"
	Summary       template.HTML // the lesson's first sentence
	Executed      bool          // the notebook part comes from an executed copy
	Stubs         []string
	Charts        int
	Body          string // article HTML, formulas as placeholders
	Outline       []outlineItem
	Prev, Next    *chapter
}

func (c *chapter) hasStub(name string) bool { return slices.Contains(c.Stubs, name) }

type builder struct {
	opt      Options
	chapters []*chapter
	math     *mathSet
	info     map[string]exerciseInfo
}

//go:embed assets
var assets embed.FS

// Build writes the site to opt.Out and returns the number of HTML pages. It
// builds next to opt.Out and swaps the new site in only when it is complete.
func Build(opt Options) (int, error) {
	if opt.Built.IsZero() {
		opt.Built = time.Now()
	}
	final := filepath.Clean(opt.Out)
	opt.Out = final + ".new"
	pages, err := build(opt)
	if err != nil {
		os.RemoveAll(opt.Out)
		return 0, err
	}
	if err := os.RemoveAll(final); err != nil {
		return 0, err
	}
	return pages, os.Rename(opt.Out, final)
}

func build(opt Options) (int, error) {
	found, err := notebook.Chapters(opt.Root)
	if err != nil {
		return 0, err
	}
	b := &builder{opt: opt, math: &mathSet{}}
	if b.info, err = readExerciseInfo(opt.Root); err != nil {
		return 0, err
	}
	if err := os.RemoveAll(opt.Out); err != nil {
		return 0, err
	}
	for _, c := range found {
		ch := &chapter{Chapter: c, Number: c.Number(), Title: c.Slug}
		if ch.Stubs, err = stubFiles(opt.Root, c.Slug); err != nil {
			return 0, err
		}
		b.chapters = append(b.chapters, ch)
	}
	for i, ch := range b.chapters {
		if i > 0 {
			ch.Prev = b.chapters[i-1]
		}
		if i+1 < len(b.chapters) {
			ch.Next = b.chapters[i+1]
		}
		if err := b.renderChapter(ch); err != nil {
			return 0, fmt.Errorf("%s: %w", ch.Slug, err)
		}
	}
	if err := b.math.render(opt.Root); err != nil {
		return 0, err
	}
	if err := b.writeSearchIndex(); err != nil {
		return 0, err
	}
	if err := b.writePages(); err != nil {
		return 0, err
	}
	if err := b.copyAssets(); err != nil {
		return 0, err
	}
	if err := bundle.Build(opt.Root, filepath.Join(opt.Out, bundle.Dir)); err != nil {
		return 0, err
	}
	return len(b.chapters) + 1, nil
}

// renderChapter renders the three parts of a chapter into ch.Body.
func (b *builder) renderChapter(ch *chapter) error {
	md := &markdown{site: b, ids: newPageIDs()}
	for _, id := range []string{"lesson", "notebook", "exercise", "top"} {
		md.ids.Put([]byte(id))
	}
	var body strings.Builder
	if ch.Lesson != "" {
		src, err := os.ReadFile(filepath.Join(b.opt.Root, ch.Lesson))
		if err != nil {
			return err
		}
		ch.Title = lessonTitle(string(src), ch.Number, ch.Slug)
		summary, err := b.summary(string(src))
		if err != nil {
			return err
		}
		ch.Summary = template.HTML(summary)
		html, err := md.render(string(src), mdDoc{dir: "lessons", dropTitle: true})
		if err != nil {
			return err
		}
		body.WriteString(`<section id="lesson" class="part part-lesson">` + html + "</section>\n")
	}
	// The chapter's explorable (the course's Go code as WebAssembly), if any.
	explorable, err := bundle.Fragment(ch.Number, "")
	if err != nil {
		return err
	}
	body.WriteString(explorable)
	if ch.Notebook != "" {
		html, err := b.renderNotebook(ch, md)
		if err != nil {
			return err
		}
		body.WriteString(html)
	}
	html, err := b.renderExercise(ch, md)
	if err != nil {
		return err
	}
	body.WriteString(html)
	ch.Body = body.String()
	ch.Outline = outline(ch.Body)
	return nil
}

// copyAssets writes the stylesheet, the script and KaTeX's stylesheet and
// fonts (woff2, which every browser that runs the site reads).
func (b *builder) copyAssets() error {
	err := fs.WalkDir(assets, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := assets.ReadFile(p)
		if err != nil {
			return err
		}
		return writeFile(filepath.Join(b.opt.Out, p), data)
	})
	if err != nil {
		return err
	}
	dist := filepath.Join(b.opt.Root, "web", "node_modules", "katex", "dist")
	css, err := os.ReadFile(filepath.Join(dist, "katex.min.css"))
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(b.opt.Out, "assets", "katex", "katex.min.css"), css); err != nil {
		return err
	}
	fonts, err := filepath.Glob(filepath.Join(dist, "fonts", "*.woff2"))
	if err != nil || len(fonts) == 0 {
		return errors.Join(err, errors.New("no KaTeX fonts in "+dist))
	}
	for _, f := range fonts {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if err := writeFile(filepath.Join(b.opt.Out, "assets", "katex", "fonts", filepath.Base(f)), data); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// exerciseInfo is the part of exercises/info.json the site shows.
type exerciseInfo struct {
	Name  string   `json:"name"`
	Title string   `json:"title"`
	Hints []string `json:"hints"`
	Tests []struct {
		Name   string `json:"name"`
		Points int    `json:"points"`
	} `json:"tests"`
}

func readExerciseInfo(root string) (map[string]exerciseInfo, error) {
	data, err := os.ReadFile(filepath.Join(root, "exercises", "info.json"))
	if errors.Is(err, os.ErrNotExist) {
		return map[string]exerciseInfo{}, nil
	}
	if err != nil {
		return nil, err
	}
	var info struct {
		Exercises []exerciseInfo `json:"exercises"`
	}
	if err := json.Unmarshal(data, &info); err != nil {
		return nil, fmt.Errorf("exercises/info.json: %w", err)
	}
	out := map[string]exerciseInfo{}
	for _, e := range info.Exercises {
		out[e.Name] = e
	}
	return out, nil
}

// stubFiles lists the files a learner downloads for exercise slug: its Go
// files that are not tests. Hidden tests and mutants are never listed.
func stubFiles(root, slug string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(root, "exercises", slug))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
			out = append(out, n)
		}
	}
	return out, nil
}
