package tokenizer

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// RankBPE is a byte-level BPE tokenizer read from a ranks table — each
// token's bytes and its rank, which is also its id, the form in which
// tiktoken ships an encoding — with GPT-2's pre-tokenizer. From r50k_base's
// table it encodes as [BPE] "r50k" does, without compiling tiktoken-go's
// tables (and its regexp engine) into the program: the in-browser
// explorables fetch the table as a data file instead. The one difference,
// checked for every Unicode code point, is U+007F (DEL): tiktoken-go v0.10.0's
// compiled pattern leaves it out of [^\s\p{L}\p{N}] and drops it from the
// output; here it is a token, as in OpenAI's tiktoken.
//
// Encode splits text into pieces by GPT-2's pattern
//
//	's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
//
// then merges each piece's bytes, lowest rank first (leftmost on ties),
// while an adjacent pair's concatenation is a token.
type RankBPE struct {
	name   string
	ranks  map[string]int
	pieces []string // pieces[id] is the token's bytes
}

// ReadRanks reads a ranks table in tiktoken's format — one line
// "base64(token bytes) rank" per token, ranks 0 … V−1 each once — and returns
// the tokenizer called name. Every single byte must be a token.
func ReadRanks(name string, r io.Reader) (*RankBPE, error) {
	b := &RankBPE{name: name, ranks: make(map[string]int)}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		tok, rank, ok := strings.Cut(sc.Text(), " ")
		piece, err := base64.StdEncoding.DecodeString(tok)
		id, err2 := strconv.Atoi(rank)
		if !ok || err != nil || err2 != nil || id < 0 {
			return nil, fmt.Errorf("tokenizer: ReadRanks %s: line %d: want \"base64 rank\", got %.40q", name, line, sc.Text())
		}
		if _, dup := b.ranks[string(piece)]; dup {
			return nil, fmt.Errorf("tokenizer: ReadRanks %s: line %d: token %q listed twice", name, line, piece)
		}
		b.ranks[string(piece)] = id
		for len(b.pieces) <= id {
			b.pieces = append(b.pieces, "")
		}
		b.pieces[id] = string(piece)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("tokenizer: ReadRanks %s: %w", name, err)
	}
	if len(b.ranks) != len(b.pieces) {
		return nil, fmt.Errorf("tokenizer: ReadRanks %s: ranks are not 0 … V−1 (%d tokens, largest rank %d)", name, len(b.ranks), len(b.pieces)-1)
	}
	for c := range 256 {
		if _, ok := b.ranks[string([]byte{byte(c)})]; !ok {
			return nil, fmt.Errorf("tokenizer: ReadRanks %s: byte 0x%02x is not a token (a byte-level BPE needs all 256)", name, c)
		}
	}
	return b, nil
}

// WriteRanks writes b's ranks table, ids 0 … V−1, in tiktoken's format: what
// [ReadRanks] reads.
func (b *BPE) WriteRanks(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for id := range b.vocab {
		fmt.Fprintf(bw, "%s %d\n", base64.StdEncoding.EncodeToString([]byte(b.Decode([]int{id}))), id)
	}
	return bw.Flush()
}

// Name returns the name given to ReadRanks.
func (b *RankBPE) Name() string { return b.name }

// VocabSize returns the number of tokens in the table.
func (b *RankBPE) VocabSize() int { return len(b.pieces) }

// Encode returns the token ids of text. Invalid UTF-8 is read one rune at a
// time, each bad byte as U+FFFD, as tiktoken-go's pattern matcher reads it.
// Time O(n²) in the length n of the longest piece.
func (b *RankBPE) Encode(text string) []int {
	if !utf8.ValidString(text) {
		text = string([]rune(text))
	}
	var ids []int
	for text != "" {
		n := gpt2Piece(text)
		ids = b.appendMerged(ids, text[:n])
		text = text[n:]
	}
	return ids
}

// Decode returns the bytes of ids; it panics on an id outside [0, V).
func (b *RankBPE) Decode(ids []int) string {
	var sb strings.Builder
	for _, id := range ids {
		if id < 0 || id >= len(b.pieces) {
			panic(fmt.Sprintf("tokenizer: %s.Decode: id %d outside [0, %d)", b.name, id, len(b.pieces)))
		}
		sb.WriteString(b.pieces[id])
	}
	return sb.String()
}

// appendMerged appends the tokens of one piece: the piece itself if it is a
// token, else the parts left when no adjacent pair merges into a token any
// more, merging the lowest-ranked pair (the leftmost on ties) each step.
func (b *RankBPE) appendMerged(ids []int, piece string) []int {
	if id, ok := b.ranks[piece]; ok {
		return append(ids, id)
	}
	cut := make([]int, len(piece)+1) // part i is piece[cut[i]:cut[i+1]]
	for i := range cut {
		cut[i] = i
	}
	rank := func(i int) int { // the rank of parts i and i+1 merged
		if i+2 >= len(cut) {
			return math.MaxInt
		}
		if r, ok := b.ranks[piece[cut[i]:cut[i+2]]]; ok {
			return r
		}
		return math.MaxInt
	}
	ranks := make([]int, len(cut))
	for i := range ranks {
		ranks[i] = rank(i)
	}
	for {
		best := 0
		for i, r := range ranks {
			if r < ranks[best] {
				best = i
			}
		}
		if ranks[best] == math.MaxInt {
			break
		}
		cut = append(cut[:best+1], cut[best+2:]...)
		ranks = append(ranks[:best+1], ranks[best+2:]...)
		ranks[best] = rank(best)
		if best > 0 {
			ranks[best-1] = rank(best - 1)
		}
	}
	for i := range len(cut) - 1 {
		ids = append(ids, b.ranks[piece[cut[i]:cut[i+1]]])
	}
	return ids
}

// rune classes of GPT-2's pattern: \s, \p{L}, \p{N} and the rest.
const (
	classSpace = iota
	classLetter
	classNumber
	classOther
)

func classOf(r rune) int {
	switch {
	case unicode.IsSpace(r):
		return classSpace
	case unicode.IsLetter(r):
		return classLetter
	case unicode.IsNumber(r):
		return classNumber
	}
	return classOther
}

// runOf returns the length in bytes of the run of class c at the start of s.
func runOf(s string, c int) int {
	for i, r := range s {
		if classOf(r) != c {
			return i
		}
	}
	return len(s)
}

// gpt2Piece returns the length in bytes of the first piece of s (not empty)
// under GPT-2's pattern, its alternatives tried in order as a backtracking
// matcher does.
func gpt2Piece(s string) int {
	for _, c := range [...]string{"'s", "'t", "'re", "'ve", "'m", "'ll", "'d"} {
		if strings.HasPrefix(s, c) {
			return len(c)
		}
	}
	// " ?\p{L}+", " ?\p{N}+", " ?[^\s\p{L}\p{N}]+": an optional space, then a
	// run of one class.
	start := 0
	if s[0] == ' ' && len(s) > 1 {
		if r, _ := utf8.DecodeRuneInString(s[1:]); classOf(r) != classSpace {
			start = 1
		}
	}
	r, _ := utf8.DecodeRuneInString(s[start:])
	if c := classOf(r); c != classSpace {
		return start + runOf(s[start:], c)
	}
	// "\s+(?!\S)": a run of spaces not followed by a non-space, so the run
	// gives its last rune back when a non-space follows; "\s+" when that
	// leaves nothing.
	end := runOf(s, classSpace)
	if end == len(s) {
		return end
	}
	if _, n := utf8.DecodeLastRuneInString(s[:end]); end-n > 0 {
		return end - n
	}
	return end
}
