package bundle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestContexts(t *testing.T) {
	got := Contexts("One two three four five sixth seven eight\n\nA b c d e f g h i j k\n\nFirst second third fourth fifth sixth seventh eighth")
	want := []string{"One two three four five ", "First second third fourth fifth sixth se"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Contexts = %q, want %q", got, want)
	}
}

func TestFragments(t *testing.T) {
	for _, n := range Chapters {
		f, err := Fragment(n, "")
		if err != nil || !strings.Contains(f, `class="blx"`) || !strings.Contains(f, "Try this") || !strings.Contains(f, "<noscript>") {
			t.Errorf("Fragment(%s) = %.80q…, %v", n, f, err)
		}
	}
	if f, err := Fragment("01", ""); f != "" || err != nil {
		t.Errorf("Fragment(01) = %q, %v, want none", f, err)
	}
}

func TestBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two WebAssembly modules")
	}
	out := t.TempDir()
	root, _ := filepath.Abs("../../..")
	if err := Build(root, out); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"explorables.wasm", "perplexity.wasm", "wasm_exec.js", "explorables.js", "explorables.css", "decoding.json", "opticks-train.txt", RanksFile} {
		st, err := os.Stat(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%-18s %9d bytes", f, st.Size())
	}
}
