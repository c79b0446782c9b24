package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpticksSize(t *testing.T) {
	s, err := Opticks()
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != OpticksBytes {
		t.Fatalf("Opticks has %d bytes, want %d", len(s), OpticksBytes)
	}
}

func TestMissingFileNamesPath(t *testing.T) {
	p := filepath.Join(t.TempDir(), "nope.txt")
	_, err := ReadFile(p)
	if err == nil || !strings.Contains(err.Error(), p) {
		t.Fatalf("error %v does not name %s", err, p)
	}
}

func TestSplitParagraphs(t *testing.T) {
	var ps []string
	for i := range 40 {
		ps = append(ps, strings.Repeat("w", i+1)+"\nline two")
	}
	sp := SplitParagraphs(strings.Join(ps, "\n \n\r\n\n"))
	va, te := Paragraphs(sp.Validation), Paragraphs(sp.Test)
	if len(Paragraphs(sp.Train)) != 36 || len(va) != 2 || len(te) != 2 {
		t.Fatalf("split sizes %d/%d/%d, want 36/2/2", len(Paragraphs(sp.Train)), len(va), len(te))
	}
	if va[0] != ps[18] || va[1] != ps[38] || te[0] != ps[19] || te[1] != ps[39] {
		t.Fatalf("wrong paragraphs in validation/test: %q %q", va, te)
	}
}

func TestOpticksSplitDisjointAndComplete(t *testing.T) {
	full, err := Opticks()
	if err != nil {
		t.Fatal(err)
	}
	sp := SplitParagraphs(full)
	n := len(Paragraphs(sp.Train)) + len(Paragraphs(sp.Validation)) + len(Paragraphs(sp.Test))
	if n != len(Paragraphs(full)) {
		t.Fatalf("split lost paragraphs: %d of %d", n, len(Paragraphs(full)))
	}
	if len(sp.Validation) < 10000 || len(sp.Test) < 10000 {
		t.Fatalf("validation %d bytes, test %d bytes: too small", len(sp.Validation), len(sp.Test))
	}
}

func TestStripHTML(t *testing.T) {
	got := StripHTML("<p>a &lt; b<!-- c --></p>\n\n\n<b>x</b>")
	if got != "a < b\n\nx\n" {
		t.Fatalf("StripHTML = %q", got)
	}
}

func TestGoSpec(t *testing.T) {
	if _, err := os.Stat(must(GoSpecPath())); err != nil {
		t.Skip("go_spec.html not in this toolchain")
	}
	s, err := GoSpec()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(s, "<p>") || !strings.Contains(s, "reference manual for the Go programming language") {
		t.Fatalf("GoSpec not stripped: %.200q", s)
	}
}

func must(s string, err error) string {
	if err != nil {
		panic(err)
	}
	return s
}
