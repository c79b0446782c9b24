package tokenizer

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// r50kPair returns tiktoken-go's r50k and the RankBPE read from its ranks
// table as written by WriteRanks.
var r50kPair = sync.OnceValues(func() (*BPE, *RankBPE) {
	ref, err := NewBPE("r50k")
	if err != nil {
		panic(err)
	}
	var table bytes.Buffer
	if err := ref.WriteRanks(&table); err != nil {
		panic(err)
	}
	got, err := ReadRanks("r50k", &table)
	if err != nil {
		panic(err)
	}
	return ref, got
})

// hardCases (none with U+007F, which tiktoken-go drops: see RankBPE) exercise each alternative of GPT-2's pattern and its backtracking.
var hardCases = []string{
	"", " ", "  ", "a", " a", "  a", "a  ", "a \n b", "\n\n\nHello", "x\t\ty", " \u00a0word", "\u3000\u3000z", "a\u2028b",
	"I'm here, we'll see; they've gone, it's 'sad' 'S", "'s's 're'", " 's", ".'s", "''", " '", "'", "'x",
	"1234567 ٣٤ Ⅻ ½", " 42x", "x42", "héllo wörld Ελληνικά русский 日本語のテキスト", "emoji 🙂🙂 👩‍👩‍👧 ok",
	"func main() {\n\tfmt.Println(\"hi\")\n}\n", "a   \n\n   b   ", "tabs\t\t\tend\t", "\xff\xfe bad \xc3", "mixed\x80bytes",
	strings.Repeat(" ", 300) + "x", strings.Repeat("ab", 200), strings.Repeat("!?", 150),
}

func TestRankBPEMatchesTiktoken(t *testing.T) {
	ref, got := r50kPair()
	if got.VocabSize() != ref.VocabSize() || got.Name() != "r50k" {
		t.Fatalf("V %d, name %q; want %d, r50k", got.VocabSize(), got.Name(), ref.VocabSize())
	}
	texts := append(slices.Clone(hardCases), opticks(t))
	for _, text := range texts {
		want, ids := ref.Encode(text), got.Encode(text)
		if !slices.Equal(ids, want) {
			i := 0
			for i < min(len(ids), len(want)) && ids[i] == want[i] {
				i++
			}
			t.Errorf("%.60q: %d tokens, tiktoken-go %d; first difference at token %d", text, len(ids), len(want), i)
		}
		if dec := got.Decode(ids); dec != ref.Decode(want) {
			t.Errorf("%.60q: Decode differs from tiktoken-go's", text)
		}
	}
	if del := "a\x7f\x7fb \x7f"; got.Decode(got.Encode(del)) != del {
		t.Errorf("%q does not survive Encode and Decode", del)
	}
}

func TestReadRanksErrors(t *testing.T) {
	var bytesOnly strings.Builder
	for c := range 256 {
		fmt.Fprintf(&bytesOnly, "%s %d\n", base64.StdEncoding.EncodeToString([]byte{byte(c)}), c)
	}
	b := bytesOnly.String()
	if tok, err := ReadRanks("bytes", strings.NewReader(b)); err != nil || tok.VocabSize() != 256 || !slices.Equal(tok.Encode("hi"), []int{'h', 'i'}) {
		t.Fatalf("the 256 single bytes: %v", err)
	}
	for _, table := range []string{b + "YWI= x\n", b + "YWI= 256\nYWI= 257\n", b + "YWI= 258\n", b + "not base64! 256\n", b[strings.Index(b, "\n")+1:]} {
		if _, err := ReadRanks("t", strings.NewReader(table)); err == nil {
			t.Errorf("ReadRanks accepted a bad table ending %q", table[len(table)-20:])
		}
	}
}

func FuzzRankBPE(f *testing.F) {
	for _, s := range hardCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ref, got := r50kPair()
		if utf8.ValidString(text) && got.Decode(got.Encode(text)) != text {
			t.Errorf("%q: Decode(Encode(text)) differs from text", text)
		}
		if strings.ContainsRune(text, 0x7f) {
			return // tiktoken-go drops DEL (see RankBPE)
		}
		if want, ids := ref.Encode(text), got.Encode(text); !slices.Equal(ids, want) {
			t.Errorf("%q: %v, tiktoken-go %v", text, ids, want)
		}
	})
}
