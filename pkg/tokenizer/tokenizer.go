// Package tokenizer puts the tokenizers the course measures behind one small
// interface: raw bytes (V = 256), Unicode characters (a vocabulary read off
// a training text) and the byte-level BPE encodings of OpenAI's models —
// r50k_base (GPT-2, GPT-3), cl100k_base (GPT-3.5, GPT-4) and o200k_base
// (GPT-4o) — from github.com/tiktoken-go/tokenizer, whose vocabularies are
// compiled into the binary, so nothing is downloaded.
//
// Token ids are ints in [0, VocabSize()). Perplexities computed with
// different tokenizers are not comparable (a token is a different unit);
// bits per byte is — see package lmeval.
package tokenizer

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	tiktoken "github.com/tiktoken-go/tokenizer"
)

// Tokenizer turns text into token ids and back.
type Tokenizer interface {
	// Name is the short name used on the command line: bytes, chars,
	// r50k, cl100k or o200k.
	Name() string
	// VocabSize is V, the number of distinct token ids; every id the
	// tokenizer produces lies in [0, V).
	VocabSize() int
	// Encode returns the token ids of text.
	Encode(text string) []int
	// Decode returns the text of ids; for a byte-level tokenizer a slice
	// cut inside a multi-byte character gives invalid UTF-8, as it should.
	Decode(ids []int) string
}

// Names lists the tokenizers New accepts, smallest vocabulary first.
var Names = []string{"bytes", "chars", "r50k", "cl100k", "o200k"}

// New returns the tokenizer called name (one of Names). The chars tokenizer
// takes its vocabulary from training; the others ignore it.
func New(name, training string) (Tokenizer, error) {
	switch name {
	case "bytes":
		return Bytes{}, nil
	case "chars":
		return NewChars(training), nil
	case "r50k", "cl100k", "o200k":
		return NewBPE(name)
	}
	return nil, fmt.Errorf("tokenizer: unknown tokenizer %q (want one of %s)", name, strings.Join(Names, ", "))
}

// Bytes is the byte tokenizer: token id = byte value, V = 256. Every text
// can be encoded and every id sequence decodes to exactly its bytes.
type Bytes struct{}

// Name returns "bytes".
func (Bytes) Name() string { return "bytes" }

// VocabSize returns 256.
func (Bytes) VocabSize() int { return 256 }

// Encode returns the bytes of text as ids, O(len(text)).
func (Bytes) Encode(text string) []int {
	ids := make([]int, len(text))
	for i := range len(text) {
		ids[i] = int(text[i])
	}
	return ids
}

// Decode returns the bytes ids as a string; it panics on an id outside [0, 256).
func (Bytes) Decode(ids []int) string {
	b := make([]byte, len(ids))
	for i, id := range ids {
		if id < 0 || id > 255 {
			panic(fmt.Sprintf("tokenizer: Bytes.Decode: id %d outside [0, 256)", id))
		}
		b[i] = byte(id)
	}
	return string(b)
}

// Chars is a character (Unicode code point) tokenizer. Id 0 is the unknown
// character, written as U+FFFD; ids 1… are the distinct characters of the
// training text in code-point order.
type Chars struct {
	runes []rune
	index map[rune]int
}

// Unknown is the id Chars gives to a character missing from its vocabulary.
const Unknown = 0

// NewChars builds a character vocabulary from training: V = 1 + the number
// of distinct runes in it.
func NewChars(training string) *Chars {
	seen := map[rune]bool{}
	for _, r := range training {
		seen[r] = true
	}
	runes := []rune{utf8.RuneError}
	for r := range seen {
		if r != utf8.RuneError {
			runes = append(runes, r)
		}
	}
	slices.Sort(runes[1:])
	c := &Chars{runes: runes, index: make(map[rune]int, len(runes))}
	for i, r := range runes[1:] {
		c.index[r] = i + 1
	}
	return c
}

// Name returns "chars".
func (*Chars) Name() string { return "chars" }

// VocabSize returns 1 + the number of distinct training characters.
func (c *Chars) VocabSize() int { return len(c.runes) }

// Encode returns one id per rune; runes missing from the vocabulary (and
// invalid UTF-8) become Unknown.
func (c *Chars) Encode(text string) []int {
	ids := make([]int, 0, len(text))
	for _, r := range text {
		ids = append(ids, c.index[r])
	}
	return ids
}

// Decode joins the characters of ids; it panics on an id outside [0, V).
func (c *Chars) Decode(ids []int) string {
	var sb strings.Builder
	for _, id := range ids {
		if id < 0 || id >= len(c.runes) {
			panic(fmt.Sprintf("tokenizer: Chars.Decode: id %d outside [0, %d)", id, len(c.runes)))
		}
		sb.WriteRune(c.runes[id])
	}
	return sb.String()
}

// BPE is one of OpenAI's byte-level BPE encodings. Its vocabulary is the
// ordinary tokens only: special tokens such as <|endoftext|> are never
// produced by Encode here, so V is 1 (r50k) or 21 (cl100k, o200k) less than
// tiktoken's n_vocab.
type BPE struct {
	name  string
	vocab int
	codec tiktoken.Codec
}

var bpeEncodings = map[string]struct {
	enc   tiktoken.Encoding
	vocab int
}{
	"r50k":   {tiktoken.R50kBase, 50256},    // ids 0…50255; <|endoftext|> = 50256
	"cl100k": {tiktoken.Cl100kBase, 100256}, // ids 0…100255; specials from 100257
	"o200k":  {tiktoken.O200kBase, 199998},  // ids 0…199997; specials from 199999
}

// NewBPE returns the BPE tokenizer r50k, cl100k or o200k.
func NewBPE(name string) (*BPE, error) {
	e, ok := bpeEncodings[name]
	if !ok {
		return nil, fmt.Errorf("tokenizer: unknown BPE encoding %q (want r50k, cl100k or o200k)", name)
	}
	c, err := tiktoken.Get(e.enc)
	if err != nil {
		return nil, fmt.Errorf("tokenizer: %s: %w", e.enc, err)
	}
	return &BPE{name: name, vocab: e.vocab, codec: c}, nil
}

// Name returns r50k, cl100k or o200k.
func (b *BPE) Name() string { return b.name }

// VocabSize returns the number of ordinary tokens.
func (b *BPE) VocabSize() int { return b.vocab }

// Encode returns the BPE token ids of text. It panics if the codec fails,
// which it does not for any string in its default error mode.
func (b *BPE) Encode(text string) []int {
	u, _, err := b.codec.Encode(text)
	if err != nil {
		panic(fmt.Sprintf("tokenizer: %s.Encode: %v", b.name, err))
	}
	ids := make([]int, len(u))
	for i, v := range u {
		ids[i] = int(v)
	}
	return ids
}

// Decode returns the bytes of ids (possibly invalid UTF-8 when a slice cuts
// a character); it panics on an id outside [0, V).
func (b *BPE) Decode(ids []int) string {
	u := make([]uint, len(ids))
	for i, id := range ids {
		if id < 0 || id >= b.vocab {
			panic(fmt.Sprintf("tokenizer: %s.Decode: id %d outside [0, %d)", b.name, id, b.vocab))
		}
		u[i] = uint(id)
	}
	s, err := b.codec.Decode(u)
	if err != nil {
		panic(fmt.Sprintf("tokenizer: %s.Decode: %v", b.name, err))
	}
	return s
}
