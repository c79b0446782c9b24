package tokenizer

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func opticks(t *testing.T) string {
	t.Helper()
	root, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skip("no go on PATH")
	}
	b, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(root)), "src", "testdata", "Isaac.Newton-Opticks.txt"))
	if err != nil {
		t.Skip(err)
	}
	return string(b)
}

// The token counts of the whole of Opticks, measured with tiktoken's own
// encodings (see the issue that introduced this package).
func TestOpticksTokenCounts(t *testing.T) {
	text := opticks(t)
	want := map[string]int{"bytes": 567198, "r50k": 147297, "cl100k": 139802, "o200k": 138434}
	for name, n := range want {
		tok, err := New(name, "")
		if err != nil {
			t.Fatal(err)
		}
		ids := tok.Encode(text)
		if len(ids) != n {
			t.Errorf("%s: %d tokens, want %d", name, len(ids), n)
		}
		for _, id := range ids {
			if id < 0 || id >= tok.VocabSize() {
				t.Fatalf("%s: id %d outside [0, %d)", name, id, tok.VocabSize())
			}
		}
		if got := tok.Decode(ids); got != text {
			t.Errorf("%s: Decode(Encode(text)) differs from text", name)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	texts := []string{"", "a", "Light is refracted.\n", "naïve — café ∑ 🙂", "<|endoftext|> is plain text here"}
	for _, name := range Names {
		tok, err := New(name, strings.Join(texts, ""))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range texts {
			for _, id := range tok.Encode(s) {
				if id < 0 || id >= tok.VocabSize() {
					t.Errorf("%s: %q gives id %d outside [0, %d)", name, s, id, tok.VocabSize())
				}
			}
			if got := tok.Decode(tok.Encode(s)); got != s {
				t.Errorf("%s: round trip of %q gave %q", name, s, got)
			}
		}
	}
}

func TestChars(t *testing.T) {
	c := NewChars("abca")
	if c.VocabSize() != 4 {
		t.Fatalf("V = %d, want 4 (unknown, a, b, c)", c.VocabSize())
	}
	if got := fmt.Sprint(c.Encode("cabz")); got != "[3 1 2 0]" {
		t.Fatalf("Encode = %s", got)
	}
	if got := c.Decode(c.Encode("az")); got != "a\uFFFD" {
		t.Fatalf("Decode = %q", got)
	}
}

func TestVocabSizes(t *testing.T) {
	for name, v := range map[string]int{"bytes": 256, "r50k": 50256, "cl100k": 100256, "o200k": 199998} {
		tok, _ := New(name, "")
		if tok.VocabSize() != v {
			t.Errorf("%s: V = %d, want %d", name, tok.VocabSize(), v)
		}
		if name != "bytes" {
			_ = tok.Decode([]int{v - 1}) // the last ordinary token exists
		}
	}
	if _, err := New("gpt2", ""); err == nil || !strings.Contains(err.Error(), "gpt2") {
		t.Fatalf("New(gpt2) error = %v", err)
	}
}

func ExampleNew() {
	tok, _ := New("cl100k", "")
	ids := tok.Encode("Opticks")
	fmt.Println(ids, tok.Decode(ids[:1]), tok.VocabSize())
	// Output: [22078 5908] Opt 100256
}
