package lmeval

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestRepeatedNGramRate(t *testing.T) {
	words := strings.Fields
	for _, c := range []struct {
		name string
		seq  []string
		n    int
		want float64
	}{
		{"no repeat", words("a b c d e f"), 2, 0},
		// bigrams: ab bc ca ab bc ca ab → the last 4 are repeats of earlier ones
		{"a loop of three", words("a b c a b c a b"), 2, 4.0 / 7},
		{"unigrams", words("the cat the dog the"), 1, 2.0 / 5},
		{"4-grams of a loop of two", words("x y x y x y x y"), 4, 3.0 / 5},
		{"shorter than n", words("a b"), 3, 0},
		{"n = len", words("a b a"), 3, 0},
		{"same first word, different 2-grams", words("a b a c a d"), 2, 0},
	} {
		if got := RepeatedNGramRate(c.seq, c.n); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// repeatedByDefinition counts repeats directly, comparing every earlier position.
func repeatedByDefinition(seq []byte, n int) float64 {
	repeated, total := 0, 0
	for i := 0; i+n <= len(seq); i++ {
		total++
		for j := range i {
			if string(seq[j:j+n]) == string(seq[i:i+n]) {
				repeated++
				break
			}
		}
	}
	if total == 0 {
		return 0
	}
	return float64(repeated) / float64(total)
}

// Against the definition on random byte strings over small alphabets.
func TestRepeatedNGramRateMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(20, 0))
	for range 300 {
		seq := make([]byte, rng.IntN(40))
		for i := range seq {
			seq[i] = byte(rng.IntN(3))
		}
		n := 1 + rng.IntN(4)
		if got, want := RepeatedNGramRate(seq, n), repeatedByDefinition(seq, n); got != want {
			t.Fatalf("%v n=%d: %v, want %v", seq, n, got, want)
		}
	}
}

func FuzzRepeatedNGramRate(f *testing.F) {
	f.Add([]byte("abcabcab"), uint8(2))
	f.Fuzz(func(t *testing.T, seq []byte, n uint8) {
		k := int(n%8) + 1
		got := RepeatedNGramRate(seq, k)
		if got < 0 || got > 1 || got != repeatedByDefinition(seq, k) {
			t.Fatalf("%q n=%d: %v, definition %v", seq, k, got, repeatedByDefinition(seq, k))
		}
	})
}
