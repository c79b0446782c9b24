// Package corpus loads the texts the course's language models are trained
// and measured on, and splits them deterministically.
//
// Every Go installation carries the training text: Newton's Opticks (public
// domain, 567,198 bytes) at $GOROOT/src/testdata/Isaac.Newton-Opticks.txt.
// The Go specification ($GOROOT/doc/go_spec.html, tags stripped) serves as
// an out-of-domain test set. Nothing is downloaded.
package corpus

import (
	"errors"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// OpticksBytes is the size of the Opticks file shipped with Go.
const OpticksBytes = 567198

// GOROOT returns the Go installation directory: $GOROOT when set, otherwise
// the answer of `go env GOROOT`.
func GOROOT() (string, error) {
	if r := os.Getenv("GOROOT"); r != "" {
		return r, nil
	}
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("corpus: cannot find GOROOT (set $GOROOT or put `go` on PATH): %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// OpticksPath returns $GOROOT/src/testdata/Isaac.Newton-Opticks.txt.
func OpticksPath() (string, error) {
	root, err := GOROOT()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, "src", "testdata", "Isaac.Newton-Opticks.txt"), nil
}

// GoSpecPath returns $GOROOT/doc/go_spec.html.
func GoSpecPath() (string, error) {
	root, err := GOROOT()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, "doc", "go_spec.html"), nil
}

// ReadFile returns the text of path; a missing file gives an error naming
// the path and saying what it is for.
func ReadFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("corpus: %s is missing (it ships with the Go toolchain; is GOROOT right?)", path)
	}
	if err != nil {
		return "", fmt.Errorf("corpus: %w", err)
	}
	return string(b), nil
}

// Opticks returns the full text of Newton's Opticks.
func Opticks() (string, error) {
	p, err := OpticksPath()
	if err != nil {
		return "", err
	}
	return ReadFile(p)
}

// GoSpec returns the Go specification as plain text: HTML tags removed,
// entities decoded, runs of blank lines collapsed.
func GoSpec() (string, error) {
	p, err := GoSpecPath()
	if err != nil {
		return "", err
	}
	s, err := ReadFile(p)
	if err != nil {
		return "", err
	}
	return StripHTML(s), nil
}

var (
	tagRE    = regexp.MustCompile(`(?s)<!--.*?-->|<[^>]*>`)
	blanksRE = regexp.MustCompile(`\n[ \t]*(\n[ \t]*)+`)
)

// StripHTML removes comments and tags, decodes entities (&lt; → <) and
// collapses runs of blank lines into one blank line.
func StripHTML(s string) string {
	s = tagRE.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	s = blanksRE.ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s) + "\n"
}

// Paragraphs splits text at blank lines (lines holding only spaces count as
// blank) and returns the non-empty paragraphs, each without surrounding
// whitespace. Carriage returns are dropped first.
func Paragraphs(text string) []string {
	text = strings.ReplaceAll(text, "\r", "")
	var out []string
	for _, p := range blanksRE.Split(text, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Split is a text cut into disjoint training, validation and test parts.
type Split struct {
	Train, Validation, Test string
}

// SplitParagraphs assigns paragraph i (0-based, see Paragraphs) to the
// validation set when i mod 20 = 18, to the test set when i mod 20 = 19 and
// to the training set otherwise (90 % / 5 % / 5 % of paragraphs). Each part
// joins its paragraphs with a blank line and ends with a newline. The split
// is a pure function of the text: every run, on every machine, gets the same
// parts. Interleaving keeps all three parts spread over the whole book.
func SplitParagraphs(text string) Split {
	var tr, va, te []string
	for i, p := range Paragraphs(text) {
		switch i % 20 {
		case 18:
			va = append(va, p)
		case 19:
			te = append(te, p)
		default:
			tr = append(tr, p)
		}
	}
	join := func(ps []string) string {
		if len(ps) == 0 {
			return ""
		}
		return strings.Join(ps, "\n\n") + "\n"
	}
	return Split{Train: join(tr), Validation: join(va), Test: join(te)}
}

// OpticksSplit loads Opticks and splits it with SplitParagraphs.
func OpticksSplit() (Split, error) {
	t, err := Opticks()
	if err != nil {
		return Split{}, err
	}
	return SplitParagraphs(t), nil
}
