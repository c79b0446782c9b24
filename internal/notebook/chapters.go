package notebook

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Chapter is one concept of the course: a lesson and a notebook that share
// a number prefix and slug, e.g. lessons/05-cross-entropy.md and
// notebooks/05-cross-entropy.ipynb. Either path is "" when the file is
// missing.
type Chapter struct {
	Slug     string // "05-cross-entropy"
	Lesson   string // path relative to the repository root
	Notebook string // path relative to the repository root
}

// Number returns the two-digit prefix of the slug, e.g. "05".
func (c Chapter) Number() string { return c.Slug[:2] }

var slugRE = regexp.MustCompile(`^[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*$`)

// Chapters lists the chapters found under root/lessons and root/notebooks,
// in course order (by slug). Files whose names are not NN-slug (README.md)
// are ignored.
func Chapters(root string) ([]Chapter, error) {
	bySlug := map[string]*Chapter{}
	add := func(dir, ext string, set func(*Chapter, string)) error {
		entries, err := os.ReadDir(filepath.Join(root, dir))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		for _, e := range entries {
			slug, ok := strings.CutSuffix(e.Name(), ext)
			if !ok || e.IsDir() || !slugRE.MatchString(slug) {
				continue
			}
			c := bySlug[slug]
			if c == nil {
				c = &Chapter{Slug: slug}
				bySlug[slug] = c
			}
			set(c, filepath.Join(dir, e.Name()))
		}
		return nil
	}
	if err := add("lessons", ".md", func(c *Chapter, p string) { c.Lesson = p }); err != nil {
		return nil, err
	}
	if err := add("notebooks", ".ipynb", func(c *Chapter, p string) { c.Notebook = p }); err != nil {
		return nil, err
	}
	var out []Chapter
	for _, c := range bySlug {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Chapter) int { return strings.Compare(a.Slug, b.Slug) })
	return out, nil
}

// Unpaired returns one error per chapter that has a lesson but no notebook
// or the reverse, and per number prefix used by two different slugs.
func Unpaired(chapters []Chapter) []error {
	var errs []error
	seen := map[string]string{}
	for _, c := range chapters {
		switch {
		case c.Lesson == "":
			errs = append(errs, fmt.Errorf("%s has no lesson lessons/%s.md", c.Notebook, c.Slug))
		case c.Notebook == "":
			errs = append(errs, fmt.Errorf("%s has no notebook notebooks/%s.ipynb", c.Lesson, c.Slug))
		}
		if other, ok := seen[c.Number()]; ok {
			errs = append(errs, fmt.Errorf("prefix %s is used by both %s and %s", c.Number(), other, c.Slug))
		}
		seen[c.Number()] = c.Slug
	}
	return errs
}

// Select returns the chapters with a notebook that match any of the
// arguments: a number prefix ("05" or "5"), a slug ("05-cross-entropy") or a path
// ("notebooks/05-cross-entropy.ipynb"). No arguments select every chapter
// with a notebook.
func Select(chapters []Chapter, args []string) ([]Chapter, error) {
	var out []Chapter
	if len(args) == 0 {
		for _, c := range chapters {
			if c.Notebook != "" {
				out = append(out, c)
			}
		}
		return out, nil
	}
	for _, a := range args {
		key := strings.TrimSuffix(filepath.Base(a), ".ipynb")
		if n, err := strconv.Atoi(key); err == nil && n >= 0 {
			key = fmt.Sprintf("%02d", n) // "5" as "05", as course grade accepts
		}
		i := slices.IndexFunc(chapters, func(c Chapter) bool {
			return c.Notebook != "" && (c.Slug == key || c.Number() == key)
		})
		if i < 0 {
			return nil, fmt.Errorf("no notebook matches %q (give NN, NN-slug or notebooks/NN-slug.ipynb)", a)
		}
		if !slices.Contains(out, chapters[i]) {
			out = append(out, chapters[i])
		}
	}
	return out, nil
}
